package com.featureapi.platform.config;

import java.util.regex.Pattern;

/**
 * {@code platform:cache}: the ElastiCache Redis OSS replication group.
 *
 * @param engineVersion         Redis OSS {@code 7.0} or {@code 7.1} (family {@code redis7})
 * @param nodeType              an ElastiCache node type such as {@code cache.r5.large}
 * @param numCacheClusters      nodes (one primary plus replicas), 1 to 6; failover needs at least 2
 * @param snapshotRetentionDays daily snapshots kept, 0 to 35 (production: at least 7)
 * @param snapshotWindow        daily UTC window, {@code hh:mm-hh:mm}
 * @param maintenanceWindow     weekly UTC window, apart from the snapshot window
 * @param slowLogRetentionDays  retention of the slow-log group, a CloudWatch Logs retention period (default 30)
 * @param applyImmediately      node-type, version and other modifications apply during {@code pulumi up} (default:
 *                              true outside production) instead of in the next maintenance window
 * @param activeDefrag          Redis's active defragmentation ({@code activedefrag yes} in the parameter group, seed 001's
 *                              production setting): memory freed by evictions and expiries is compacted in the
 *                              background at a small CPU cost, so a long-running cache does not lose usable memory to
 *                              fragmentation. Off unless the stack turns it on (default false)
 */
public record CacheConfig(
        String engineVersion,
        String nodeType,
        int numCacheClusters,
        int snapshotRetentionDays,
        String snapshotWindow,
        String maintenanceWindow,
        int slowLogRetentionDays,
        boolean applyImmediately,
        boolean activeDefrag) {

    private static final Pattern VERSION = Pattern.compile("7\\.[01]");
    static final Pattern NODE_TYPE = Pattern.compile("cache\\.[a-z0-9]+\\.[a-z0-9]+");

    /** Automatic failover and Multi-AZ need a replica. */
    public boolean automaticFailover() {
        return numCacheClusters >= 2;
    }

    static CacheConfig read(ConfigNode node, Environment environment) {
        ConfigProblems problems = node.problems();
        String version = node.matching("engineVersion", "7.1", VERSION, "must be a Redis OSS version ElastiCache offers: 7.0 or 7.1 (quote it in YAML)");
        String nodeType = node.matching("nodeType", null, NODE_TYPE, "is not an ElastiCache node type such as cache.r5.large");
        if (nodeType == null) {
            problems.missing(node.keyPath("nodeType"), "nodeType: cache.t3.medium");
        }
        int nodes = node.integer("numCacheClusters", environment.isProduction() ? 3 : 1, 1, 6);
        if (environment.isProduction() && nodes < 2) {
            problems.add(node.keyPath("numCacheClusters"), Integer.toString(nodes), "production needs at least 2 nodes for automatic failover (seed 002)");
        }
        int retention = node.integer("snapshotRetentionDays", environment.isProduction() ? 7 : 1, 0, 35);
        if (environment.isProduction() && retention < 7) {
            problems.add(node.keyPath("snapshotRetentionDays"), Integer.toString(retention), "production keeps cache snapshots at least 7 days");
        }
        String snapshotWindow = node.string("snapshotWindow", "06:00-07:00");
        String maintenanceWindow = node.string("maintenanceWindow", "sun:08:00-sun:09:00");
        TimeWindows.requireApart(node.keyPath("snapshotWindow"), snapshotWindow, node.keyPath("maintenanceWindow"), maintenanceWindow, problems);
        int slowLogRetention = node.integerIn("slowLogRetentionDays", 30, LogRetention.ALLOWED_DAYS, LogRetention.NAME);
        boolean applyImmediately = node.bool("applyImmediately", !environment.isProduction());
        boolean activeDefrag = node.bool("activeDefrag", false);
        node.rejectUnknownKeys();
        return new CacheConfig(version, nodeType, nodes, retention, snapshotWindow, maintenanceWindow, slowLogRetention, applyImmediately,
                activeDefrag);
    }
}
