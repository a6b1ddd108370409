package com.featureapi.platform.data;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.AppSecrets;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data tier ({@code platform:data:Data}): RDS PostgreSQL, ElastiCache Redis and the S3 buckets, all in
 * the database subnets or private, all encrypted with the security tier's keys. In production every
 * stateful resource is {@code protect}ed, has deletion protection or a final snapshot where AWS offers one,
 * and its backups are copied to the replica region.
 */
public final class Data extends ComponentResource {

    public static final String TYPE = "platform:data:Data";

    private final Output<String> databaseAddress;
    private final Output<String> databaseIdentifier;
    private final Optional<Output<String>> databaseReadAddress;
    private final Output<String> cacheReplicationGroupId;
    private final Output<Integer> databasePort;
    private final String databaseName;
    private final Output<String> cacheAddress;
    private final Output<Integer> cachePort;
    private final Output<String> databaseSecretArn;
    private final Output<String> cacheSecretArn;
    private final Output<String> databaseMasterSecretArn;
    private final Map<AppSecrets, Secret> applicationSecrets;
    private final List<Resource> connectionInfoValues;
    private final Map<String, Output<String>> bucketNames = new LinkedHashMap<>();
    private final Map<String, Output<String>> bucketArns = new LinkedHashMap<>();

    public Data(String name, DataArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();

        Database.Created databases = Database.create(this, args);
        Instance database = databases.primary();
        ReplicationGroup cache = Cache.create(this, args);

        var buckets = new Buckets(this, args);
        var accessLogs = buckets.accessLogs();
        var backups = buckets.data("backups", accessLogs);
        var velero = buckets.data(Buckets.VELERO, accessLogs);
        var traces = buckets.traces(accessLogs);
        args.replicaProvider().ifPresent(replica ->
                buckets.replicate("backups", backups, replica, config.storage().replicaRegion().orElseThrow()));
        var byPurpose = new LinkedHashMap<String, Buckets.Created>();
        byPurpose.put("backups", backups);
        byPurpose.put("velero", velero);
        byPurpose.put(ResourceNames.TRACES_BUCKET, traces);
        byPurpose.put("access-logs", accessLogs);
        byPurpose.forEach((purpose, bucket) -> {
            bucketNames.put(purpose, bucket.name());
            bucketArns.put(purpose, bucket.arn());
        });

        this.databaseAddress = database.address();
        this.databaseIdentifier = database.identifier();
        this.databaseReadAddress = databases.replica().map(Instance::address);
        this.cacheReplicationGroupId = cache.replicationGroupId();
        this.databasePort = database.port();
        this.databaseName = config.database().databaseName();
        // RDS keeps the master password in its own secret; only the migration hook of the Kubernetes tier reads it.
        this.databaseMasterSecretArn = database.masterUserSecrets().applyValue(secrets -> secrets.stream()
                .findFirst().flatMap(secret -> secret.secretArn()).orElse(""));
        this.cacheAddress = cache.primaryEndpointAddress();
        // The port is always the one set on the group; the provider only types it as optional.
        this.cachePort = cache.port().applyValue(port -> port.orElse(Cache.PORT));
        Output<Optional<String>> readHost = databaseReadAddress.map(address -> address.applyValue(Optional::of))
                .orElse(Output.of(Optional.empty()));
        ConnectionSecrets.Published databaseSecret = ConnectionSecrets.publish(this, args, "database", Output.tuple(database.address(), database.port(), readHost)
                .applyValue(t -> ConnectionSecrets.databaseInfo(t.t1, t.t2, config.database().databaseName(), t.t3)));
        ConnectionSecrets.Published cacheSecret = ConnectionSecrets.publish(this, args, "cache", Output.tuple(cache.primaryEndpointAddress(), cache.port())
                .applyValue(t -> ConnectionSecrets.cacheInfo(t.t1, t.t2.orElse(Cache.PORT), ResourceNames.cacheAppUser(config))));
        this.applicationSecrets = ApplicationSecrets.create(this, args);
        this.databaseSecretArn = databaseSecret.secret().arn();
        this.cacheSecretArn = cacheSecret.secret().arn();
        this.connectionInfoValues = List.of(databaseSecret.version(), cacheSecret.version());

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("databaseAddress", databaseAddress);
        outputs.put("databasePort", databasePort);
        databaseReadAddress.ifPresent(address -> outputs.put("databaseReadAddress", address));
        outputs.put("cacheAddress", cacheAddress);
        outputs.put("cachePort", cachePort);
        outputs.put("databaseSecretArn", databaseSecretArn);
        outputs.put("cacheSecretArn", cacheSecretArn);
        applicationSecrets.forEach((secret, created) -> outputs.put(secret.slug() + "Arn", created.arn()));
        bucketNames.forEach((purpose, bucket) -> outputs.put(purpose + "Bucket", bucket));
        bucketArns.forEach((purpose, arn) -> outputs.put(purpose + "BucketArn", arn));
        registerOutputs(outputs);
    }

