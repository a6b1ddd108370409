package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.review.ReviewMarkdown.Gate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static com.featureapi.platform.review.PullRequestPlans.base;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three ordinary pull requests of issue 19 against the production fixture stack, and the hidden failure modes
 * beside them, reviewed as {@code pulumi up} would apply them; every figure computed by hand below from the price
 * catalog (src/main/resources/prices/, us-east-1).
 */
class ReviewTruthTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);
    private static final String RDS = "aws:rds/instance:Instance";

    private static PlanDiff diff(Plan head) {
        return PlanDiff.between(base(), head, AS_OF);
    }

    private static ResourceChange change(PlanDiff diff, String type, String name) {
        return diff.changes().stream().filter(c -> c.type().equals(type) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + type + " " + name + " in " + diff.changes()));
    }

    private static String review(PlanDiff diff, Plan head, List<Gate> gates) {
        return ReviewMarkdown.render("main", "pr", List.of(new StackReview("production", diff, base(), head, "")), gates);
    }

    @Test
    void aBiggerDatabaseCostsItsPriceDifferenceAndBreaksTheBudget() {
        PlanDiff diff = diff(PullRequestPlans.BIGGER_DATABASE.get());
        // db.r5.xlarge Multi-AZ $1.00/h -> db.r5.2xlarge Multi-AZ $2.00/h: (2.00 - 1.00) x 730 h = +$730.00 a month.
        ResourceChange db = change(diff, RDS, "postgres");
        assertThat(db.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(db.properties()).containsExactly(new PropertyChange("instanceClass", "db.r5.xlarge", "db.r5.2xlarge", false));
        assertThat(db.cost().deltaUsd()).isEqualByComparingTo("730.00");
        assertThat(diff.totalCost().known()).isTrue();
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("730.00");

        BigDecimal baseFixed = diff.baseCost().fixedUsd();
        BigDecimal headFixed = baseFixed.add(new BigDecimal("730"));
        assertThat(diff.headCost().fixedUsd()).isEqualByComparingTo(headFixed);
        assertThat(baseFixed).as("the base is within the $2,500 budget, the head is not").isLessThan(new BigDecimal("2500"));
        assertThat(headFixed).isGreaterThan(new BigDecimal("2500"));
        assertThat(diff.headCost().budgetVerdict()).isEqualTo("over");
        String overBy = CostReport.usd(headFixed.setScale(2, java.math.RoundingMode.HALF_UP).subtract(new BigDecimal("2500")));
        String markdown = review(diff, PullRequestPlans.BIGGER_DATABASE.get(), List.of());
        assertThat(markdown).contains("| [`production`](#stack-production) | – | 0 | " + CostReport.usd(diff.totalCost().baseUsd()) + " → "
                + CostReport.usd(diff.totalCost().headUsd()) + " (+$730.00, +" + diff.totalCost().percent().orElseThrow().toPlainString()
                + "%) | $2,500.00: **over** by " + overBy + " | 0 | +0 ~1 -0, 0 replaced |");

        // The cost gate at its boundary: exactly $730 passes, a cent less fails.
        assertThat(IncreaseThreshold.parse("730").exceededBy(diff.totalCost())).isFalse();
        assertThat(IncreaseThreshold.parse("729.99").exceededBy(diff.totalCost())).isTrue();
    }

    @Test
    void aNodeGroupIsPricedAtDesiredSizeItsDesiredSizeChangeIsIgnoredAndItsCeilingShown() {
        Plan head = PullRequestPlans.NODE_GROUP_CEILING.get();
        PlanDiff diff = diff(head);
        ResourceChange nodes = change(diff, "aws:eks/nodeGroup:NodeGroup", "app-nodes");
        assertThat(nodes.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(nodes.appliedProperties()).containsExactly(new PropertyChange("scalingConfig.maxSize", "10", "20", false));
        assertThat(nodes.ignoredProperties()).containsExactly(
                new PropertyChange("scalingConfig.desiredSize", "3", "5", false, PropertyChange.Effect.IGNORED));
        // desiredSize is under ignoreChanges: pulumi up keeps 3 nodes, so the monthly cost does not move.
        assertThat(nodes.cost().changed()).isFalse();
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("0");
        // The ceiling: m5.xlarge $0.192/h x 730 h = $140.16 a node; 10 nodes $1,401.60 -> 20 nodes $2,803.20, +$1,401.60.
        assertThat(diff.ceilings()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("app-nodes");
            assertThat(c.atMax().baseUsd()).isEqualByComparingTo("1401.60");
            assertThat(c.atMax().headUsd()).isEqualByComparingTo("2803.20");
            assertThat(c.increaseUsd()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1401.60"));
        });
        String markdown = review(diff, head, List.of());
        assertThat(markdown).contains("| $2,066.06 → $2,066.06 ($0.00, 0.0%; ceiling of app-nodes +$1,401.60 at maxSize) | $2,500.00: within |")
                .contains("| app-nodes | 3-10 → 3-20 | $1,401.60 → $2,803.20 (+$1,401.60, +100.0%) |")
                .contains("| scalingConfig.desiredSize _ignored (applies only when created)_ | `3` | `5` |");
        assertThat(DiffText.render(diff)).contains("     scalingConfig.desiredSize: 3 -> 5  [ignored (applies only when created)]");
    }

    @Test
    void aChangeOfAnIgnoredInputAloneIsNoChange() {
        PlanDiff diff = diff(PullRequestPlans.DESIRED_SIZE_ONLY.get());
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.totalCost().changed()).isFalse();
        assertThat(diff.ignored()).singleElement().satisfies(c -> assertThat(c.ignoredProperties())
                .containsExactly(new PropertyChange("scalingConfig.desiredSize", "3", "5", false, PropertyChange.Effect.IGNORED)));
        assertThat(DiffMarkdown.render(diff)).contains("- `NodeGroup` app-nodes: scalingConfig.desiredSize `3` → `5` ignored (applies only when created)");
        assertThat(diff.ceilings()).isEmpty();
    }

    @Test
    void aReplacedDatabaseSubnetRipplesToWhatUsesIt() {
        PlanDiff diff = diff(PullRequestPlans.DATABASE_SUBNET_CIDR.get());
        ResourceChange subnet = change(diff, "aws:ec2/subnet:Subnet", "database-us-east-1a");
        assertThat(subnet.kind()).isEqualTo(ChangeKind.REPLACED);
        assertThat(subnet.replacementCauses()).containsExactly("cidrBlock");
        // The subnet groups update in place with the new subnet's id, known only during the apply.
        PropertyChange knownAfterApply = new PropertyChange("subnetIds", null, PropertyChange.KNOWN_AFTER_APPLY, false,
                PropertyChange.Effect.KNOWN_AFTER_APPLY);
        for (String type : List.of("aws:rds/subnetGroup:SubnetGroup", "aws:elasticache/subnetGroup:SubnetGroup")) {
            ResourceChange group = diff.changes().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
            assertThat(group.kind()).isEqualTo(ChangeKind.CHANGED);
            assertThat(group.properties()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("subnetIds");
                assertThat(p.after()).isEqualTo(knownAfterApply.after());
                assertThat(p.effect()).isEqualTo(PropertyChange.Effect.KNOWN_AFTER_APPLY);
                assertThat(p.forcesReplacement()).isFalse();
            });
        }
        // The route table association cannot change its subnet in place: it is replaced too.
        assertThat(diff.changes()).filteredOn(c -> c.type().equals("aws:ec2/routeTableAssociation:RouteTableAssociation"))
                .singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(ChangeKind.REPLACED);
                    assertThat(a.replacementCauses()).containsExactly("subnetId");
                });
        // The database and cache themselves keep their subnet group (its name does not change): no data at risk.
        assertThat(diff.changes()).noneMatch(c -> c.stateful() && c.kind() != ChangeKind.CHANGED);
        assertThat(new StackReview("production", diff, base(), PullRequestPlans.DATABASE_SUBNET_CIDR.get(), "").dataAtRisk()).isZero();
        assertThat(diff.alerts()).extracting(Alert::message).anyMatch(m -> m.startsWith("swaps a replaced subnet in aws:rds/subnetGroup:SubnetGroup"));
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aProtectedDatabaseStopsTheDeployInsteadOfBeingReplaced() {
        Plan head = PullRequestPlans.DATABASE_MASTER_USER.get();
        PlanDiff diff = diff(head);
        ResourceChange db = change(diff, RDS, "postgres");
        assertThat(db.kind()).isEqualTo(ChangeKind.REPLACED);
        assertThat(db.replacementCauses()).contains("username");
        assertThat(db.stopsDeploy()).isTrue();
        assertThat(diff.deployStops()).extracting(ResourceChange::name).contains("postgres");
        assertThat(diff.alerts()).extracting(Alert::message)
                .contains("the deploy will stop here: `postgres` is protected (aws:rds/instance:Instance); pulumi up refuses to replace it"
                        + " (username cannot change in place), and nothing after it is applied. If this is deliberate, follow "
                        + "README.md#deliberately-replacing-or-deleting-a-protected-production-resource")
                .noneMatch(m -> m.contains("a new, empty one is created") && m.contains("postgres"));
        String markdown = review(diff, head, List.of());
        assertThat(markdown).contains("**the deploy will stop here: `postgres` is protected**")
                .contains("**The deploy will stop here: `postgres` is protected.** Runbook: [README.md#deliberately-replacing-or-deleting-a-protected-production-resource]");

        PlanDiff deleted = diff(PullRequestPlans.without(base(), RDS, "postgres"));
        assertThat(change(deleted, RDS, "postgres").stopsDeploy()).isTrue();
        assertThat(deleted.alerts()).extracting(Alert::message).contains("the deploy will stop here: `postgres` is protected"
                + " (aws:rds/instance:Instance); pulumi up refuses to delete it, and nothing after it is applied. If this is deliberate,"
                + " follow README.md#deliberately-replacing-or-deleting-a-protected-production-resource");
    }

    @Test
    void anUnpricedClassMakesTheDeltaUnknownNamesTheLineAndFailsTheCostGateClosed() {
        Plan head = PullRequestPlans.withInputs(base(), RDS, "postgres", in -> PullRequestPlans.with(in, "instanceClass", "db.z9.huge"));
        PlanDiff diff = diff(head);
        assertThat(diff.totalCost().known()).isFalse();
        assertThat(diff.totalCost().headUnpriced()).isEqualTo(1);
        assertThat(diff.unpriced()).containsExactly(new UnpricedLine("head", RDS, "postgres", "db.z9.huge Multi-AZ (primary + standby)",
                "no price for rds.postgres-multi-az.db.z9.huge in the us-east-1 catalog"));
        assertThat(diff.headCost().budgetVerdict()).isEqualTo("unknown");
        // Even a threshold of a million dollars fails: the change cannot be computed, and unknown is never $0.
        List<Gate> gates = ReviewGates.evaluate(List.of(new StackReview("production", diff, base(), head, "")),
                IncreaseThreshold.parse("1000000"), false);
        assertThat(gates).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).isEqualTo("production has an unknown cost change (1 unpriced line; an unpriced line is never read as $0)");
        });
        String markdown = review(diff, head, gates);
        assertThat(markdown).contains(" + unpriced (**unknown**, 1 unpriced line) | $2,500.00: **unknown** (1 unpriced line) |")
                .contains("> - head: `aws:rds/instance:Instance` postgres, db.z9.huge Multi-AZ (primary + standby): no price for rds.postgres-multi-az.db.z9.huge in the us-east-1 catalog");
    }

    @Test
    void theDataRiskGateFailsOnOneStatefulReplacementInAGuardedStackOnly() {
        Plan head = PullRequestPlans.DATABASE_MASTER_USER.get();
        StackReview production = new StackReview("production", diff(head), base(), head, "");
        assertThat(ReviewGates.evaluate(List.of(production), null, false, "production"::equals)).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("no stateful resource deleted or replaced in production");
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).contains("production: replaces aws:rds/instance:Instance postgres");
        });
        assertThat(ReviewGates.evaluate(List.of(production), null, false, "staging"::equals)).isEmpty();
        Plan subnet = PullRequestPlans.DATABASE_SUBNET_CIDR.get();
        StackReview noStatefulChange = new StackReview("production", diff(subnet), base(), subnet, "");
        assertThat(ReviewGates.evaluate(List.of(noStatefulChange), null, false, s -> true)).singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());
    }

    static PlannedResource resource(Plan plan, String type, String name) {
        return plan.one(type, name);
    }
}
