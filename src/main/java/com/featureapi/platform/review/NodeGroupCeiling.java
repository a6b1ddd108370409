package com.featureapi.platform.review;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The ceiling of an autoscaled node group: what it costs a month when the autoscaler runs it at {@code maxSize}.
 * The group is priced at its desired size (which the autoscaler owns, so it is under ignoreChanges); the ceiling is
 * the exposure a change of {@code maxSize} really moves.
 *
 * @param name      the node group
 * @param minBefore minSize in the base (null when new)
 * @param maxBefore maxSize in the base (null when new)
 * @param minAfter  minSize in the head
 * @param maxAfter  maxSize in the head
 * @param atMax     monthly instance cost at maxSize, base and head (unknown when the type is unpriced)
 */
public record NodeGroupCeiling(String name, BigDecimal minBefore, BigDecimal maxBefore, BigDecimal minAfter, BigDecimal maxAfter,
                               CostDelta atMax) {

    public Optional<BigDecimal> increaseUsd() {
        return atMax.known() ? Optional.of(atMax.deltaUsd()) : Optional.empty();
    }
}
