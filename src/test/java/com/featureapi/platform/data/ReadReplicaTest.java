package com.featureapi.platform.data;

import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostLine;
import com.featureapi.platform.cost.ResourceCost;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.review.PlanDiff;
import com.featureapi.platform.review.ResourceChange;
import com.featureapi.platform.review.ReviewMarkdown;
import com.featureapi.platform.review.StackReview;
import com.featureapi.platform.review.PullRequestPlans;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production fixture with its read replica turned on ({@code platform:database.readReplica.enabled: true},
 * db.r5.large): wired to the primary, placed, monitored and protected like it, told to the app, priced by hand.
 */
class ReadReplicaTest {

    private static final String RDS = "aws:rds/instance:Instance";
    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    private final Plan plan = PullRequestPlans.READ_REPLICA.get();

    @Test
    void theReplicaCopiesThePrimaryInItsSubnetsGroupAndParameters() {
        PlannedResource replica = plan.one(RDS, "postgres-replica");
        PlannedResource primary = plan.one(RDS, "postgres");
        assertThat(replica.propertyDependencies().get("replicateSourceDb")).containsExactly(primary.urn());
        assertThat(replica.input("replicateSourceDb")).asString().startsWith("arn:aws:rds:us-east-1:222222222222:db:");
        assertThat(replica.propertyDependencies().get("dbSubnetGroupName"))
                .containsExactly(plan.one("aws:rds/subnetGroup:SubnetGroup", "postgres").urn());
        assertThat(replica.propertyDependencies().get("parameterGroupName"))
                .containsExactly(plan.one("aws:rds/parameterGroup:ParameterGroup", "postgres").urn());
        assertThat(replica.propertyDependencies().get("vpcSecurityGroupIds"))
                .isEqualTo(primary.propertyDependencies().get("vpcSecurityGroupIds"));
        assertThat(replica.input("dbSubnetGroupName")).isEqualTo(primary.input("dbSubnetGroupName"));
        assertThat(replica.input("parameterGroupName")).isEqualTo(primary.input("parameterGroupName"));
        assertThat(replica.input("vpcSecurityGroupIds")).isEqualTo(primary.input("vpcSecurityGroupIds"));
        for (String same : List.of("engine", "engineVersion", "autoMinorVersionUpgrade", "storageType", "allocatedStorage",
                "maxAllocatedStorage", "iamDatabaseAuthenticationEnabled", "performanceInsightsEnabled", "performanceInsightsKmsKeyId",
                "performanceInsightsRetentionPeriod", "monitoringInterval", "monitoringRoleArn", "enabledCloudwatchLogsExports",
                "maintenanceWindow", "caCertIdentifier", "publiclyAccessible", "deletionProtection", "copyTagsToSnapshot")) {
            assertThat(replica.input(same)).as(same).isEqualTo(primary.input(same));
        }
    }

    @Test
    void itsOwnClassNoKeyNoBackupsNoFinalSnapshotAndProtectedInProduction() {
        PlannedResource replica = plan.one(RDS, "postgres-replica");
        assertThat(replica.input("identifier")).isEqualTo("platform-production-postgres-replica");
        assertThat(replica.input("instanceClass")).isEqualTo("db.r5.large");
        assertThat(replica.input("multiAz")).isEqualTo(false);
        assertThat(replica.input("publiclyAccessible")).isEqualTo(false);
        assertThat(replica.input("deletionProtection")).isEqualTo(true);
        assertThat(replica.input("skipFinalSnapshot")).isEqualTo(true);
        assertThat(replica.inputs()).doesNotContainKeys("kmsKeyId", "finalSnapshotIdentifier", "backupRetentionPeriod", "backupWindow",
                "username", "dbName", "manageMasterUserPassword");
        assertThat(replica.input("storageEncrypted")).isEqualTo(true);
        assertThat(replica.input("performanceInsightsKmsKeyId")).isEqualTo(plan.one(RDS, "postgres").input("kmsKeyId"));
        assertThat(replica.protect()).isTrue();
    }

    @Test
    void itsLogGroupsExistEncryptedBeforeIt() {
        PlannedResource replica = plan.one(RDS, "postgres-replica");
        for (String export : List.of("postgresql", "upgrade")) {
            PlannedResource group = plan.one("aws:cloudwatch/logGroup:LogGroup", "postgres-replica-log-" + export);
            assertThat(group.input("name")).isEqualTo("/aws/rds/instance/platform-production-postgres-replica/" + export);
            assertThat(group.input("retentionInDays")).isEqualTo(365L);
            assertThat(group.input("kmsKeyId")).isEqualTo(plan.one("aws:cloudwatch/logGroup:LogGroup", "postgres-log-" + export).input("kmsKeyId"));
            assertThat(replica.dependencies()).contains(group.urn());
        }
    }

