package com.featureapi.platform.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
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

/**
 * What the data tier does on the second and later {@code pulumi up}: upgrades, pending modifications, log
 * groups, deletion and re-creation (issue 13).
 */
class DataTierLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RDS = "aws:rds/instance:Instance";
    private static final String REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";
    private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    private static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

    @Test
    void modificationsApplyAtOnceInStagingAndInTheMaintenanceWindowInProduction() {
        Plan staging = PlannedStacks.of("staging");
        Plan production = PlannedStacks.of("production");
        assertThat(List.of(staging.one(RDS, "postgres"), staging.one(REDIS, "redis"))).extracting(r -> r.input("applyImmediately"))
                .containsExactly(true, true);
        assertThat(List.of(production.one(RDS, "postgres"), production.one(REDIS, "redis"))).extracting(r -> r.input("applyImmediately"))
                .containsExactly(false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void rdsLogGroupsExistBeforeTheInstanceEncryptedAndExpiring(String stack) {
        Plan plan = PlannedStacks.of(stack);
        long retention = stack.equals("production") ? 365L : 30L;
        PlannedResource db = plan.one(RDS, "postgres");
        List<PlannedResource> groups = List.of(plan.one(LOG_GROUP, "postgres-log-postgresql"), plan.one(LOG_GROUP, "postgres-log-upgrade"),
                plan.one(LOG_GROUP, "rds-os-metrics"));
        assertThat(groups).extracting(g -> g.input("name"), g -> g.input("retentionInDays")).containsExactly(
                tuple("/aws/rds/instance/platform-" + stack + "-postgres/postgresql", retention),
                tuple("/aws/rds/instance/platform-" + stack + "-postgres/upgrade", retention),
                tuple("RDSOSMetrics", retention));
        for (PlannedResource group : groups) {
            assertThat(group.propertyDependencies().get("kmsKeyId")).as(group.name()).containsExactly(PlannedStacks.keyUrn(plan, "logs"));
            assertThat(db.dependencies()).as("the instance waits for " + group.name()).contains(group.urn());
        }
        // The instance exports exactly the logs whose groups exist.
        assertThat(db.input("enabledCloudwatchLogsExports")).isEqualTo(List.of("postgresql", "upgrade"));
        // The logs key lets CloudWatch Logs use it for every group of the account and region, these included.
        assertThat((String) plan.one("aws:kms/key:Key", "logs").input("policy"))
                .contains("\"kms:EncryptionContext:aws:logs:arn\":\"arn:aws:logs:us-east-1:" + PlannedStacks.account(stack) + ":log-group:*\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theVeleroBucketNeverExpiresCurrentObjects(String stack) {
        Object rules = PlannedStacks.of(stack).one(LIFECYCLE, "velero").input("rules");
        assertThat(rules).isEqualTo(List.of(Map.of(
                "id", "tidy-versions-and-uploads",
                "status", "Enabled",
                "filter", Map.of("prefix", ""),
                "noncurrentVersionExpiration", Map.of("noncurrentDays", 30L),
                "abortIncompleteMultipartUpload", Map.of("daysAfterInitiation", 7L))));
        // The other buckets still expire their objects after the retention.
        assertThat(PlannedStacks.of(stack).one(LIFECYCLE, "backups").input("rules.0.expiration.days"))
                .isEqualTo(stack.equals("production") ? 30L : 14L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void connectionSecretsAreForceDeletedOutsideProduction(String stack) {
        Plan plan = PlannedStacks.of(stack);
        long window = stack.equals("production") ? 30L : 0L;
        assertThat(List.of(plan.one("aws:secretsmanager/secret:Secret", "feature-api-database"), plan.one("aws:secretsmanager/secret:Secret", "feature-api-cache")))
                .extracting(s -> s.input("recoveryWindowInDays")).containsExactly(window, window);
    }

    @Test
    void theReviewedMajorUpgradeSwitchUpgradesAtOnceOntoANewlyNamedParameterGroup(@TempDir Path dir) throws Exception {
        // Production at PostgreSQL 18 with the switch on, and a stack that does not own RDSOSMetrics.
        Path project = StackFiles.copyEdited(dir, "production", config -> {
            ObjectNode database = (ObjectNode) config.get("platform:database");
            database.put("engineVersion", "18");
            database.put("allowMajorVersionUpgrade", true);
            database.put("ownsEnhancedMonitoringLogGroup", false);
            database.set("logRetentionDays", JSON.valueToTree(90));
        });
        Plan plan = PlannedStacks.plan(project, "production");
        PlannedResource db = plan.one(RDS, "postgres");
        assertThat(db.input("engineVersion")).isEqualTo("18");
        assertThat(db.input("allowMajorVersionUpgrade")).isEqualTo(true);
        // applyImmediately is false in production's stack file; the upgrade overrides it, or the old group could not be deleted.
        assertThat(db.input("applyImmediately")).isEqualTo(true);
        PlannedResource parameters = plan.one("aws:rds/parameterGroup:ParameterGroup", "postgres");
        assertThat(parameters.input("family")).isEqualTo("postgres18");
        assertThat(parameters.input("name")).isEqualTo("platform-production-postgres18");
        assertThat(db.input("parameterGroupName")).isEqualTo("platform-production-postgres18");
        assertThat(plan.ofType(LOG_GROUP)).extracting(PlannedResource::name).doesNotContain("rds-os-metrics")
                .contains("postgres-log-postgresql", "postgres-log-upgrade");
        assertThat(plan.one(LOG_GROUP, "postgres-log-postgresql").input("retentionInDays")).isEqualTo(90L);
    }
}
