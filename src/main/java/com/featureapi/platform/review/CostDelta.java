package com.featureapi.platform.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A monthly cost before and after a change.
 *
 * @param baseUsd monthly USD in the base plan (0 when the resource is new)
 * @param headUsd monthly USD in the head plan (0 when the resource is gone)
 */
public record CostDelta(BigDecimal baseUsd, BigDecimal headUsd) {

    public static final CostDelta NONE = new CostDelta(BigDecimal.ZERO, BigDecimal.ZERO);

    public BigDecimal deltaUsd() {
        return headUsd.subtract(baseUsd);
    }

    /** Change in percent of the base, one decimal; empty when the base is 0. */
    public Optional<BigDecimal> percent() {
        if (baseUsd.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(deltaUsd().multiply(new BigDecimal("100")).divide(baseUsd, 1, RoundingMode.HALF_UP));
    }

    public boolean changed() {
        return deltaUsd().setScale(2, RoundingMode.HALF_UP).signum() != 0;
    }

    CostDelta plus(CostDelta other) {
        return new CostDelta(baseUsd.add(other.baseUsd), headUsd.add(other.headUsd));
    }
}
