package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.featureapi.platform.plan.TestProject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spot pool's ceiling in a review, as the node groups' is: a pull request against the staging fixture (pool on,
 * limits.cpu 16 over the seed's m5/m4 types) that raises the limit to 40 and keeps only m5.large and m5.xlarge.
 * Figures by hand from the catalog (us-east-1, 730 h, spot = On-Demand x (1 - the Spot Advisor's saving)).
 */
class PoolCeilingReviewTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    private static final Supplier<Plan> BIGGER_POOL = PlannedStacks.sharedPerClass(() -> PlannedStacks.plan(
            StackFiles.copyEdited(TestProject.temporaryDirectory(), "staging", config -> {
                ObjectNode pool = (ObjectNode) config.get("platform:cluster").get("spotPool");
                pool.put("cpuLimit", 40);
                ArrayNode types = pool.putArray("instanceTypes");
                types.add("m5.large").add("m5.xlarge");
            }), "staging"));

    @Test
    void aRaisedCpuLimitMovesThePoolsCeilingInTheReviewAndTheCostReport() throws Exception {
        Plan base = PlannedStacks.of("staging");
        Plan head = BIGGER_POOL.get();
        PlanDiff diff = PlanDiff.between(base, head, AS_OF);
        // Base: m4.large 0.10 x (1 - 0.52) = 0.048/h for 2 vCPUs (0.024 per vCPU, the dearest of the four);
        // 16 / 2 = 8 nodes x 0.048 x 730 = 280.32.
        // Head: m5.large 0.096 x (1 - 0.66) = 0.03264 for 2 vCPUs and m5.xlarge 0.192 x 0.34 = 0.06528 for 4: both 0.01632
        // per vCPU, the first stays; 40 / 2 = 20 nodes x 0.03264 x 730 = 476.544 -> 476.54. Increase 196.22 (70.0%).
        assertThat(diff.ceilings()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("spot (Karpenter NodePool)");
            assertThat(c.bound()).isEqualTo("limits.cpu");
            assertThat(c.minBefore()).isEqualByComparingTo("0");
            assertThat(c.maxBefore()).isEqualByComparingTo("8");
            assertThat(c.maxAfter()).isEqualByComparingTo("20");
            assertThat(c.atMax().baseUsd()).isEqualByComparingTo("280.32");
            assertThat(c.atMax().headUsd()).isEqualByComparingTo("476.54");
            assertThat(c.increaseUsd()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("196.22"));
        });
        assertThat(diff.totalCost().deltaUsd()).as("no node at rest: the monthly figure does not move").isEqualByComparingTo("0");
        String markdown = ReviewMarkdown.render("main", "pr", List.of(new StackReview("staging", diff, base, head, "")), List.of());
        assertThat(markdown).contains("; ceiling of spot (Karpenter NodePool) +$196.22 at limits.cpu)")
                .contains("| spot (Karpenter NodePool) | 0-8 → 0-20 | $280.32 → $476.54 (+$196.22, +70.0%) |");
        assertThat(DiffText.render(diff)).contains("node group spot (Karpenter NodePool) at max (8 -> 20 nodes): $280.32 -> $476.54");
        assertThat(new ObjectMapper().readTree(DiffJson.render(diff)).path("nodeGroupCeilings").get(0).path("bound").asText()).isEqualTo("limits.cpu");
        // `cost` shows the same ceiling on the pool's line.
        assertThat(CostReport.text(CostEstimator.estimate(head, UsageFile.empty(), AS_OF)))
                .contains("range 0-20 nodes = $0.00-$476.54 (ceiling: limits.cpu 40 at m5.large, 2 vCPUs");
    }

    @Test
    void anUnchangedPoolShowsNoCeilingRow() {
        assertThat(PlanDiff.between(PlannedStacks.of("staging"), PlannedStacks.of("staging"), AS_OF).ceilings()).isEmpty();
    }
}
