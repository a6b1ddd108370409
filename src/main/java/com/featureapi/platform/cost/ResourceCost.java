package com.featureapi.platform.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * The monthly cost of one resource of the plan.
 *
 * @param urn    the resource's URN
 * @param type   its type token
 * @param name   its logical name
 * @param tier   its tier ({@code network}, {@code data}, ...; {@code stack} outside every tier)
 * @param region the AWS region it is billed in
 * @param lines  what it costs, line by line
 */
public record ResourceCost(String urn, String type, String name, String tier, String region, List<CostLine> lines) {

    public BigDecimal fixedUsd() {
        return sum(LineKind.FIXED);
    }

    public BigDecimal usageUsd() {
        return sum(LineKind.USAGE);
    }

    /** Fixed plus the usage lines with a usage value. */
    public BigDecimal monthlyUsd() {
        return fixedUsd().add(usageUsd());
    }

    public boolean free() {
        return lines.stream().allMatch(l -> l.kind() == LineKind.FREE);
    }

    public boolean hasUnpriced() {
        return lines.stream().anyMatch(l -> l.kind() == LineKind.UNPRICED);
    }

    private BigDecimal sum(LineKind kind) {
        return lines.stream().filter(l -> l.kind() == kind && l.hasAmount()).map(CostLine::monthlyUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