    @Test
    void theAppsReleaseWaitsForTheConnectionInfoThatCarriesTheReplicasHost() {
        // External Secrets syncs these values into the Secret the pods read at start: a release installed before the
        // database's value exists (it waits for the replica, created after the primary) leaves the pods without it.
        PlannedResource release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api");
        PlannedResource database = plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-database");
        assertThat(database.dependencies()).contains(plan.one(RDS, "postgres-replica").urn());
        assertThat(release.dependencies()).contains(database.urn(),
                plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-cache").urn());
    }

    @Test
    void theAppIsToldTheReadEndpointAndTheStackExportsIt() {
        PlannedResource release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api");
        @SuppressWarnings("unchecked")
        Map<String, Object> externalSecrets = (Map<String, Object>) ((Map<String, Object>) release.input("values")).get("externalSecrets");
        assertThat(externalSecrets.get("readReplica")).isEqualTo(true);
        assertThat(databaseSecretTemplate(plan)).containsEntry("DB_READ_HOST", "{{ .readHost }}")
                .containsEntry("DATABASE_READ_REPLICA_URL", "postgresql://{{ .username }}@{{ .readHost }}:{{ .port }}/{{ .dbname }}?sslmode={{ .sslmode }}");
        assertThat(databaseSecretTemplate(PullRequestPlans.base())).doesNotContainKeys("DB_READ_HOST", "DATABASE_READ_REPLICA_URL")
                .containsKey("DATABASE_URL");
        assertThat(plan.outputs()).containsKey("databaseReadAddress");
        assertThat(PullRequestPlans.base().outputs()).doesNotContainKey("databaseReadAddress");
        // The connection-info secret is fed by the replica's address (its value is masked in the plan).
        assertThat(plan.one("aws:secretsmanager/secretVersion:SecretVersion", "feature-api-database").dependencies())
                .contains(plan.one(RDS, "postgres-replica").urn());
    }

    @Test
    void offItIsNotThereInEitherFixture() {
        assertThat(PullRequestPlans.base().where(r -> r.name().startsWith("postgres-replica"))).isEmpty();
        assertThat(PlannedStacks.of("staging").where(r -> r.name().startsWith("postgres-replica"))).isEmpty();
    }

    @Test
    void itIsPricedAsItsOwnInstanceAndStorageAndTheReviewShowsTheIncrease() {
        CostEstimate estimate = CostEstimator.estimate(plan, UsageFile.empty(), AS_OF);
        ResourceCost replica = estimate.resources().stream().filter(r -> r.type().equals(RDS) && r.name().equals("postgres-replica"))
                .findFirst().orElseThrow();
        // db.r5.large single-AZ 0.25 $/h x 730 h = 182.50; 100 GB gp3 single-AZ x 0.115 = 11.50; together 194.00.
        assertThat(replica.lines()).extracting(CostLine::label).containsExactly("db.r5.large read replica, single-AZ",
                "100 GB gp3 storage", "no automated backups", "Performance Insights, 7 days", "Enhanced Monitoring metrics");
        assertThat(CostEstimate.cents(replica.lines().get(0).monthlyUsd()).toPlainString()).isEqualTo("182.50");
        assertThat(CostEstimate.cents(replica.lines().get(1).monthlyUsd()).toPlainString()).isEqualTo("11.50");
        assertThat(CostEstimate.cents(replica.monthlyUsd()).toPlainString()).isEqualTo("194.00");

        PlanDiff diff = PlanDiff.between(PullRequestPlans.base(), plan, AS_OF);
        ResourceChange added = diff.changes().stream().filter(c -> c.type().equals(RDS) && c.name().equals("postgres-replica"))
                .findFirst().orElseThrow();
        assertThat(added.cost().deltaUsd()).isEqualByComparingTo("194.00");
        assertThat(diff.totalCost().known()).isTrue();
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("194.00");
        String markdown = ReviewMarkdown.render("main", "pr", List.of(new StackReview("production", diff, PullRequestPlans.base(), plan, "")), List.of());
        assertThat(markdown).contains("(+$194.00, +");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> databaseSecretTemplate(Plan plan) {
        String release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api").urn();
        PlannedResource external = plan.where(r -> r.rendered() && r.parent().equals(release)
                && r.type().endsWith(":ExternalSecret") && r.name().equals("feature-api/feature-api-database")).get(0);
        Map<String, Object> spec = (Map<String, Object>) external.input("spec");
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("target")).get("template")).get("data");
    }
}
