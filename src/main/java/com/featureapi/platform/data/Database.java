package com.featureapi.platform.data;

import com.featureapi.platform.config.DatabaseConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplication;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplicationArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/** RDS PostgreSQL: private, encrypted, IAM-authenticated, monitored, and in production undeletable by accident. */
final class Database {

    /** Current CA of RDS (shared/reference/versions.md), set explicitly rather than trusting the default. */
    static final String CA_CERTIFICATE = "rds-ca-rsa2048-g1";
    /** Statements slower than this are logged, in milliseconds. */
    static final int SLOW_QUERY_MS = 1000;
    /** Performance Insights' free retention, in days (longer retention is billed). */
    static final int PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;
    /** Enhanced Monitoring's granularity, in seconds. */
    static final int MONITORING_INTERVAL_SECONDS = 60;

    private Database() {
    }

    /** The primary, and its read replica when {@code platform:database.readReplica} turns one on. */
    record Created(Instance primary, java.util.Optional<Instance> replica) {
    }

    static Created create(Data owner, DataArgs args) {
        PlatformConfig config = args.config();
        DatabaseConfig db = config.database();
        boolean production = config.environment().isProduction();
        String prefix = config.namePrefix();
        var child = CustomResourceOptions.builder().parent(owner).build();

        var subnets = new SubnetGroup("postgres", SubnetGroupArgs.builder()
                .name(prefix + "-postgres")
                .description("Database subnets of " + prefix + " (no internet route)")
                .subnetIds(args.databaseSubnetIds())
                .tags(NameTag.of(prefix + "-postgres"))
                .build(), child);
        // The family is part of the name. A major upgrade changes the family, which replaces the group: Pulumi
        // creates the new group first (no name clash), points the instance at it in the same ModifyDBInstance as
        // the new engine version, and deletes the old group last. RDS refuses that delete while the instance still
        // uses the old group, so the upgrade itself must not wait for the maintenance window: that is why the
        // reviewed switch platform:database.allowMajorVersionUpgrade also turns on applyImmediately (README,
        // "Upgrading PostgreSQL to a new major").
        var parameters = new ParameterGroup("postgres", ParameterGroupArgs.builder()
                .name(prefix + "-postgres" + db.majorVersion())
                .family(db.parameterGroupFamily())
                .description("TLS only, connection and slow-query logging")
                .parameters(
                        parameter("rds.force_ssl", "1"),
                        parameter("log_connections", "1"),
                        parameter("log_disconnections", "1"),
                        parameter("log_min_duration_statement", Integer.toString(SLOW_QUERY_MS)))
                .tags(NameTag.of(prefix + "-postgres"))
                .build(), child);

        var instance = sharedSettings(InstanceArgs.builder(), args, subnets, parameters)
                .identifier(identifier(config))
                .allowMajorVersionUpgrade(db.allowMajorVersionUpgrade())
                // Never slide into RDS extended support (billed per vCPU-hour) when a major reaches its end.
                .engineLifecycleSupport("open-source-rds-extended-support-disabled")
                .instanceClass(db.instanceClass())
                .multiAz(db.multiAz())
                .kmsKeyId(args.security().rdsKeyArn())
                .dbName(db.databaseName())
                .username(db.masterUsername())
                // RDS generates the master password and keeps it in Secrets Manager: never in config or state.
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(args.security().rdsKeyArn())
                .backupRetentionPeriod(db.backupRetentionDays())
                .backupWindow(db.backupWindow())
                .deletionProtection(production)
                .skipFinalSnapshot(!production)
                // Automated backups outlive a deleted production instance until their retention ends.
                .deleteAutomatedBackups(!production)
                .tags(NameTag.of(prefix + "-postgres"));
        if (production) {
            instance.finalSnapshotIdentifier(prefix + "-postgres-final");
        }
        var database = new Instance("postgres", instance.build(),
                CustomResourceOptions.builder().parent(owner).protect(production)
                        // RDS would otherwise create its log groups itself on first write: unencrypted, never expiring.
                        .dependsOn(DatabaseLogGroups.create(owner, args)).build());

        args.replicaProvider().ifPresent(replica -> {
            String region = config.storage().replicaRegion().orElseThrow();
            var inReplica = CustomResourceOptions.builder().parent(owner).provider(replica).protect(production).build();
            var key = ReplicaKeys.create("postgres-backups-" + region, "rds", region, config, inReplica);
            new InstanceAutomatedBackupsReplication("postgres-backups-" + region, InstanceAutomatedBackupsReplicationArgs.builder()
                    .sourceDbInstanceArn(database.arn())
                    .kmsKeyId(key.arn())
                    .retentionPeriod(db.backupRetentionDays())
                    .build(), CustomResourceOptions.builder().parent(owner).provider(replica).build());
        });
        java.util.Optional<Instance> replica = db.readReplica().enabled()
                ? java.util.Optional.of(ReadReplica.create(owner, args, database, subnets, parameters))
                : java.util.Optional.empty();
        return new Created(database, replica);
    }

    /**
     * What the primary and its read replica share: engine and upgrades, gp3 storage, IAM authentication, Performance
     * Insights and enhanced monitoring, exported logs, CA, placement (subnet group, security group, never public) and the
     * parameter group, so that the replica is checked, monitored and reached exactly as the primary is.
     */
    static InstanceArgs.Builder sharedSettings(InstanceArgs.Builder instance, DataArgs args, SubnetGroup subnets, ParameterGroup parameters) {
        DatabaseConfig db = args.config().database();
        return instance
                .engine("postgres")
                // A major ("17") while minors are automatic: the provider keeps a configured version that is a prefix
                // of the running one, so RDS's minor upgrades never show up as a downgrade (config enforces it).
                .engineVersion(db.engineVersion())
                .autoMinorVersionUpgrade(db.autoMinorVersionUpgrade())
                // Per environment (staging: now; production: the maintenance window), and always now for a reviewed
                // major upgrade, whose old parameter group can only be deleted once the instance has left it.
                .applyImmediately(db.applyImmediately() || db.allowMajorVersionUpgrade())
                .storageType("gp3")
                .allocatedStorage(db.allocatedStorageGiB())
                .maxAllocatedStorage(db.maxAllocatedStorageGiB())
                .storageEncrypted(true)
                .iamDatabaseAuthenticationEnabled(true)
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(args.security().rdsKeyArn())
                .performanceInsightsRetentionPeriod(PERFORMANCE_INSIGHTS_RETENTION_DAYS)
                .monitoringInterval(MONITORING_INTERVAL_SECONDS)
                .monitoringRoleArn(args.security().rdsMonitoringRoleArn())
                .enabledCloudwatchLogsExports(DatabaseLogGroups.EXPORTS)
                .maintenanceWindow(db.maintenanceWindow())
                .copyTagsToSnapshot(true)
                .caCertIdentifier(CA_CERTIFICATE)
                .publiclyAccessible(false)
                .vpcSecurityGroupIds(args.security().databaseSecurityGroupId().applyValue(List::of))
                .dbSubnetGroupName(subnets.name())
                .parameterGroupName(parameters.name());
    }

    /** The instance identifier, {@code <project>-<stack>-postgres}, which also names its log groups. */
    static String identifier(PlatformConfig config) {
        return ResourceNames.databaseInstance(config);
    }

    private static ParameterGroupParameterArgs parameter(String name, String value) {
        // "pending-reboot" works for static and dynamic parameters alike; dynamic ones apply at once anyway.
        return ParameterGroupParameterArgs.builder().name(name).value(value).applyMethod("pending-reboot").build();
    }
}
