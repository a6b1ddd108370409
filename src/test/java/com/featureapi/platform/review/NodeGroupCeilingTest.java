package com.featureapi.platform.review;

import com.featureapi.platform.cost.CraftedPlan;
import com.featureapi.platform.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ceiling of a node group (its instances at maxSize) when one side's instance type has no price: unknown, never
 * $0.00, in the diff's figures, its Markdown and text and the review's cost line.
 */
class NodeGroupCeilingTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    private static Plan nodes(String instanceType, int max) {
        return CraftedPlan.of("production").add("cluster", "aws:eks/nodeGroup:NodeGroup", "app-nodes", Map.of(
                "instanceTypes", List.of(instanceType),
                "scalingConfig", Map.of("desiredSize", 3, "minSize", 3, "maxSize", max))).build();
    }

    @Test
    void anUnpricedInstanceTypeMakesTheCeilingUnknownNotZero() {
        // m5.xlarge $0.192/h x 730 h x 10 nodes = $1,401.60; m9.mega has no price in the us-east-1 catalog.
        Plan base = nodes("m5.xlarge", 10);
        Plan head = nodes("m9.mega", 20);
        PlanDiff diff = PlanDiff.between(base, head, AS_OF);
        assertThat(diff.ceilings()).singleElement().satisfies(c -> {
            assertThat(c.atMax().baseUsd()).isEqualByComparingTo("1401.60");
            assertThat(c.atMax().headUnpriced()).isEqualTo(1);
            assertThat(c.atMax().known()).isFalse();
            assertThat(c.increaseUsd()).isEmpty();
        });
        assertThat(DiffMarkdown.render(diff)).contains("| app-nodes | 3-10 → 3-20 | $1,401.60 → unknown (unknown, 1 unpriced line) |");
        assertThat(DiffText.render(diff)).contains("  node group app-nodes at max (10 -> 20 nodes): $1,401.60 -> unknown (unknown, 1 unpriced line)\n");
        String review = ReviewMarkdown.render("main", "pr", List.of(new StackReview("production", diff, base, head, "")), List.of());
        assertThat(review).contains("; ceiling of app-nodes unknown at maxSize)");
        assertThat(DiffJson.render(diff)).contains("\"maxAfter\" : 20,");
    }

    @Test
    void bothSidesPricedGiveTheCeilingsIncrease() {
        PlanDiff diff = PlanDiff.between(nodes("m5.xlarge", 10), nodes("m5.xlarge", 20), AS_OF);
        assertThat(diff.ceilings()).singleElement().satisfies(c -> assertThat(c.increaseUsd())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1401.60")));
        assertThat(DiffMarkdown.render(diff)).contains("| app-nodes | 3-10 → 3-20 | $1,401.60 → $2,803.20 (+$1,401.60, +100.0%) |");
    }
}
