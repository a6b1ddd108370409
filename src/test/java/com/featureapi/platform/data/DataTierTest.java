package com.featureapi.platform.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DataTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RDS = "aws:rds/instance:Instance";
    private static final String REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";



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
        assertThat(db.input("engineVersion")).isEqualTo("17.9");
        assertThat(db.input("engineLifecycleSupport")).isEqualTo("open-source-rds-extended-support-disabled");
        assertThat(db.input("storageType")).isEqualTo("gp3");
        assertThat(db.input("storageEncrypted")).isEqualTo(true);
        assertThat(db.input("manageMasterUserPassword")).isEqualTo(true);
        assertThat(db.inputs()).doesNotContainKeys("password");
        assertThat(db.input("iamDatabaseAuthenticationEnabled")).isEqualTo(true);
        assertThat(db.input("performanceInsightsEnabled")).isEqualTo(true);
        assertThat(db.input("monitoringInterval")).isEqualTo(60L);
        assertThat(db.propertyDependencies().get("monitoringRoleArn")).containsExactly(plan.one("aws:iam/role:Role", "rds-monitoring").urn());
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
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.protect()).isTrue();
        assertThat(db.input("deletionProtection")).isEqualTo(true);
        assertThat(db.input("skipFinalSnapshot")).isEqualTo(false);
        assertThat(db.input("finalSnapshotIdentifier")).isEqualTo("platform-production-postgres-final");
        assertThat(db.input("deleteAutomatedBackups")).isEqualTo(false);
        PlannedResource redis = plan.one(REDIS, "redis");
        assertThat(redis.protect()).isTrue();
        assertThat(redis.input("finalSnapshotIdentifier")).isEqualTo("platform-production-redis-final");
        assertThat(plan.ofType(BUCKET)).allSatisfy(bucket -> {
            assertThat(bucket.protect()).as(bucket.name()).isTrue();
            assertThat(bucket.input("forceDestroy")).isEqualTo(false);
        });
        PlannedResource replication = plan.one("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "postgres-backups-us-west-2");
        assertThat(replication.provider()).contains("pulumi:providers:aws::aws-us-west-2::");
        assertThat(replication.input("retentionPeriod")).isEqualTo(30L);
        assertThat(replication.propertyDependencies().get("sourceDbInstanceArn")).containsExactly(db.urn());
        assertThat(replication.propertyDependencies().get("kmsKeyId")).containsExactly(plan.one("aws:kms/key:Key", "postgres-backups-us-west-2").urn());
        assertThat(plan.one("pulumi:providers:aws", "aws-us-west-2").input("region")).isEqualTo("us-west-2");
    }

    @Test
    void stagingDataIsNotProtectedAndCanBeDestroyed() {
        Plan plan = PlannedStacks.of("staging");
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.protect()).isFalse();
        assertThat(db.input("deletionProtection")).isEqualTo(false);
        assertThat(db.input("skipFinalSnapshot")).isEqualTo(true);
        assertThat(plan.one(REDIS, "redis").protect()).isFalse();
        assertThat(plan.ofType(BUCKET)).extracting(PlannedResource::name, PlannedResource::protect, r -> r.input("forceDestroy"))
                .containsExactlyInAnyOrder(tuple("access-logs", false, true), tuple("backups", false, true), tuple("velero", false, true));
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
        assertThat(plan.ofType("aws:elasticache/user:User")).extracting(r -> r.input("userName"), r -> r.input("accessString"), r -> r.input("authenticationMode.type"))
                .containsExactlyInAnyOrder(tuple("default", "off -@all", "no-password-required"),
                        tuple("platform-" + stack + "-feature-api", "on ~* +@all -@dangerous", "iam"));
        assertThat(redis.input("logDeliveryConfigurations")).isEqualTo(List.of(Map.of("destination", "/aws/elasticache/platform-" + stack + "/redis/slow-log",
                "destinationType", "cloudwatch-logs", "logFormat", "json", "logType", "slow-log")));
        assertThat(plan.one("aws:cloudwatch/logGroup:LogGroup", "redis-slow-log").propertyDependencies().get("kmsKeyId"))
                .containsExactly(PlannedStacks.keyUrn(plan, "logs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void bucketsAreEncryptedPrivateTlsOnlyAndLogged(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        for (String purpose : List.of("backups", "velero", "access-logs")) {
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
        for (String purpose : List.of("backups", "velero")) {
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
        assertThat(production.get(0).toString()).contains("expiration={days=30}").doesNotContain("transitions");
        List<?> staging = (List<?>) PlannedStacks.of("staging").one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "backups").input("rules");
        assertThat(staging.get(0).toString()).contains("expiration={days=14}");
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
        String database = (String) plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-database").input("secretString");
        String cache = (String) plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-cache").input("secretString");
        if (!database.equals("[secret]")) {
            JsonNode db = JSON.readTree(database);
            assertThat(db.get("host").asText()).startsWith("platform-" + stack + "-postgres.");
            assertThat(db.get("port").asInt()).isEqualTo(5432);
            assertThat(db.get("auth").asText()).isEqualTo("iam");
            assertThat(JSON.readTree(cache).get("tls").asBoolean()).isTrue();
        }
        assertThat(database + cache).doesNotContainIgnoringCase("password");
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