    /** Host name of the database endpoint (in production it follows a Multi-AZ failover). */
    public Output<String> databaseAddress() {
        return databaseAddress;
    }

    /** Host name of the read replica's endpoint, when {@code platform:database.readReplica} turns one on. */
    public Optional<Output<String>> databaseReadAddress() {
        return databaseReadAddress;
    }

    /** The DB instance identifier ({@code DBInstanceIdentifier} of its CloudWatch metrics). */
    public Output<String> databaseIdentifier() {
        return databaseIdentifier;
    }

    /** The replication group id; its nodes are {@code <id>-001}, {@code <id>-002}, ... ({@code CacheClusterId} of their metrics). */
    public Output<String> cacheReplicationGroupId() {
        return cacheReplicationGroupId;
    }

    public Output<Integer> databasePort() {
        return databasePort;
    }

    /** The database the application uses ({@code platform:database.databaseName}). */
    public String databaseName() {
        return databaseName;
    }

    /** The primary endpoint of the replication group: writes go here, and it follows a failover. */
    public Output<String> cacheAddress() {
        return cacheAddress;
    }

    public Output<Integer> cachePort() {
        return cachePort;
    }

    /** Secret {@code <project>/<stack>/feature-api/database}: host, port, dbname, username, no password. */
    public Output<String> databaseSecretArn() {
        return databaseSecretArn;
    }

    /** Secret {@code <project>/<stack>/feature-api/cache}: host, port, username, TLS, no password. */
    public Output<String> cacheSecretArn() {
        return cacheSecretArn;
    }

    /** The RDS-managed secret of the master user (username, password), encrypted with the RDS key. */
    public Output<String> databaseMasterSecretArn() {
        return databaseMasterSecretArn;
    }

    /**
     * The app's own secrets ({@link AppSecrets}), without a value: the Kubernetes tier's pushes wait for them, since
     * External Secrets may not create a secret (its role has no secretsmanager:CreateSecret) and fails the push until it exists.
     */
    public List<Resource> applicationSecrets() {
        return List.copyOf(applicationSecrets.values());
    }

    /**
     * The values of the connection-info secrets (database, cache): the app's release waits for them, because External
     * Secrets syncs them into the Secret its pods read at start. The database's value waits for the read replica's
     * address when the stack has one (its {@code readHost}), which RDS gives only after creating the replica.
     */
    public List<Resource> connectionInfoValues() {
        return connectionInfoValues;
    }

    /**
     * Bucket names by purpose, in a fixed order ({@code backups}, {@code velero}, {@code access-logs}): the
     * stack output lists them in this order, so it must not change from one run to the next.
     */
    public Map<String, Output<String>> bucketNames() {
        return Collections.unmodifiableMap(bucketNames);
    }
}
