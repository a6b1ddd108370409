package com.featureapi.platform.review;

import java.math.BigDecimal;

/**
 * {@code --fail-on-increase}: {@code 10%} (relative to the base's monthly total) or {@code 100} (US dollars a month).
 *
 * @param amount  the threshold
 * @param percent true for a percentage
 */
public record IncreaseThreshold(BigDecimal amount, boolean percent) {

    public static IncreaseThreshold parse(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = (percent ? t.substring(0, t.length() - 1) : t).replace("$", "").trim();
        if (!number.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("--fail-on-increase " + text + ": give a percentage such as 10% or US dollars a month such as 100");
        }
        return new IncreaseThreshold(new BigDecimal(number), percent);
    }

    /**
     * True when the diff's monthly increase is above the threshold (an increase from $0 is above any percentage), and
     * when the change is unknown (an unpriced line on either side): the gate fails closed. Exactly the threshold passes.
     */
    public boolean exceededBy(CostDelta total) {
        if (!total.known()) {
            return true;
        }
        BigDecimal delta = total.deltaUsd();
        if (delta.signum() <= 0) {
            return false;
        }
        if (!percent) {
            return delta.compareTo(amount) > 0;
        }
        return total.percent().map(p -> delta.multiply(new BigDecimal("100")).compareTo(amount.multiply(total.baseUsd())) > 0).orElse(true);
    }

    @Override
    public String toString() {
        return percent ? amount.toPlainString() + "%" : "$" + amount.toPlainString();
    }
}
