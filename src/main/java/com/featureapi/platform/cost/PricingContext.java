package com.featureapi.platform.cost;

import com.featureapi.platform.catalog.PriceEntry;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.plan.PlannedResource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a pricing rule sees about one resource: its region's catalog, the usage file and the rest of the plan. */
final class PricingContext {

    private final PlannedResource resource;
    private final String region;
    private final Optional<RegionCatalog> catalog;
    private final UsageFile usage;
    private final Map<String, PlannedResource> byUrn;
    private final List<PlannedResource> all;
    private final LocalDate asOf;
    private final int availabilityZones;
    private final String stack;

    PricingContext(String stack, PlannedResource resource, String region, Optional<RegionCatalog> catalog, UsageFile usage,
                   Map<String, PlannedResource> byUrn, List<PlannedResource> all, LocalDate asOf, int availabilityZones) {
        this.resource = resource;
        this.region = region;
        this.catalog = catalog;
        this.usage = usage;
        this.byUrn = byUrn;
        this.all = all;
        this.asOf = asOf;
        this.availabilityZones = availabilityZones;
        this.stack = stack;
    }

    PlannedResource resource() {
        return resource;
    }

    String region() {
        return region;
    }

    LocalDate asOf() {
        return asOf;
    }

    int availabilityZones() {
        return availabilityZones;
    }

    Optional<PlannedResource> byUrn(String urn) {
        return Optional.ofNullable(byUrn.get(urn));
    }

    List<PlannedResource> all() {
        return all;
    }

    Optional<RegionCatalog> catalog() {
        return catalog;
    }

    BigDecimal hoursPerMonth() {
        return catalog.map(RegionCatalog::hoursPerMonth).orElse(new BigDecimal("730"));
    }

    Optional<PriceEntry> price(String key) {
        return catalog.flatMap(c -> c.price(key));
    }

    /** The estimated spot price of an instance type (On-Demand less the Spot Instance Advisor's saving), if known. */
    Optional<PriceEntry> spotPrice(String instanceType) {
        return catalog.flatMap(c -> c.spotPrice(instanceType));
    }

    /** The vCPUs of an instance type, as the Spot Instance Advisor lists them. */
    Optional<Integer> vcpus(String instanceType) {
        return catalog.flatMap(c -> c.spotSavings().of(instanceType)).map(t -> t.vcpus()).filter(v -> v > 0);
    }

    /** Why {@code key} has no price: no catalog for the region, or no entry in it. */
    String missing(String key) {
        return catalog.isEmpty() ? "no price catalog for region " + region
                : "no price for " + key + " in the " + region + " catalog";
    }

    /** A line billed by the hour for {@code count} units all month, or an unpriced line naming what is missing. */
    CostLine hourly(String label, String key, BigDecimal count, String note) {
        return price(key)
                .map(p -> CostLine.priced(label, LineKind.FIXED, count.multiply(hoursPerMonth()), p, note))
                .orElseGet(() -> CostLine.unpriced(label, missing(key)));
    }

    /** A line billed by a monthly quantity known from the plan (GB-month, key-month). */
    CostLine monthly(String label, String key, BigDecimal quantity, String note) {
        return price(key)
                .map(p -> CostLine.priced(label, LineKind.FIXED, quantity, p, note))
                .orElseGet(() -> CostLine.unpriced(label, missing(key)));
    }

    /**
     * A usage-based line: priced from the usage file's value ({@code perUnits} of them make one price unit,
     * 10,000 requests for example), else shown with its unit price and the key to set.
     */
    CostLine usage(String label, String key, String usageKey, BigDecimal perUnits) {
        return usage(label, key, usageKey, BigDecimal.ONE, perUnits);
    }

    /** A usage line whose quantity is the usage value x {@code times} / {@code perUnits}. */
    CostLine usage(String label, String key, String usageKey, BigDecimal times, BigDecimal perUnits) {
        Optional<PriceEntry> price = price(key);
        if (price.isEmpty()) {
            return CostLine.unpriced(label, missing(key));
        }
        Optional<BigDecimal> value = usage.value(resource.type(), resource.name(), usageKey);
        String hint = "set " + usageKey + " for " + resource.type() + "::" + resource.name() + " in cost-usage." + stack + ".yaml";
        if (value.isEmpty()) {
            return CostLine.usageWithoutValue(label, price.get(), hint);
        }
        BigDecimal quantity = value.get().multiply(times).divide(perUnits, 10, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return CostLine.priced(label, LineKind.USAGE, quantity, price.get(), usageKey + " = " + value.get().toPlainString());
    }

    /**
     * A charge that exists only by volume and has no fixed part (GuardDuty): priced from the usage file's value, else
     * <em>unpriced</em>, not a unit price, so the total and the budget verdict are unknown until the usage is given.
     */
    CostLine estimateOrUnknown(String label, String key, String usageKey, BigDecimal perUnits, String estimateNote) {
        Optional<PriceEntry> price = price(key);
        if (price.isEmpty()) {
            return CostLine.unpriced(label, missing(key));
        }
        Optional<BigDecimal> value = usage.value(resource.type(), resource.name(), usageKey);
        if (value.isEmpty()) {
            return CostLine.unpriced(label, "unknown: billed by volume only; set " + usageKey + " for " + resource.type() + "::"
                    + resource.name() + " in cost-usage." + stack + ".yaml ($" + price.get().price().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " per " + price.get().unit() + ")");
        }
        BigDecimal quantity = value.get().divide(perUnits, 10, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return CostLine.priced(label, LineKind.USAGE, quantity, price.get(), "estimate: " + usageKey + " = " + value.get().toPlainString() + "; " + estimateNote);
    }

    CostLine usage(String label, String key, String usageKey) {
        return usage(label, key, usageKey, BigDecimal.ONE);
    }

    Optional<BigDecimal> usageValue(String usageKey) {
        return usage.value(resource.type(), resource.name(), usageKey);
    }
}
