package com.featureapi.platform.cost;

import com.featureapi.platform.cost.Recommendation.Kind;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/cost.md's comparison of production with its optimized variant ({@code examples/cost/current} and
 * {@code examples/cost/optimized}): the savings it states, recomputed here by hand from the catalog's unit prices,
 * and the page quoting them. Only the differences are pinned: both files plan through the same program, so a change
 * of the program moves both totals alike.
 */
class OptimizedStackTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);
    private static final Supplier<Plan> CURRENT = PlannedStacks.sharedPerClass(() -> PlannedStacks.plan(Path.of("examples/cost/current"), "production"));
    private static final Supplier<Plan> OPTIMIZED = PlannedStacks.sharedPerClass(() -> PlannedStacks.plan(Path.of("examples/cost/optimized"), "production"));

    private static CostEstimate estimate(Plan plan) {
        return CostEstimator.estimate(plan, UsageFile.empty(), AS_OF);
    }

    private static String cents(BigDecimal usd) {
        return CostEstimate.cents(usd).toPlainString();
    }

    private static BigDecimal tier(CostEstimate estimate, String tier) {
        return estimate.byTier().get(tier);
    }

    @Test
    void gravitonEquivalentsSave219_73AMonth() {
        CostEstimate current = estimate(CURRENT.get());
        CostEstimate optimized = estimate(OPTIMIZED.get());
        assertThat(current.unpricedLines()).isZero();
        assertThat(optimized.unpricedLines()).isZero();
        // nodes: 3 x 730 x (0.192 m5.xlarge - 0.154 m6g.xlarge) = 83.22; 3 per-AZ x 730 x (0.096 m5.large - 0.077 m6g.large) = 41.61
        assertThat(cents(tier(current, "cluster").subtract(tier(optimized, "cluster")))).isEqualTo("124.83");
        // database Multi-AZ: 730 x (1.00 - 0.90) = 73.00; cache: 3 x 730 x (0.216 - 0.206) = 21.90
        assertThat(cents(tier(current, "data").subtract(tier(optimized, "data")))).isEqualTo("94.90");
        assertThat(cents(current.fixedUsd().subtract(optimized.fixedUsd()))).isEqualTo("219.73");
        assertThat(tier(current, "network")).isEqualByComparingTo(tier(optimized, "network"));
    }

    /**
     * No spot share: production's API pods (3 x 500m) free no m6g.xlarge (3,920m allocatable) once Karpenter's controller
     * (2 x 1 CPU) is on the managed nodes, so the optimized figure is the Graviton part alone.
     */
    @Test
    void theOptimizedStackGetsNoSpotShareTheApiFreesNoNode() {
        List<Recommendation> all = Recommender.recommend(OPTIMIZED.get(), UsageFile.empty(), AS_OF);
        assertThat(all).noneMatch(r -> r.kind() == Kind.SPOT);
        assertThat(all).noneMatch(r -> r.kind() == Kind.GRAVITON);
        // What is left is the reserved cache nodes: 3 x 730 x (0.206 - 0.141) = 142.35, a purchase.
        Recommendation cache = all.stream().filter(r -> r.kind() == Kind.RESERVED && r.savingsUsd().isPresent()).findFirst().orElseThrow();
        assertThat(cents(cache.savingsUsd().orElseThrow())).isEqualTo("142.35");
    }

    @Test
    void docsCostStatesTheseFigures() throws IOException {
        String page = Files.readString(Path.of("docs/cost.md"));
        assertThat(page).contains("-$219.73", "-$124.83", "-$94.90", "$1,913.21", "$219.73 a month (10.3%)", "$362.08",
                "./platform plan --project-dir examples/cost/optimized --stack production --out out/cost-optimized");
    }
}
