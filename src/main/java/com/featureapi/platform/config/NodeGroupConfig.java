package com.featureapi.platform.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One EKS managed node group ({@code platform:cluster.nodeGroups[i]}).
 *
 * @param name                      unique within the cluster; 1-36 lower-case letters, digits and dashes (the
 *                                  node group's EKS name is this, a dash and a 26-character unique suffix, at
 *                                  most 63 characters, so that a replacement can be created beside the old group)
 * @param instanceTypes             at least one EC2 instance type, all of one architecture
 * @param capacityType              {@code ON_DEMAND} (default) or {@code SPOT}
 * @param minSize                   smallest number of nodes
 * @param desiredSize               nodes at creation; {@code minSize <= desiredSize <= maxSize}
 * @param maxSize                   largest number of nodes
 * @param diskSizeGiB               encrypted gp3 root volume size, 20 to 16384 GiB (default 50)
 * @param maxUnavailablePercentage  share of nodes replaced at once during an update, 1 to 100 (default 33)
 * @param labels                    Kubernetes labels on every node
 * @param taints                    Kubernetes taints on every node
 * @param applyDesiredSize          send {@code desiredSize} on this {@code up} even though the cluster autoscaler
 *                                  owns it ({@code platform:cluster.autoscalerOwnsDesiredSize}): the one way to raise
 *                                  {@code minSize} above the group's current size, which EKS refuses otherwise
 *                                  ("Minimum capacity N can't be greater than desired size M"); remove it afterwards
 * @param perAz                     one node group per AZ (named {@code <name>-<az>}, each with these sizes) instead of
 *                                  one spanning every AZ: for pods with EBS volumes (Prometheus, Alertmanager), which
 *                                  can only run in their volume's AZ, so the cluster autoscaler must be able to add a
 *                                  node in exactly that AZ
 */
public record NodeGroupConfig(
        String name,
        List<String> instanceTypes,
        String capacityType,
        int minSize,
        int desiredSize,
        int maxSize,
        int diskSizeGiB,
        int maxUnavailablePercentage,
        Map<String, String> labels,
        List<TaintConfig> taints,
        boolean applyDesiredSize,
        boolean perAz) {

    /** A perAz group's name leaves room for "-" and an AZ name of up to 15 characters (ap-southeast-1a). */
    static final int PER_AZ_NAME_LENGTH = 36 - 16;

    /** 36 = EKS's 63-character node group name limit, less the dash and the 26-character unique suffix. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,35}");
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final List<String> TAINT_EFFECTS = List.of("NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE");
    /**
     * Graviton families carry a "g" right after the generation digit (m6g, m7gd, c7gn, r8g, t4g, x2gd, im4gn,
     * g5g); a1, the first Graviton, is the one ARM64 family without it.
     */
    private static final Pattern GRAVITON = Pattern.compile("([a-z]+\\d+g[a-z0-9-]*|a1)\\..+");

    /** True when the group runs on Graviton (ARM64) instances. */
    public boolean arm64() {
        return !instanceTypes.isEmpty() && GRAVITON.matcher(instanceTypes.get(0)).matches();
    }

    static NodeGroupConfig read(ConfigNode node) {
        ConfigProblems problems = node.problems();
        String name = node.requiredString("name", "name: app-nodes");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            problems.add(node.keyPath("name"), name, "must be 1-36 lower-case letters, digits or dashes, starting with a letter (EKS appends a 27-character unique suffix within its 63-character limit)");
        }
        List<String> instanceTypes = node.strings("instanceTypes");
        if (instanceTypes.isEmpty()) {
            problems.add(node.keyPath("instanceTypes"), node.has("instanceTypes") ? "[]" : null,
                    "needs at least one instance type, for example [m5.large]");
        }
        for (int i = 0; i < instanceTypes.size(); i++) {
            if (!INSTANCE_TYPE.matcher(instanceTypes.get(i)).matches()) {
                problems.add(node.keyPath("instanceTypes") + "[" + i + "]", instanceTypes.get(i), "is not an EC2 instance type such as m5.large");
            }
        }
        if (instanceTypes.stream().map(t -> GRAVITON.matcher(t).matches()).distinct().count() > 1) {
            problems.add(node.keyPath("instanceTypes"), String.join(", ", instanceTypes),
                    "mixes ARM64 (Graviton) and x86_64 types; one node group runs one AMI architecture, so split it in two");
        }
        String capacityType = node.oneOf("capacityType", "ON_DEMAND", List.of("ON_DEMAND", "SPOT"));
        int min = node.requiredInteger("minSize", 0, 450);
        int desired = node.requiredInteger("desiredSize", 0, 450);
        int max = node.requiredInteger("maxSize", 1, 450);
        if (!(min <= desired && desired <= max)) {
            problems.add(node.path(), "minSize=" + min + ", desiredSize=" + desired + ", maxSize=" + max,
                    "must satisfy minSize <= desiredSize <= maxSize");
        }
        int disk = node.integer("diskSizeGiB", 50, 20, 16384);
        int maxUnavailable = node.integer("maxUnavailablePercentage", 33, 1, 100);
        Map<String, String> labels = node.stringMap("labels");
        List<TaintConfig> taints = node.objects("taints").stream().map(t -> {
            TaintConfig taint = new TaintConfig(
                    t.requiredString("key", "key: monitoring"),
                    t.string("value", ""),
                    t.oneOf("effect", "NO_SCHEDULE", TAINT_EFFECTS));
            t.rejectUnknownKeys();
            return taint;
        }).toList();
        boolean applyDesired = node.bool("applyDesiredSize", false);
        boolean perAz = node.bool("perAz", false);
        if (perAz && name.length() > PER_AZ_NAME_LENGTH) {
            problems.add(node.keyPath("name"), name, "a perAz group's name may have at most " + PER_AZ_NAME_LENGTH
                    + " characters: each AZ's group is named <name>-<availability zone> within EKS's limit");
        }
        node.rejectUnknownKeys();
        return new NodeGroupConfig(name, List.copyOf(instanceTypes), capacityType, min, desired, max, disk, maxUnavailable,
                // Sorted: the labels reach the node group's inputs, which must not depend on a JVM's hash order.
                Collections.unmodifiableSortedMap(new TreeMap<>(labels)), taints, applyDesired, perAz);
    }
}
