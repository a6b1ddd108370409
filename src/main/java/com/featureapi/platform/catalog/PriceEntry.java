package com.featureapi.platform.catalog;

import java.math.BigDecimal;

/**
 * One unit price of the catalog.
 *
 * @param key        what is priced, for example {@code ec2.m5.large} or {@code nat.hour}
 * @param price      US dollars per {@code unit}
 * @param unit       the unit the price is for ({@code hour}, {@code GB-month}, ...)
 * @param source     where the figure comes from
 * @param date       when the source was read or generated
 * @param confirmed  false for a figure the reference could not trace to a primary source; every cost line
 *                   resting on it is marked
 */
public record PriceEntry(String key, BigDecimal price, String unit, String source, String date, boolean confirmed) {

    public PriceEntry {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("price " + key + " has no source");
        }
        if (price == null || price.signum() < 0) {
            throw new IllegalArgumentException("price " + key + " has no price");
        }
    }
}
