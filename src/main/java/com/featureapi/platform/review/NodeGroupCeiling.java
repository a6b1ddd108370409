package com.featureapi.platform.review;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The ceiling of an autoscaled node group: what it costs a month when the autoscaler runs it at {@code maxSize}.
 * The group is priced at its desired size (which the autoscaler owns, so it is under ignoreChanges); the ceiling is
 * the exposure a change of {@code maxSize} really moves. A Karpenter NodePool has one too: no node at rest, at most
 * its {@code limits.cpu} of the allowed type dearest per vCPU ({@link com.featureapi.platform.cost.PoolCeiling}).
 *
 * @param name      the node group
 * @param minBefore minSize in the base (null when new)
 * @param maxBefore maxSize in the base (null when new)
 * @param minAfter  minSize in the head
 * @param maxAfter  maxSize in the head
 * @param atMax     monthly instance cost at maxSize, base and head (unknown when the type is unpriced)
 * @param bound     what sets the ceiling: {@code maxSize} for a node group, {@code limits.cpu} for a NodePool
 */
public record NodeGroupCeiling(String name, BigDecimal minBefore, BigDecimal maxBefore, BigDecimal minAfter, BigDecimal maxAfter,
                               CostDelta atMax, String bound) {

    public static final String MAX_SIZE = "maxSize";
    public static final String CPU_LIMIT = "limits.cpu";

    public Optional<BigDecimal> increaseUsd() {
        return atMax.known() ? Optional.of(atMax.deltaUsd()) : Optional.empty();
    }
}
