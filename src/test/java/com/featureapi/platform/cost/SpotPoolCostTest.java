package com.featureapi.platform.cost;

import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The spot pool and Karpenter's AWS side priced, figures worked out by hand (730 hours a month). */
class SpotPoolCostTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);
    private static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";

    private static ResourceCost resource(CostEstimate estimate, String type, String name) {
        return estimate.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> pool(List<String> types, List<String> capacity, String cpu) {
        return Map.of("spec", Map.of("limits", Map.of("cpu", cpu), "template", Map.of("spec", Map.of("requirements", List.of(
                Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", capacity),
                Map.of("key", "node.kubernetes.io/instance-type", "operator", "In", "values", types))))));
    }

    @Test
    void thePoolIsEmptyAtRestAndItsCeilingIsTheCpuLimitAtTheDearestTypePerVcpu() {
        CostEstimate staging = CostEstimator.estimate(PlannedStacks.of("staging"), UsageFile.empty(), AS_OF);
        CostLine line = resource(staging, NODE_POOL, "spot").lines().get(0);
        // Spot estimates (us-east-1, Advisor 2025-06-28): m5.large 0.096 x 0.34 = 0.03264 (0.01632/vCPU), m5.xlarge
        // 0.192 x 0.34 = 0.06528 (0.01632), m4.large 0.10 x 0.48 = 0.048 (0.024), m4.xlarge 0.20 x 0.44 = 0.088 (0.022).
        // Dearest per vCPU: m4.large. 16 vCPUs / 2 = 8 nodes x 0.048 x 730 = 280.32.
        assertThat(line.label()).isEqualTo("0 x m4.large (spot)");
        assertThat(line.monthlyUsd()).isEqualByComparingTo("0");
        assertThat(line.price().price()).isEqualByComparingTo("0.048");
        assertThat(line.unconfirmed()).as("an estimate is marked").isTrue();
        assertThat(line.price().unit()).isEqualTo("hour (spot, estimate)");
        assertThat(line.note()).isEqualTo("no node at rest; range 0-8 nodes = $0.00-$280.32 (ceiling: limits.cpu 16 at m4.large, 2 vCPUs, "
                + "the dearest per vCPU of m5.large, m5.xlarge, m4.large, m4.xlarge; spot estimate, not a list price)");
        assertThat(CostReport.amount(line)).contains("$0.00");
    }

    @Test
    void anOnDemandPoolIsPricedAtOnDemandAndAnOddLimitRoundsUpToWholeNodes() {
        // On-Demand: m5.xlarge 0.192/4 = 0.048 per vCPU, m5.large 0.096/2 = 0.048: the first dearest stays, m5.xlarge.
        // 10 vCPUs -> ceil(10 / 4) = 3 nodes x 0.192 x 730 = 420.48.
        CostEstimate e = CostEstimator.estimate(CraftedPlan.of("t").add("kubernetes", NODE_POOL, "p",
                pool(List.of("m5.xlarge", "m5.large"), List.of("on-demand"), "10")).build(), UsageFile.empty(), AS_OF);
        CostLine line = resource(e, NODE_POOL, "p").lines().get(0);
        assertThat(line.note()).startsWith("no node at rest; range 0-3 nodes = $0.00-$420.48 (ceiling: limits.cpu 10 at m5.xlarge, 4 vCPUs")
                .endsWith("; On-Demand)");
        assertThat(line.unconfirmed()).isFalse();
    }

    @Test
    void aPoolWithoutALimitOrWithAnUnknownTypeIsUnpricedNeverZero() {
        CostEstimate noLimit = CostEstimator.estimate(CraftedPlan.of("t").add("kubernetes", NODE_POOL, "p",
                Map.of("spec", Map.of("template", Map.of()))).build(), UsageFile.empty(), AS_OF);
        assertThat(resource(noLimit, NODE_POOL, "p").lines().get(0).kind()).isEqualTo(LineKind.UNPRICED);
        assertThat(resource(noLimit, NODE_POOL, "p").lines().get(0).note()).isEqualTo("the pool has no limits.cpu: its ceiling is unbounded");
        CostEstimate noEstimate = CostEstimator.estimate(CraftedPlan.of("t").add("kubernetes", NODE_POOL, "p",
                pool(List.of("m5.large", "c8a.large"), List.of("spot"), "8")).build(), UsageFile.empty(), AS_OF);
        CostLine unpriced = resource(noEstimate, NODE_POOL, "p").lines().get(0);
        assertThat(unpriced.kind()).isEqualTo(LineKind.UNPRICED);
        assertThat(unpriced.note()).isEqualTo("no spot estimate or vCPU count for c8a.large in the us-east-1 catalog");
        assertThat(noEstimate.unpricedLines()).isEqualTo(1);
    }

    @Test
    void theInterruptionQueueIsPricedFromUsageAndTheRulesAreFree() {
        // Karpenter long-polls (20 s) all month: 3 receives a minute x 43,800 minutes = 131,400, plus sends and deletes
        // of the events; 200,000 requests / 1,000,000 x 0.40 = 0.08.
        CostEstimate e = CostEstimator.estimate(PlannedStacks.of("staging"), UsageFile.parse(
                "resources:\n  aws:sqs/queue:Queue::karpenter-interruptions:\n    monthlyRequests: 200000\n", "cost-usage.test.yaml"), AS_OF);
        CostLine requests = resource(e, "aws:sqs/queue:Queue", "karpenter-interruptions").lines().get(0);
        assertThat(CostEstimate.cents(requests.monthlyUsd()).toPlainString()).isEqualTo("0.08");
        assertThat(requests.note()).isEqualTo("monthlyRequests = 200000");
        assertThat(resource(e, "aws:cloudwatch/eventRule:EventRule", "karpenter-spot-interruption").lines().get(0).kind()).isEqualTo(LineKind.FREE);
        CostEstimate empty = CostEstimator.estimate(PlannedStacks.of("staging"), UsageFile.empty(), AS_OF);
        assertThat(CostReport.amount(resource(empty, "aws:sqs/queue:Queue", "karpenter-interruptions").lines().get(0)))
                .isEqualTo("$0.4 per 1M requests (standard queue, 64 KB chunks)");
        assertThat(empty.unpricedLines()).as("every new type is priced or free on purpose").isZero();
    }
}
