package com.featureapi.platform.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The monthly cost of a whole plan: every cloud resource with its lines, totals per tier and overall, with
 * fixed and usage-based amounts apart.
 *
 * @param project    Pulumi project
 * @param stack      stack
 * @param region     the stack's region ({@code aws:region})
 * @param resources  every cloud resource of the plan, in plan (URN) order
 * @param budgetUsd  {@code platform:cost.monthlyBudgetUsd}, if the plan's config has it
 * @param enforceBudget {@code platform:cost.enforceBudget}
 * @param usageFile  the usage file applied, or empty
 */
public record CostEstimate(
        String project,
        String stack,
        String region,
        List<ResourceCost> resources,
        Optional<BigDecimal> budgetUsd,
        boolean enforceBudget,
        Optional<String> usageFile) {

    public BigDecimal fixedUsd() {
        return resources.stream().map(ResourceCost::fixedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal usageUsd() {
        return resources.stream().map(ResourceCost::usageUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalUsd() {
        return fixedUsd().add(usageUsd());
    }

    /** Monthly cost (fixed plus usage with values) per tier, sorted by tier name. */
    public SortedMap<String, BigDecimal> byTier() {
        SortedMap<String, BigDecimal> result = new TreeMap<>();
        for (ResourceCost r : resources) {
            result.merge(r.tier(), r.monthlyUsd(), BigDecimal::add);
        }
        return result;
    }

    public List<CostLine> lines() {
        return resources.stream().flatMap(r -> r.lines().stream()).toList();
    }

    public long unpricedLines() {
        return lines().stream().filter(l -> l.kind() == LineKind.UNPRICED).count();
    }

    public long unconfirmedLines() {
        return lines().stream().filter(CostLine::unconfirmed).count();
    }

    /** Usage lines that show their unit price because the usage file gives no value. */
    public long usageLinesWithoutValue() {
        return lines().stream().filter(l -> l.kind() == LineKind.USAGE && !l.hasAmount()).count();
    }

    /** Resource types with at least one unpriced line. */
    public SortedSet<String> unpricedTypes() {
        SortedSet<String> types = new TreeSet<>();
        resources.stream().filter(ResourceCost::hasUnpriced).forEach(r -> types.add(r.type()));
        return types;
    }

    /** True when a budget is set and the fixed monthly cost is above it. */
    public boolean overBudget() {
        return budgetUsd.map(b -> fixedUsd().compareTo(b) > 0).orElse(false);
    }

    /**
     * {@code over} (the fixed cost already exceeds the budget, priced lines alone), {@code unknown} (within so far,
     * but with unpriced lines), {@code within}, or {@code none} (no budget set).
     */
    public String budgetVerdict() {
        if (budgetUsd.isEmpty()) {
            return "none";
        }
        return overBudget() ? "over" : unpricedLines() > 0 ? "unknown" : "within";
    }

    public Map<String, ResourceCost> byUrn() {
        Map<String, ResourceCost> map = new TreeMap<>();
        resources.forEach(r -> map.put(r.urn(), r));
        return map;
    }

    /** Dollars to cents, half up: how every figure is shown. */
    public static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }
}
