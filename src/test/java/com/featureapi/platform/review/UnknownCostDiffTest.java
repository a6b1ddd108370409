package com.featureapi.platform.review;

import com.featureapi.platform.cost.CraftedPlan;
import com.featureapi.platform.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change whose dollars do not move but whose price becomes unknown (a ClusterIP Service turned LoadBalancer: the NLB
 * is not in the catalog): every figure of the diff that includes it says unknown, never $0.00, and the warning counts
 * the unpriced lines of each side.
 */
class UnknownCostDiffTest {

    private static Plan plan(String serviceType) {
        return CraftedPlan.of("production").add("kubernetes", "kubernetes:core/v1:Service", "web", Map.of("spec", Map.of("type", serviceType)))
                .add("security", "aws:kms/key:Key", "data", Map.of()).build();
    }

    /** Computed in each test, not once per class: PIT credits what a class initializer runs to one test only (docs/testing.md). */
    private static PlanDiff diff() {
        return PlanDiff.between(plan("ClusterIP"), plan("LoadBalancer"), LocalDate.of(2026, 12, 2));
    }

    @Test
    void theResourceTheTierAndTheTotalAreUnknown() {
        PlanDiff diff = diff();
        ResourceChange web = diff.changes().get(0);
        assertThat(web.cost().deltaUsd()).isEqualByComparingTo("0");
        assertThat(web.cost().changed()).as("the count of unpriced lines changed").isTrue();
        assertThat(DiffMarkdown.render(diff))
                .contains("**Monthly cost:** $1.00 → $1.00 + unpriced (unknown, 1 unpriced line)\n")
                .contains("| kubernetes | $0.00 | $0.00 + unpriced | unknown, 1 unpriced line |\n")
                .contains("| security | $1.00 | $1.00 | $0.00, 0.0% |\n")
                .contains("| **total** | **$1.00** | **$1.00 + unpriced** | **unknown, 1 unpriced line** |\n")
                .contains("| ~ | `Service` web | kubernetes | unknown, 1 unpriced line |\n");
        assertThat(DiffText.render(diff)).contains("~  kubernetes:core/v1:Service web  unknown, 1 unpriced line\n")
                .contains("monthly cost: $1.00 -> $1.00 + unpriced (unknown, 1 unpriced line)\n");
    }

    @Test
    void theWarningCountsEachSidesUnpricedLines() {
        assertThat(DiffMarkdown.render(diff())).contains("> **The cost change is unknown:** 0 unpriced lines before, 1 after (the totals above"
                + " leave them out; they are never read as $0):\n> - head: `kubernetes:core/v1:Service` web, Network Load Balancer: NLB prices"
                + " are not in the catalog\n");
    }
}
