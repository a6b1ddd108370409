package com.featureapi.platform.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A monthly cost before and after a change. With an unpriced line on either side the figures are sums of what
 * could be priced and the change itself is unknown ({@link #known()} false): never read as a change of $0.
 *
 * @param baseUsd       monthly USD in the base plan (0 when the resource is new), unpriced lines left out
 * @param headUsd       monthly USD in the head plan (0 when the resource is gone), unpriced lines left out
 * @param baseUnpriced  unpriced lines in the base
 * @param headUnpriced  unpriced lines in the head
 */
public record CostDelta(BigDecimal baseUsd, BigDecimal headUsd, long baseUnpriced, long headUnpriced) {

    public static final CostDelta NONE = new CostDelta(BigDecimal.ZERO, BigDecimal.ZERO);

    /** Both sides fully priced. */
    public CostDelta(BigDecimal baseUsd, BigDecimal headUsd) {
        this(baseUsd, headUsd, 0, 0);
    }

    /** False when either side has an unpriced line: the change cannot be computed. */
    public boolean known() {
        return baseUnpriced == 0 && headUnpriced == 0;
    }

    public long unpriced() {
        return baseUnpriced + headUnpriced;
    }

    /** The change in USD; meaningful only when {@link #known()}. */
    public BigDecimal deltaUsd() {
        return headUsd.subtract(baseUsd);
    }

    /** Change in percent of the base, one decimal; empty when the base is 0 or the change is unknown. */
    public Optional<BigDecimal> percent() {
        if (baseUsd.signum() == 0 || !known()) {
            return Optional.empty();
        }
        return Optional.of(deltaUsd().multiply(new BigDecimal("100")).divide(baseUsd, 1, RoundingMode.HALF_UP));
    }

    /** A figure or the count of unpriced lines differs. */
    public boolean changed() {
        return deltaUsd().setScale(2, RoundingMode.HALF_UP).signum() != 0 || baseUnpriced != headUnpriced;
    }

    CostDelta plus(CostDelta other) {
        return new CostDelta(baseUsd.add(other.baseUsd), headUsd.add(other.headUsd), baseUnpriced + other.baseUnpriced,
                headUnpriced + other.headUnpriced);
    }
}
