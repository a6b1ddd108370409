package com.featureapi.platform.catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What AWS offers and charges in one region: the instance types, DB classes and cache node types that exist
 * there (config validates against them) and the unit prices (the cost model prices from them).
 *
 * @param region           AWS region
 * @param hoursPerMonth    hours that make a month (730, as AWS's and Infracost's monthly figures do)
 * @param prices           every unit price by key
 * @param ec2InstanceTypes EC2 instance types offered
 * @param rdsClasses       RDS for PostgreSQL instance classes offered and priced (config accepts only these)
 * @param cacheNodeTypes   ElastiCache node types offered and priced for Redis OSS (config accepts only these)
 * @param offeringSources  per list above ({@code ec2}, {@code rds}, {@code elasticache}), where it comes from
 * @param spotSavings      the Spot Instance Advisor's savings over On-Demand per instance type: spot prices are
 *                         estimates derived from them ({@link #spotPrice(String)})
 */
public record RegionCatalog(
        String region,
        BigDecimal hoursPerMonth,
        Map<String, PriceEntry> prices,
        SortedSet<String> ec2InstanceTypes,
        SortedSet<String> rdsClasses,
        SortedSet<String> cacheNodeTypes,
        Map<String, String> offeringSources,
        SpotSavings spotSavings) {

    /** Unit of a spot estimate, so that a reader of the cost line sees it is not a list price. */
    public static final String SPOT_UNIT = "hour (spot, estimate)";

    public Optional<PriceEntry> price(String key) {
        return Optional.ofNullable(prices.get(key));
    }

    /**
     * The estimated spot price of an instance type: its On-Demand price less the Advisor's average saving, marked
     * unconfirmed (every cost line resting on it says so) with both sources and the Advisor's date. Empty when
     * either figure is missing: an unknown spot price is never taken as zero or as the On-Demand price.
     */
    public Optional<PriceEntry> spotPrice(String instanceType) {
        Optional<PriceEntry> onDemand = price(ec2Key(instanceType));
        Optional<SpotSavings.Type> saving = spotSavings.of(instanceType);
        if (onDemand.isEmpty() || saving.isEmpty()) {
            return Optional.empty();
        }
        int percent = saving.get().savingsPercent();
        BigDecimal factor = BigDecimal.valueOf(100 - percent).movePointLeft(2);
        return Optional.of(new PriceEntry(spotKey(instanceType), onDemand.get().price().multiply(factor).stripTrailingZeros(), SPOT_UNIT,
                "estimate: On-Demand $" + onDemand.get().price().toPlainString() + "/h less " + percent
                        + "% (average spot saving; interruption " + spotSavings.interruptionLabel(saving.get()) + ") from "
                        + spotSavings.source() + "; On-Demand from " + onDemand.get().source(),
                spotSavings.date(), false));
    }

    /** The key of a spot estimate (not stored in the catalog: derived by {@link #spotPrice(String)}). */
    public static String spotKey(String instanceType) {
        return "ec2-spot." + instanceType;
    }

    public static String ec2Key(String instanceType) {
        return "ec2." + instanceType;
    }

    public static String rdsKey(String instanceClass) {
        return "rds.postgres." + instanceClass;
    }

    /** Price of a Multi-AZ (one standby) instance of the class: primary and standby together. */
    public static String rdsMultiAzKey(String instanceClass) {
        return "rds.postgres-multi-az." + instanceClass;
    }

    public static String cacheKey(String nodeType) {
        return "elasticache.redis." + nodeType;
    }

    /**
     * The hourly rate of a one-year reserved Redis OSS node paid with no upfront payment (for recommendations: the
     * plan itself is always priced on demand).
     */
    public static String cacheReservedKey(String nodeType) {
        return "elasticache.redis-reserved-1y-no-upfront." + nodeType;
    }
}
