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
 */
public record RegionCatalog(
        String region,
        BigDecimal hoursPerMonth,
        Map<String, PriceEntry> prices,
        SortedSet<String> ec2InstanceTypes,
        SortedSet<String> rdsClasses,
        SortedSet<String> cacheNodeTypes,
        Map<String, String> offeringSources) {

    public Optional<PriceEntry> price(String key) {
        return Optional.ofNullable(prices.get(key));
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
}
