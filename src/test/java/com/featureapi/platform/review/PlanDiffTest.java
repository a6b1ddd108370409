package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.cost.CraftedPlan;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanReader.PlanDocument;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff of crafted plan pairs, each change a reviewer must see, with hand-computed cost deltas. */
class PlanDiffTest {

    private static final Map<String, Object> DB = Map.of("identifier", "platform-t-postgres", "instanceClass", "db.r5.large",
            "multiAz", true, "allocatedStorage", 100, "storageType", "gp3", "deletionProtection", true, "password", "[secret]");

    private static CraftedPlan base() {
        return CraftedPlan.of("t")
                .add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)))
                .add("data", "aws:rds/instance:Instance", "postgres", DB, true, Map.of());
    }

    private static PlanDiff diff(CraftedPlan before, CraftedPlan after) {
        return PlanDiff.between(new PlanDocument(before.build(), new ObjectMapper().createObjectNode()),
                new PlanDocument(after.build(), new ObjectMapper().createObjectNode()), UsageFile.empty(), UsageFile.empty(), LocalDate.of(2026, 11, 23));
    }

    private static ResourceChange change(PlanDiff diff, String name) {
        return diff.changes().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void identicalPlansHaveNoChangeAndNoCostDelta() {
        PlanDiff diff = diff(base(), base());
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.alerts()).isEmpty();
        assertThat(diff.totalCost().changed()).isFalse();
    }

    @Test
    void addedNodeGroup() {
        // 2 x m5.large: 2 x 0.096 x 730 = 140.16, plus 2 x 20 GB gp2 default root volumes x 0.10 = 4.00 -> +144.16
        PlanDiff diff = diff(base(), base().add("cluster", "aws:eks/nodeGroup:NodeGroup", "monitoring-nodes",
                Map.of("instanceTypes", List.of("m5.large"), "scalingConfig", Map.of("desiredSize", 2, "minSize", 2, "maxSize", 4))));
        ResourceChange added = change(diff, "monitoring-nodes");
        assertThat(added.kind()).isEqualTo(ChangeKind.ADDED);
        assertThat(added.cost().deltaUsd()).isEqualByComparingTo("144.16");
        assertThat(diff.costByTier().get("cluster").deltaUsd()).isEqualByComparingTo("144.16");
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("144.16");
        assertThat(diff.alerts()).isEmpty();
    }

    @Test
    void classChangeIsAnInPlaceChangeWithItsCostDelta() {
        // db.r5.large -> db.r5.xlarge Multi-AZ: 2 x (0.50 - 0.25) x 730 = +365.00; base 2 x 0.25 x 730 + 100 x 0.23 = 388.00 -> +94.1%
        CraftedPlan after = CraftedPlan.of("t")
                .add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)))
                .add("data", "aws:rds/instance:Instance", "postgres", with(DB, "instanceClass", "db.r5.xlarge"), true, Map.of());
        PlanDiff diff = diff(base(), after);
        ResourceChange db = change(diff, "postgres");
        assertThat(db.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(db.properties()).containsExactly(new PropertyChange("instanceClass", "db.r5.large", "db.r5.xlarge", false));
        assertThat(db.cost().deltaUsd()).isEqualByComparingTo("365.00");
        assertThat(db.cost().percent()).contains(new java.math.BigDecimal("94.1"));
        assertThat(diff.alerts()).isEmpty();
        assertThat(DiffMarkdown.render(diff)).contains("| data | $388.00 | $753.00 | +$365.00, +94.1% |");
    }

    @Test
    void deletedDatabaseIsAlertedFirst() {
        CraftedPlan after = CraftedPlan.of("t").add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)));
        PlanDiff diff = diff(base(), after);
        assertThat(change(diff, "postgres").kind()).isEqualTo(ChangeKind.REMOVED);
        assertThat(diff.alerts()).extracting(Alert::message).containsExactly(
                "the deploy will stop here: `postgres` is protected (aws:rds/instance:Instance); pulumi up refuses to delete it, and nothing"
                        + " after it is applied. If this is deliberate, follow README.md#deliberately-replacing-or-deleting-a-protected-production-resource");
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo("-388.00");
        String markdown = DiffMarkdown.render(diff);
        assertThat(markdown.indexOf("[!CAUTION]")).isLessThan(markdown.indexOf("**Monthly cost:**"));
    }

    @Test
    void lostProtectIsAlerted() {
        CraftedPlan after = CraftedPlan.of("t")
                .add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)))
                .add("data", "aws:rds/instance:Instance", "postgres", with(DB, "deletionProtection", false), false, Map.of());
        PlanDiff diff = diff(base(), after);
        assertThat(diff.alerts()).extracting(Alert::message).containsExactly(
                "LOSES protect: aws:rds/instance:Instance postgres could then be deleted by a later change",
                "turns off deletion protection of aws:rds/instance:Instance postgres");
        assertThat(DiffText.render(diff)).contains("     protect: true -> false");
    }

    @Test
    void identifierChangeReplacesTheDatabase() {
        CraftedPlan after = CraftedPlan.of("t")
                .add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)))
                .add("data", "aws:rds/instance:Instance", "postgres", with(DB, "identifier", "platform-t-pg"), false, Map.of());
        // Unprotected in the head: the engine allows the replacement (pulumi/pulumi#8873), which loses the data.
        PlanDiff diff = diff(base(), after);
        ResourceChange db = change(diff, "postgres");
        assertThat(db.kind()).isEqualTo(ChangeKind.REPLACED);
        assertThat(db.replacementCauses()).containsExactly("identifier");
        assertThat(diff.alerts()).extracting(Alert::message).containsExactly(
                "REPLACES aws:rds/instance:Instance postgres (a new, empty one is created; the data does not move) because identifier cannot change in place",
                "LOSES protect: aws:rds/instance:Instance postgres could then be deleted by a later change");
    }

    @Test
    void secretsStaySecret() {
        CraftedPlan after = CraftedPlan.of("t")
                .add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", 10)))
                .add("data", "aws:rds/instance:Instance", "postgres", with(with(DB, "password", "[secret]"), "username", "[secret]"), true, Map.of());
        PlanDiff diff = diff(base(), after);
        assertThat(change(diff, "postgres").properties()).containsExactly(new PropertyChange("username", null, "[secret]", true));
        assertThat(DiffMarkdown.render(diff) + DiffText.render(diff) + DiffJson.render(diff)).doesNotContain("hunter2");
    }

    @Nested
    class Policy {
        private PlanDocument withPolicy(Plan plan, String policyJson) throws Exception {
            return new PlanDocument(plan, new ObjectMapper().readTree("{\"policies\":" + policyJson + "}"));
        }

        @Test
        void verdictsThatAppearOrDisappearAreListedAndAnAbsentSectionIsNoVerdict() throws Exception {
            Plan plan = base().build();
            String urn = "urn:pulumi:t::platform::platform:data:Data$aws:rds/instance:Instance::postgres";
            // the shape of plan.json's policies section (docs/plan-schema.md)
            String pack = "\"packs\":[{\"name\":\"platform\",\"version\":\"1.0.0\",\"path\":\"policies\",\"config\":\"\",\"policies\":173}]";
            PlanDocument before = withPolicy(plan, "{" + pack + ",\"summary\":{\"mandatory\":1,\"advisory\":0},\"violations\":[{\"policyPack\":\"platform\","
                    + "\"policyPackVersion\":\"1.0.0\",\"policy\":\"rds-multi-az\",\"enforcementLevel\":\"mandatory\",\"urn\":\"" + urn
                    + "\",\"message\":\"production databases are Multi-AZ\"}]}");
            PlanDocument after = withPolicy(plan, "{" + pack + ",\"summary\":{\"mandatory\":0,\"advisory\":1},\"violations\":[{\"policyPack\":\"platform\","
                    + "\"policyPackVersion\":\"1.0.0\",\"policy\":\"s3-encryption\",\"enforcementLevel\":\"advisory\",\"urn\":\"\",\"message\":\"bucket without KMS\"}]}");
            PlanDiff diff = PlanDiff.between(before, after, UsageFile.empty(), UsageFile.empty(), LocalDate.of(2026, 11, 23));
            assertThat(diff.policyChanges()).containsExactly(
                    new PolicyChange(true, "s3-encryption", "advisory", "", "bucket without KMS"),
                    new PolicyChange(false, "rds-multi-az", "mandatory", "platform:data:Data$aws:rds/instance:Instance::postgres", "production databases are Multi-AZ"));
            PlanDiff none = PlanDiff.between(plan, plan);
            assertThat(none.policyChanges()).isEmpty();
            assertThat(DiffMarkdown.render(none)).contains("No verdict appeared or disappeared.");
        }
    }

    @Test
    void stagingToProductionMatchesResourcesAcrossStacksAndTotalsTheCostDelta() {
        Plan staging = PlannedStacks.of("staging");
        Plan production = PlannedStacks.of("production");
        PlanDiff diff = PlanDiff.between(staging, production);
        assertThat(diff.totalCost().deltaUsd()).isEqualByComparingTo(diff.headCost().totalUsd().subtract(diff.baseCost().totalUsd()));
        assertThat(change(diff, "monitoring-nodes").kind()).isEqualTo(ChangeKind.ADDED);
        assertThat(change(diff, "nat-us-east-1b").kind()).isEqualTo(ChangeKind.ADDED);
        // The only removals are staging's spot pool (Karpenter, its roles, queue and node objects), which production
        // keeps off, the association of staging's private hosted zone (production's zone is public) and the subnets of
        // staging's internal ALB with their route-table associations (production's ALB is internet-facing).
        assertThat(diff.changes()).filteredOn(c -> c.kind() == ChangeKind.REMOVED)
                .isNotEmpty().allMatch(c -> c.name().startsWith("karpenter") || c.name().equals("spot")
                        || c.name().equals("private-hosted-zone") || c.name().startsWith("load-balancer-us-east-1"))
                .anyMatch(c -> c.name().equals("private-hosted-zone"))
                .filteredOn(c -> c.name().startsWith("load-balancer-")).hasSize(6);
        assertThat(DiffMarkdown.render(diff)).startsWith("## Plan diff: `staging` → `production`");
    }

    @Test
    void failOnIncreaseThresholds() {
        CostDelta delta = new CostDelta(new java.math.BigDecimal("1000"), new java.math.BigDecimal("1150"));
        assertThat(IncreaseThreshold.parse("10%").exceededBy(delta)).isTrue();
        assertThat(IncreaseThreshold.parse("15%").exceededBy(delta)).isFalse();
        assertThat(IncreaseThreshold.parse("100").exceededBy(delta)).isTrue();
        assertThat(IncreaseThreshold.parse("150").exceededBy(delta)).isFalse();
        assertThat(IncreaseThreshold.parse("10%").exceededBy(new CostDelta(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IncreaseThreshold.parse("ten"))
                .hasMessage("--fail-on-increase ten: give a percentage such as 10% or US dollars a month such as 100");
    }

    private static Map<String, Object> with(Map<String, Object> inputs, String key, Object value) {
        Map<String, Object> copy = new java.util.TreeMap<>(inputs);
        copy.put(key, value);
        return copy;
    }
}
