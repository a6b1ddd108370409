package com.featureapi.platform.config;

import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.catalog.RegionCatalog;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that every EC2 instance type, RDS instance class and ElastiCache node type of a stack is one AWS
 * offers in the stack's region and the catalog prices ({@code src/main/resources/prices/}), so that
 * {@code m5.lrge} fails here, with a "did you mean", and not ten minutes into {@code pulumi up}; and so that a
 * type the catalog cannot price is refused the same way rather than costed as nothing.
 * A region without a catalog is not checked (the types are then only checked for their form).
 */
final class OfferedTypes {


    private OfferedTypes() {
    }

    static void check(String region, ClusterConfig cluster, DatabaseConfig database, CacheConfig cache, ConfigProblems problems) {
        RegionCatalog catalog = AwsCatalog.forRegion(region).orElse(null);
        if (catalog == null) {
            return;
        }
        List<NodeGroupConfig> groups = cluster.nodeGroups();
        for (int g = 0; g < groups.size(); g++) {
            List<String> types = groups.get(g).instanceTypes();
            for (int t = 0; t < types.size(); t++) {
                check("platform:cluster.nodeGroups[" + g + "].instanceTypes[" + t + "]", types.get(t),
                        NodeGroupConfig.INSTANCE_TYPE, catalog.ec2InstanceTypes(), "an EC2 instance type", "ec2-" + region + ".json", region, problems);
            }
        }
        SpotPoolConfig pool = cluster.spotPool();
        for (int t = 0; pool.enabled() && t < pool.instanceTypes().size(); t++) {
            String key = "platform:cluster.spotPool.instanceTypes[" + t + "]";
            String type = pool.instanceTypes().get(t);
            check(key, type, NodeGroupConfig.INSTANCE_TYPE, catalog.ec2InstanceTypes(), "an EC2 instance type", "ec2-" + region + ".json", region, problems);
            if (catalog.ec2InstanceTypes().contains(type) && catalog.spotPrice(type).isEmpty()) {
                problems.add(key, type, "has no spot estimate in src/main/resources/prices/spot-" + region
                        + ".json (the AWS Spot Instance Advisor lists no figure for it), so the pool could not be priced; choose a type the Advisor lists");
            }
        }
        if (database.instanceClass() != null) {
            check("platform:database.instanceClass", database.instanceClass(), DatabaseConfig.INSTANCE_CLASS, catalog.rdsClasses(),
                    "an RDS for PostgreSQL instance class", "rds-" + region + ".json", region, problems);
        }
        ReadReplicaConfig replica = database.readReplica();
        // A class the replica takes over from the primary is checked once, under the primary's key.
        if (replica.enabled() && replica.instanceClass() != null && !replica.instanceClass().equals(database.instanceClass())) {
            check("platform:database.readReplica.instanceClass", replica.instanceClass(), DatabaseConfig.INSTANCE_CLASS, catalog.rdsClasses(),
                    "an RDS for PostgreSQL instance class", "rds-" + region + ".json", region, problems);
        }
        if (cache.nodeType() != null) {
            check("platform:cache.nodeType", cache.nodeType(), CacheConfig.NODE_TYPE, catalog.cacheNodeTypes(),
                    "an ElastiCache node type", "elasticache-" + region + ".json and " + region + ".json", region, problems);
        }
    }

    /**
     * @param form the section reader's own pattern: a value not of that form was reported there already,
     *             and a second problem for the same key would only repeat it
     */
    private static void check(String key, String value, Pattern form, Set<String> offered, String what, String list, String region,
                              ConfigProblems problems) {
        if (value == null || !form.matcher(value).matches() || offered.contains(value)) {
            return;
        }
        String rule = "is not " + what + " offered and priced in " + region
                + Suggestions.closest(value, offered).map(s -> "; did you mean \"" + s + "\"?")
                .orElse("; see the priced types in src/main/resources/prices/" + list);
        problems.add(key, value, rule);
    }
}
