package com.featureapi.platform.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DataTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RDS = "aws:rds/instance:Instance";
    private static final String REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private static final String SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";

    @Test
    void databaseSizesFollowSeed002() {
        PlannedResource production = PlannedStacks.of("production").one(RDS, "postgres");
        PlannedResource staging = PlannedStacks.of("staging").one(RDS, "postgres");
        assertThat(List.of(production, staging)).extracting(r -> r.input("instanceClass"), r -> r.input("multiAz"), r -> r.input("backupRetentionPeriod"),
                r -> r.input("allocatedStorage"), r -> r.input("maxAllocatedStorage")).containsExactly(
                tuple("db.r5.xlarge", true, 30L, 100L, 1000L),
                tuple("db.t3.large", false, 7L, 50L, 200L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void databaseIsPrivateEncryptedAndPasswordless(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.input("engine")).isEqualTo("postgres");
        // The major only, with automatic minor upgrades: RDS's minor upgrades never read back as a downgrade.
        assertThat(db.input("engineVersion")).isEqualTo("17");
        assertThat(db.input("allowMajorVersionUpgrade")).isEqualTo(false);
        assertThat(db.input("engineLifecycleSupport")).isEqualTo("open-source-rds-extended-support-disabled");
        assertThat(db.input("storageType")).isEqualTo("gp3");
        assertThat(db.input("storageEncrypted")).isEqualTo(true);
        assertThat(db.input("manageMasterUserPassword")).isEqualTo(true);
        assertThat(db.inputs()).doesNotContainKeys("password");
        assertThat(db.input("iamDatabaseAuthenticationEnabled")).isEqualTo(true);
        assertThat(db.input("performanceInsightsEnabled")).isEqualTo(true);
        assertThat(db.input("monitoringInterval")).isEqualTo(60L);
        assertThat(db.propertyDependencies().get("monitoringRoleArn")).contains(plan.one("aws:iam/role:Role", "rds-monitoring").urn());
        for (String keyInput : List.of("kmsKeyId", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId")) {
            assertThat(db.propertyDependencies().get(keyInput)).as(keyInput).containsExactly(PlannedStacks.keyUrn(plan, "rds"));
        }
        assertThat(db.input("enabledCloudwatchLogsExports")).isEqualTo(List.of("postgresql", "upgrade"));
        assertThat(db.input("backupWindow")).isEqualTo("03:00-04:00");
        assertThat(db.input("maintenanceWindow")).isEqualTo("sun:05:00-sun:06:00");
        assertThat(db.input("copyTagsToSnapshot")).isEqualTo(true);
        assertThat(db.input("autoMinorVersionUpgrade")).isEqualTo(true);
        assertThat(db.input("caCertIdentifier")).isEqualTo("rds-ca-rsa2048-g1");
        assertThat(db.input("publiclyAccessible")).isEqualTo(false);
        assertThat(db.propertyDependencies().get("vpcSecurityGroupIds")).containsExactly(plan.one("aws:ec2/securityGroup:SecurityGroup", "database").urn());
        PlannedResource parameters = plan.one("aws:rds/parameterGroup:ParameterGroup", "postgres");
        assertThat(parameters.input("family")).isEqualTo("postgres17");
        assertThat(parameters.input("parameters")).asList().extracting(p -> ((Map<?, ?>) p).get("name") + "=" + ((Map<?, ?>) p).get("value"))
                .containsExactlyInAnyOrder("rds.force_ssl=1", "log_connections=1", "log_disconnections=1", "log_min_duration_statement=1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void databaseAndCacheLiveOnlyInTheDatabaseSubnets(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> databaseSubnets = plan.where(r -> r.type().equals("aws:ec2/subnet:Subnet") && r.name().startsWith("database-"))
                .stream().map(PlannedResource::urn).toList();
        assertThat(plan.one("aws:rds/subnetGroup:SubnetGroup", "postgres").propertyDependencies().get("subnetIds"))
                .containsExactlyInAnyOrderElementsOf(databaseSubnets);
        assertThat(plan.one("aws:elasticache/subnetGroup:SubnetGroup", "redis").propertyDependencies().get("subnetIds"))
                .containsExactlyInAnyOrderElementsOf(databaseSubnets);
        assertThat(plan.where(r -> r.type().equals("aws:ec2/subnet:Subnet") && r.name().startsWith("database-")))
                .allSatisfy(subnet -> assertThat(subnet.input("mapPublicIpOnLaunch")).isEqualTo(false));
    }

    @Test
    void productionDataCannotBeLostByAccident() {
        Plan plan = PlannedStacks.of("production");
        // Pulumi's protect flag is pinned once, in inProductionExactlyTheStatefulResourcesAreProtected.
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.input("deletionProtection")).isEqualTo(true);
        assertThat(db.input("skipFinalSnapshot")).isEqualTo(false);
        assertThat(db.input("finalSnapshotIdentifier")).isEqualTo("platform-production-postgres-final");
        assertThat(db.input("deleteAutomatedBackups")).isEqualTo(false);
        PlannedResource redis = plan.one(REDIS, "redis");
        assertThat(redis.input("finalSnapshotIdentifier")).isEqualTo("platform-production-redis-final");
        assertThat(plan.ofType(BUCKET)).allSatisfy(bucket -> assertThat(bucket.input("forceDestroy")).as(bucket.name()).isEqualTo(false));
        PlannedResource replication = plan.one("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "postgres-backups-us-west-2");
        assertThat(replication.provider()).contains("pulumi:providers:aws::aws-us-west-2::");
        assertThat(replication.input("retentionPeriod")).isEqualTo(30L);
        assertThat(replication.propertyDependencies().get("sourceDbInstanceArn")).containsExactly(db.urn());
        assertThat(replication.propertyDependencies().get("kmsKeyId")).containsExactly(plan.one("aws:kms/key:Key", "postgres-backups-us-west-2").urn());
        assertThat(plan.one("pulumi:providers:aws", "aws-us-west-2").input("region")).isEqualTo("us-west-2");
    }

    @Test
    void inProductionExactlyTheStatefulResourcesAreProtected() {
        Plan plan = PlannedStacks.of("production");
        String data = plan.one(Data.TYPE, "data").urn();
        // Everything that holds data or decrypts it; the rest (groups, users, policies) can be recreated.
        assertThat(plan.where(r -> r.parent().equals(data) && r.protect())).extracting(PlannedResource::type, PlannedResource::name)
                .containsExactlyInAnyOrder(
                        tuple(RDS, "postgres"),
                        tuple(REDIS, "redis"),
                        tuple(BUCKET, "backups"),
                        tuple(BUCKET, "velero"),
                        tuple(BUCKET, "traces"),
                        tuple(BUCKET, "access-logs"),
                        tuple(BUCKET, "backups-replica-us-west-2"),
                        tuple("aws:kms/key:Key", "postgres-backups-us-west-2"),
                        tuple("aws:kms/key:Key", "backups-replica-us-west-2"));
    }

    @Test
    void inStagingNothingOfTheDataTierIsProtected() {
        Plan plan = PlannedStacks.of("staging");
        String data = plan.one(Data.TYPE, "data").urn();
        assertThat(plan.where(r -> r.parent().equals(data))).hasSizeGreaterThan(30)
                .allSatisfy(r -> assertThat(r.protect()).as(r.urn()).isFalse());
    }

    @Test
    void stagingDataIsNotProtectedAndCanBeDestroyed() {
        Plan plan = PlannedStacks.of("staging");
        // Pulumi's protect flag is pinned once, in inStagingNothingOfTheDataTierIsProtected.
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.input("deletionProtection")).isEqualTo(false);
        assertThat(db.input("skipFinalSnapshot")).isEqualTo(true);
        String data = plan.one(Data.TYPE, "data").urn();
        assertThat(plan.where(r -> r.type().equals(BUCKET) && r.parent().equals(data)))
                .extracting(PlannedResource::name, r -> r.input("forceDestroy"))
                .containsExactlyInAnyOrder(tuple("access-logs", true), tuple("backups", true), tuple("traces", true), tuple("velero", true));
        assertThat(plan.ofType("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication")).isEmpty();
        assertThat(plan.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).isEmpty();
    }

    @Test
    void cacheSizesFollowSeed002WithFailoverInProduction() {
        PlannedResource production = PlannedStacks.of("production").one(REDIS, "redis");
        PlannedResource staging = PlannedStacks.of("staging").one(REDIS, "redis");
        assertThat(List.of(production, staging)).extracting(r -> r.input("nodeType"), r -> r.input("numCacheClusters"),
                r -> r.input("automaticFailoverEnabled"), r -> r.input("multiAzEnabled"), r -> r.input("snapshotRetentionLimit")).containsExactly(
                tuple("cache.r5.large", 3L, true, true, 7L),
                tuple("cache.t3.medium", 1L, false, false, 1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void cacheIsEncryptedEverywhereAndAuthenticatesWithIam(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource redis = plan.one(REDIS, "redis");
        assertThat(redis.input("engine")).isEqualTo("redis");
        assertThat(redis.input("engineVersion")).isEqualTo("7.1");
        assertThat(redis.input("atRestEncryptionEnabled")).isEqualTo(true);
        assertThat(redis.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "elasticache"));
        assertThat(redis.input("transitEncryptionEnabled")).isEqualTo(true);
        assertThat(redis.input("transitEncryptionMode")).isEqualTo("required");
        assertThat(redis.inputs()).doesNotContainKeys("authToken");
        assertThat(redis.input("autoMinorVersionUpgrade")).isEqualTo(true);
        assertThat(redis.propertyDependencies().get("securityGroupIds")).containsExactly(plan.one("aws:ec2/securityGroup:SecurityGroup", "cache").urn());
        assertThat(redis.propertyDependencies().get("userGroupIds")).containsExactly(plan.one("aws:elasticache/userGroup:UserGroup", "redis").urn());
        assertThat(plan.one("aws:elasticache/parameterGroup:ParameterGroup", "redis").input("parameters"))
                .isEqualTo(List.of(Map.of("name", "maxmemory-policy", "value", "allkeys-lru")));
        assertThat(plan.ofType("aws:elasticache/user:User")).extracting(r -> r.input("userName"), r -> r.input("accessString"),
                        r -> r.input("authenticationMode.type"), r -> r.input("noPasswordRequired"))
                .containsExactlyInAnyOrder(tuple("default", "off -@all", null, true),
                        tuple("platform-" + stack + "-feature-api", "on ~* +@all -@dangerous", "iam", null));
        assertThat(redis.input("logDeliveryConfigurations")).isEqualTo(List.of(Map.of("destination", "/aws/elasticache/platform-" + stack + "/redis/slow-log",
                "destinationType", "cloudwatch-logs", "logFormat", "json", "logType", "slow-log")));
        assertThat(plan.one("aws:cloudwatch/logGroup:LogGroup", "redis-slow-log").propertyDependencies().get("kmsKeyId"))
                .containsExactly(PlannedStacks.keyUrn(plan, "logs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void bucketsAreEncryptedPrivateTlsOnlyAndLogged(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        for (String purpose : List.of("backups", "velero", "traces", "access-logs")) {
            assertThat(plan.one(BUCKET, purpose).input("bucket")).isEqualTo("platform-" + stack + "-" + purpose + "-" + PlannedStacks.account(stack));
            assertThat(plan.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", purpose).inputs()).containsAllEntriesOf(Map.of(
                    "blockPublicAcls", true, "blockPublicPolicy", true, "ignorePublicAcls", true, "restrictPublicBuckets", true));
            assertThat(plan.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", purpose).input("rule.objectOwnership")).isEqualTo("BucketOwnerEnforced");
            assertThat(plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", purpose).input("versioningConfiguration.status")).isEqualTo("Enabled");
            JsonNode policy = JSON.readTree((String) plan.one("aws:s3/bucketPolicy:BucketPolicy", purpose).input("policy"));
            assertThat(policy.get("Statement").get(0).toString()).isEqualTo("{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::platform-" + stack + "-" + purpose + "-" + PlannedStacks.account(stack) + "\",\"arn:aws:s3:::platform-"
                    + stack + "-" + purpose + "-" + PlannedStacks.account(stack) + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}");
            List<?> rules = (List<?>) plan.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", purpose).input("rules");
            assertThat(rules.toString()).contains("abortIncompleteMultipartUpload={daysAfterInitiation=7}")
                    .contains("noncurrentVersionExpiration={noncurrentDays=30}");
        }
        for (String purpose : List.of("backups", "velero", "traces")) {
            assertThat(plan.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", purpose).input("rules"))
                    .asString().contains("sseAlgorithm=aws:kms").contains("bucketKeyEnabled=true");
            assertThat(plan.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", purpose)
                    .propertyDependencies().get("rules")).containsExactly(PlannedStacks.keyUrn(plan, "s3"));
            assertThat(plan.one("aws:s3/bucketLoggingV2:BucketLoggingV2", purpose).propertyDependencies().get("targetBucket"))
                    .containsExactly(plan.one(BUCKET, "access-logs").urn());
        }
        // S3 server access logs cannot be delivered into a KMS-encrypted bucket: the log bucket uses SSE-S3.
        assertThat(plan.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "access-logs").input("rules"))
                .asString().contains("sseAlgorithm=AES256");
    }

    @Test
    void backupLifecycleKeepsThirtyDaysInProductionAndMovesOldBackupsToAColderClass() {
        List<?> production = (List<?>) PlannedStacks.of("production").one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "backups").input("rules");
        // Thirty days is both the retention and the earliest transition: no transition, the rule stays valid.
        assertThat(production.get(0).toString()).contains("expiration={days=30}").doesNotContain("transitions");
        List<?> staging = (List<?>) PlannedStacks.of("staging").one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "backups").input("rules");
        assertThat(staging.get(0).toString()).contains("expiration={days=14}");
    }

    @Test
    void oldBackupsMoveToGlacierInstantRetrievalWhenThatComesBeforeTheirExpiry(@TempDir Path project) throws Exception {
        // Neither project stack keeps backups long enough for a transition (S3 rejects a transition that
        // does not come before the expiry of the same rule), so this plans a staging copy keeping 90 days.
        JsonNode storage = JSON.readTree("{\"backupRetentionDays\": 90, \"transitionToColdStorageDays\": 30}");
        StackFiles.copyEdited(project, "staging", config -> config.set("platform:storage", storage));
        Plan plan = PlannedStacks.plan(project, "staging");
        for (String purpose : List.of("backups", "access-logs")) {
            PlannedResource lifecycle = plan.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", purpose);
            assertThat(lifecycle.input("rules.0.id")).isEqualTo("expire-after-90-days");
            assertThat(lifecycle.input("rules.0.expiration.days")).isEqualTo(90L);
            assertThat(lifecycle.input("rules.0.transitions")).isEqualTo(List.of(Map.of("days", 30L, "storageClass", "GLACIER_IR")));
        }
    }

    @Test
    void productionReplicatesTheBackupBucketToUsWest2UnderItsOwnKey() {
        Plan plan = PlannedStacks.of("production");
        PlannedResource replica = plan.one(BUCKET, "backups-replica-us-west-2");
        assertThat(replica.input("bucket")).isEqualTo("platform-production-backups-replica-us-west-2-222222222222");
        assertThat(replica.provider()).contains("::aws-us-west-2::");
        PlannedResource replication = plan.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "backups");
        assertThat(replication.input("rules.0.status")).isEqualTo("Enabled");
        assertThat(replication.input("rules.0.destination.bucket")).isEqualTo("arn:aws:s3:::platform-production-backups-replica-us-west-2-222222222222");
        assertThat(replication.propertyDependencies().get("role")).containsExactly(plan.one("aws:iam/role:Role", "backups-replication").urn());
        assertThat(replication.dependencies()).contains(plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "backups").urn(),
                plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "backups-replica-us-west-2").urn());
        PlannedResource key = plan.one("aws:kms/key:Key", "backups-replica-us-west-2");
        assertThat(key.input("enableKeyRotation")).isEqualTo(true);
        assertThat((String) key.input("policy")).contains("\"kms:ViaService\":\"s3.us-west-2.amazonaws.com\"").doesNotContain("\"AWS\":\"*\"");
        assertThat(replication.propertyDependencies().get("rules")).contains(key.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void connectionInfoIsPublishedWithoutPasswords(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource secret = plan.one("aws:secretsmanager/secret:Secret", "feature-api-database");
        assertThat(secret.input("name")).isEqualTo("platform/" + stack + "/feature-api/database");
        assertThat(secret.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "secrets"));
        assertThat(plan.one("aws:secretsmanager/secret:Secret", "feature-api-cache").input("name")).isEqualTo("platform/" + stack + "/feature-api/cache");
        // The provider marks secretString sensitive, so the plan keeps only its keys (what changes, never a value);
        // the values themselves are ConnectionInfoTest's. Here: the shape, the masking and where the values come from.
        PlannedResource databaseVersion = plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-database");
        PlannedResource cacheVersion = plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-cache");
        JsonNode database = JSON.readTree((String) databaseVersion.input("secretString"));
        JsonNode cache = JSON.readTree((String) cacheVersion.input("secretString"));
        assertThat(fieldsOf(database)).containsExactly("auth", "dbname", "host", "port", "sslmode", "username");
        assertThat(fieldsOf(cache)).containsExactly("auth", "host", "port", "tls", "username");
        database.forEach(value -> assertThat(value.asText()).isEqualTo("[secret]"));
        cache.forEach(value -> assertThat(value.asText()).isEqualTo("[secret]"));
        assertThat(databaseVersion.propertyDependencies().get("secretString"))
                .containsExactly(plan.one(RDS, "postgres").urn());
        assertThat(cacheVersion.propertyDependencies().get("secretString"))
                .containsExactly(plan.one(REDIS, "redis").urn());
        assertThat(databaseVersion.propertyDependencies().get("secretId")).containsExactly(secret.urn());
    }

    private static List<String> fieldsOf(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void nothingSecretAppearsInThePlan(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource resource : plan.resources()) {
            assertThat(secretKeysIn(resource.inputs())).as(resource.urn()).isEmpty();
        }
        String json = PlanWriter.toJson(plan);
        assertThat(json).doesNotContain("offline-secret-placeholder").doesNotContain("BEGIN CERTIFICATE").doesNotContain("get-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void kmsBucketsRefuseUploadsUnderAnotherAlgorithmOrKey(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        List<String> purposes = stack.equals("production") ? List.of("backups", "velero", "traces", "backups-replica-us-west-2") : List.of("backups", "velero", "traces");
        for (String purpose : purposes) {
            String bucketArn = "arn:aws:s3:::platform-" + stack + "-" + purpose + "-" + PlannedStacks.account(stack);
            // The key the bucket encrypts with by default is the only one an upload may name.
            String key = (String) plan.one(SSE, purpose).input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId");
            assertThat(key).as(purpose).startsWith("arn:aws:kms:");
            PlannedResource policy = plan.one("aws:s3/bucketPolicy:BucketPolicy", purpose);
            JsonNode statements = JSON.readTree((String) policy.input("policy")).get("Statement");
            assertThat(statements).as(purpose).hasSize(3);
            assertThat(statements.get(1).toString()).isEqualTo("{\"Sid\":\"DenyUploadsUnderAnotherAlgorithm\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"s3:PutObject\",\"Resource\":\"" + bucketArn + "/*\","
                    + "\"Condition\":{\"StringNotEqualsIfExists\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}}");
            assertThat(statements.get(2).toString()).isEqualTo("{\"Sid\":\"DenyUploadsUnderAnotherKey\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"s3:PutObject\",\"Resource\":\"" + bucketArn + "/*\","
                    + "\"Condition\":{\"StringNotEqualsIfExists\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":\"" + key + "\"}}}");
        }
        assertThat(plan.one("aws:s3/bucketPolicy:BucketPolicy", "backups").propertyDependencies().get("policy"))
                .containsExactly(PlannedStacks.keyUrn(plan, "s3"));
        // The access-log bucket is SSE-S3 only (S3 server access logging cannot write under KMS).
        JsonNode logs = JSON.readTree((String) plan.one("aws:s3/bucketPolicy:BucketPolicy", "access-logs").input("policy")).get("Statement");
        assertThat(logs).extracting(st -> st.get("Sid").asText())
                .containsExactly("DenyInsecureTransport", "S3ServerAccessLogsOfThisAccount", "AlbAccessLogsOfThisAccount", "DenyOtherEncryption");
        // The ALB of the Kubernetes tier logs here (us-east-1: Elastic Load Balancing's account 127311923021).
        assertThat(logs.get(2).get("Principal").toString()).isEqualTo("{\"AWS\":\"arn:aws:iam::127311923021:root\"}");
        assertThat(logs.get(2).get("Resource").asText()).isEqualTo("arn:aws:s3:::platform-" + stack + "-access-logs-" + PlannedStacks.account(stack)
                + "/alb/*/AWSLogs/" + PlannedStacks.account(stack) + "/*");
        assertThat(logs.get(1).get("Principal").toString()).isEqualTo("{\"Service\":\"logging.s3.amazonaws.com\"}");
        assertThat(logs.get(1).get("Condition").toString())
                .isEqualTo("{\"StringEquals\":{\"aws:SourceAccount\":\"" + PlannedStacks.account(stack) + "\"}}");
    }

    @Test
    void theReplicaBucketHasEveryControlOfTheSourceUnderItsOwnRegionsKey() {
        Plan plan = PlannedStacks.of("production");
        String replica = "backups-replica-us-west-2";
        PlannedResource bucket = plan.one(BUCKET, replica);
        assertThat(bucket.input("forceDestroy")).isEqualTo(false);
        for (String type : List.of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                "aws:s3/bucketVersioningV2:BucketVersioningV2", SSE, "aws:s3/bucketPolicy:BucketPolicy",
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")) {
            assertThat(plan.one(type, replica).provider()).as(type).contains("::aws-us-west-2::");
        }
        assertThat(plan.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", replica).inputs()).containsAllEntriesOf(Map.of(
                "blockPublicAcls", true, "blockPublicPolicy", true, "ignorePublicAcls", true, "restrictPublicBuckets", true));
        assertThat(plan.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", replica).input("rule.objectOwnership")).isEqualTo("BucketOwnerEnforced");
        assertThat(plan.one("aws:s3/bucketVersioningV2:BucketVersioningV2", replica).input("versioningConfiguration.status")).isEqualTo("Enabled");
        PlannedResource encryption = plan.one(SSE, replica);
        assertThat(encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        assertThat(encryption.input("rules.0.bucketKeyEnabled")).isEqualTo(true);
        assertThat(encryption.propertyDependencies().get("rules")).containsExactly(plan.one("aws:kms/key:Key", replica).urn());
        assertThat(plan.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", replica).input("rules.0.expiration.days")).isEqualTo(30L);
        assertThat(plan.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "backups").input("rules.0.destination.storageClass")).isEqualTo("STANDARD_IA");
    }

    @Test
    void theReplicationRoleCanReadTheSourceAndWriteOnlyTheReplica() throws Exception {
        Plan plan = PlannedStacks.of("production");
        String source = "arn:aws:s3:::platform-production-backups-222222222222";
        String target = "arn:aws:s3:::platform-production-backups-replica-us-west-2-222222222222";
        PlannedResource role = plan.one("aws:iam/role:Role", "backups-replication");
        assertThat(JSON.readTree((String) role.input("assumeRolePolicy")).get("Statement").get(0).toString()).isEqualTo(
                "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"222222222222\"}}}");
        PlannedResource policy = plan.one("aws:iam/rolePolicy:RolePolicy", "backups-replication");
        assertThat(policy.propertyDependencies().get("policy")).containsExactlyInAnyOrder(
                PlannedStacks.keyUrn(plan, "s3"), plan.one("aws:kms/key:Key", "backups-replica-us-west-2").urn());
        JsonNode statements = JSON.readTree((String) policy.input("policy")).get("Statement");
        assertThat(statements).extracting(st -> st.get("Sid").asText() + " " + st.get("Resource"))
                .containsExactly(
                        "ReadSourceConfiguration \"" + source + "\"",
                        "ReadSourceVersions \"" + source + "/*\"",
                        "WriteReplicas \"" + target + "/*\"",
                        "DecryptSource " + statements.get(3).get("Resource"),
                        "EncryptReplicas " + statements.get(4).get("Resource"));
        assertThat(statements.get(3).get("Condition").toString()).isEqualTo("{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}");
        assertThat(statements.get(4).get("Condition").toString()).isEqualTo("{\"StringEquals\":{\"kms:ViaService\":\"s3.us-west-2.amazonaws.com\"}}");
        assertThat(statements.get(4).get("Resource").asText()).startsWith("arn:aws:kms:us-west-2:222222222222:key/");
    }

    @Test
    void replicaRegionKeysAreProtectedRotatedAndUsableOnlyThroughTheirService() {
        Plan plan = PlannedStacks.of("production");
        assertThat(plan.where(r -> r.type().equals("aws:kms/key:Key") && r.provider().contains("::aws-us-west-2::")))
                .extracting(PlannedResource::name, PlannedResource::protect, r -> r.input("enableKeyRotation"), r -> r.input("deletionWindowInDays"))
                .containsExactlyInAnyOrder(
                        tuple("postgres-backups-us-west-2", true, true, 30L),
                        tuple("backups-replica-us-west-2", true, true, 30L));
        assertThat((String) plan.one("aws:kms/key:Key", "postgres-backups-us-west-2").input("policy"))
                .contains("\"kms:ViaService\":\"rds.us-west-2.amazonaws.com\"");
        PlannedResource provider = plan.one("pulumi:providers:aws", "aws-us-west-2");
        PlannedResource primary = plan.one("pulumi:providers:aws", "aws");
        // Same guard rails as the primary provider: the same account only, the same default tags.
        assertThat(provider.input("allowedAccountIds")).isEqualTo(primary.input("allowedAccountIds"));
        assertThat(provider.input("defaultTags")).isEqualTo(primary.input("defaultTags"));
        assertThat(PlannedStacks.of("staging").where(r -> r.provider().contains("::aws-us-west-2::"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void cacheWindowsGroupsAndLogsFollowTheConfig(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource redis = plan.one(REDIS, "redis");
        assertThat(redis.input("replicationGroupId")).isEqualTo("platform-" + stack + "-redis");
        assertThat(redis.input("port")).isEqualTo(6379L);
        assertThat(redis.input("snapshotWindow")).isEqualTo("06:00-07:00");
        assertThat(redis.input("maintenanceWindow")).isEqualTo("sun:08:00-sun:09:00");
        assertThat(redis.input("finalSnapshotIdentifier")).isEqualTo(stack.equals("production") ? "platform-production-redis-final" : null);
        assertThat(plan.one("aws:elasticache/parameterGroup:ParameterGroup", "redis").input("family")).isEqualTo("redis7");
        assertThat(redis.propertyDependencies().get("parameterGroupName")).containsExactly(plan.one("aws:elasticache/parameterGroup:ParameterGroup", "redis").urn());
        assertThat(redis.propertyDependencies().get("subnetGroupName")).containsExactly(plan.one("aws:elasticache/subnetGroup:SubnetGroup", "redis").urn());
        assertThat(plan.one("aws:elasticache/userGroup:UserGroup", "redis").propertyDependencies().get("userIds")).containsExactlyInAnyOrder(
                plan.one("aws:elasticache/user:User", "redis-default").urn(), plan.one("aws:elasticache/user:User", "redis-feature-api").urn());
        // IAM authentication needs the user id and the user name to be the same.
        PlannedResource app = plan.one("aws:elasticache/user:User", "redis-feature-api");
        assertThat(app.input("userId")).isEqualTo(app.input("userName"));
        assertThat(plan.one("aws:elasticache/user:User", "redis-default").input("userId")).isEqualTo("platform-" + stack + "-default");
        assertThat(plan.one("aws:cloudwatch/logGroup:LogGroup", "redis-slow-log").input("retentionInDays")).isEqualTo(30L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void databaseGroupsAndIdentifiersAreStable(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.input("identifier")).isEqualTo("platform-" + stack + "-postgres");
        assertThat(db.input("dbName")).isEqualTo("features");
        assertThat(db.input("username")).isEqualTo("feature_api_admin");
        assertThat(db.input("performanceInsightsRetentionPeriod")).isEqualTo(7L);
        assertThat(db.propertyDependencies().get("dbSubnetGroupName")).containsExactly(plan.one("aws:rds/subnetGroup:SubnetGroup", "postgres").urn());
        assertThat(db.propertyDependencies().get("parameterGroupName")).containsExactly(plan.one("aws:rds/parameterGroup:ParameterGroup", "postgres").urn());
        assertThat(db.input("parameterGroupName")).isEqualTo("platform-" + stack + "-postgres17");
        assertThat(db.input("dbSubnetGroupName")).isEqualTo("platform-" + stack + "-postgres");
        assertThat(db.input("finalSnapshotIdentifier")).isEqualTo(stack.equals("production") ? "platform-production-postgres-final" : null);
    }

    /** Input keys anywhere in a value that would carry a password or token. */
    private static List<String> secretKeysIn(Object value) {
        List<String> found = new java.util.ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> {
                if (List.of("password", "passwords", "authToken", "masterPassword").contains(String.valueOf(key))) {
                    found.add(String.valueOf(key));
                }
                found.addAll(secretKeysIn(nested));
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> found.addAll(secretKeysIn(item)));
        }
        return found;
    }
}
