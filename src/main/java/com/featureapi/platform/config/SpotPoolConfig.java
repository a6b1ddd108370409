package com.featureapi.platform.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code platform:cluster.spotPool}: seed 002's spot node pool, provisioned by Karpenter beside the managed node
 * groups. Off unless {@code enabled: true}; when on, Karpenter (controller, roles, interruption queue) is installed
 * and the pool's {@code EC2NodeClass} and {@code NodePool} are created.
 *
 * @param enabled          whether the stack has the pool (and Karpenter)
 * @param instanceTypes    the EC2 instance types the pool may launch, as spot; default the seed's m5.large,
 *                         m5.xlarge, m4.large and m4.xlarge. Each must be offered and priced in the region and have
 *                         a spot estimate (the cost report prices the pool's ceiling at the dearest of them)
 * @param cpuLimit         the pool's {@code limits.cpu}: Karpenter launches no node once the pool's nodes hold this
 *                         many vCPUs. Required when enabled: it bounds the pool's bill (the seed's 1000 would allow
 *                         about $7,000 a month of m5.xlarge spot)
 * @param consolidateAfter how long a node must be empty or underutilized before consolidation replaces it
 *                         (Karpenter duration, default the seed's {@code 30s})
 * @param maxDisruptionPercent at most this share of the pool's nodes is disrupted at once by consolidation
 *                         (the NodePool's {@code disruption.budgets}; default 10)
 * @param controllerReplicas replicas of the Karpenter controller (default the chart's 2, one per managed node by its
 *                         anti-affinity; one leads, the other stands by). Each requests 1 CPU and 1 Gi on the managed
 *                         node groups; Karpenter's troubleshooting guide offers 1 where that capacity is short
 */
public record SpotPoolConfig(boolean enabled, List<String> instanceTypes, int cpuLimit, String consolidateAfter,
                             int maxDisruptionPercent, int controllerReplicas) {

    /** Seed 002's NodePool requirement (cost optimization, spot-instances.yml). */
    public static final List<String> SEED_INSTANCE_TYPES = List.of("m5.large", "m5.xlarge", "m4.large", "m4.xlarge");
    /** Karpenter's duration form ({@code 30s}, {@code 5m}, {@code 1h30m}); "Never" is refused (consolidation is the point). */
    static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+h)?(\\d+m)?(\\d+s)?");
    /** Values when the section is absent: off. */
    static final SpotPoolConfig OFF = new SpotPoolConfig(false, SEED_INSTANCE_TYPES, 0, "30s", 10, SpotPoolConfig.CHART_REPLICAS);
    /** The Karpenter chart's default {@code replicas} (1.14.1 values.yaml). */
    public static final int CHART_REPLICAS = 2;
    /** CPU each controller replica requests (and is limited to) on the managed node groups, as Karpenter's docs install it. */
    public static final String CONTROLLER_CPU = "1";

    static SpotPoolConfig read(ConfigNode node) {
        if (!node.has("spotPool")) {
            return OFF;
        }
        ConfigNode pool = node.object("spotPool");
        boolean enabled = pool.bool("enabled", false);
        List<String> types = pool.has("instanceTypes") ? pool.strings("instanceTypes") : SEED_INSTANCE_TYPES;
        String typesKey = pool.keyPath("instanceTypes");
        if (types.isEmpty()) {
            pool.problems().ofKey(typesKey, "[]", "needs at least one instance type, for example " + SEED_INSTANCE_TYPES);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            if (!NodeGroupConfig.INSTANCE_TYPE.matcher(types.get(i)).matches()) {
                pool.problems().ofKey(typesKey + "[" + i + "]", types.get(i), "is not an EC2 instance type such as m5.large");
            } else if (!seen.add(types.get(i))) {
                pool.problems().ofKey(typesKey + "[" + i + "]", types.get(i), "is listed twice; list each type once");
            }
        }
        int cpuLimit;
        if (enabled) {
            if (!pool.has("cpuLimit")) {
                pool.problems().missing(pool.keyPath("cpuLimit"),
                        "cpuLimit: 16 (the pool's vCPU ceiling: it bounds what the pool may cost, see docs/cost.md)");
                cpuLimit = 1;
            } else {
                cpuLimit = pool.integer("cpuLimit", 1, 1, 10_000);
            }
        } else {
            cpuLimit = pool.integer("cpuLimit", 0, 1, 10_000);
        }
        String consolidateAfter = pool.string("consolidateAfter", "30s");
        if (consolidateAfter.isEmpty() || !DURATION.matcher(consolidateAfter).matches()) {
            pool.problems().ofKey(pool.keyPath("consolidateAfter"), consolidateAfter,
                    "must be a duration such as 30s, 5m or 1h30m (Karpenter's form; Never would turn consolidation off)");
        }
        int budget = pool.integer("maxDisruptionPercent", 10, 1, 100);
        int replicas = pool.integer("controllerReplicas", CHART_REPLICAS, 1, 5);
        pool.rejectUnknownKeys();
        return new SpotPoolConfig(enabled, List.copyOf(new ArrayList<>(types)), cpuLimit, consolidateAfter, budget, replicas);
    }
}
