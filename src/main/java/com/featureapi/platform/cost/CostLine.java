package com.featureapi.platform.cost;

import com.featureapi.platform.catalog.PriceEntry;

import java.math.BigDecimal;

/**
 * One priced (or deliberately unpriced) component of a resource's monthly cost.
 *
 * @param label      what is billed, for example {@code m5.xlarge instances}
 * @param kind       fixed, usage-based, free or unpriced
 * @param quantity   units a month in the unit of {@code price} (3 nodes x 730 hours = 2190 hours); null for a
 *                   usage line without a usage value and for free or unpriced lines
 * @param price      the catalog entry it is priced from; null for free and unpriced lines (never a made-up price)
 * @param monthlyUsd quantity x unit price, unrounded; null when not known
 * @param note       why it is free or unpriced, which usage key to set, the min-max range ...
 */
public record CostLine(String label, LineKind kind, BigDecimal quantity, PriceEntry price, BigDecimal monthlyUsd, String note) {

    static CostLine priced(String label, LineKind kind, BigDecimal quantity, PriceEntry price, String note) {
        return new CostLine(label, kind, quantity, price, quantity.multiply(price.price()), note);
    }

    static CostLine usageWithoutValue(String label, PriceEntry price, String note) {
        return new CostLine(label, LineKind.USAGE, null, price, null, note);
    }

    static CostLine free(String label, String why) {
        return new CostLine(label, LineKind.FREE, null, null, BigDecimal.ZERO, why);
    }

    static CostLine unpriced(String label, String why) {
        return new CostLine(label, LineKind.UNPRICED, null, null, null, why);
    }

    /** True when the line's figure rests on a price the reference marks unconfirmed. */
    public boolean unconfirmed() {
        return price != null && !price.confirmed();
    }

    public boolean hasAmount() {
        return monthlyUsd != null;
    }
}
