package com.featureapi.platform.config;

import inet.ipaddr.IPAddress;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code platform:cluster}: the EKS cluster.
 *
 * @param kubernetesVersion           {@code 1.NN}, a version EKS offers; default 1.35 (standard support to 2027-03-27)
 * @param logRetentionDays            retention of the control-plane log group, a CloudWatch Logs retention period
 * @param endpointPublicAccessCidrs   CIDRs allowed to reach a public API endpoint; empty (default) keeps the
 *                                    endpoint private only; {@code 0.0.0.0/0} is refused, and so are ranges that together cover more than
 *                                    {@link PublicRanges#MAX_PUBLIC_ADDRESSES} public addresses
 * @param endpointPrivateAccessCidrs  networks besides the nodes allowed to the private API endpoint on 443 (rules on
 *                                    the cluster security group): the VPN's client range, the subnet of a deploy
 *                                    runner inside the VPC; {@code 0.0.0.0/0} is refused
 * @param adminRoleArns               IAM roles given cluster-admin through access entries; the role that runs
 *                                    {@code pulumi up} must be one of them (creator admin bootstrap is off), or the
 *                                    Kubernetes tier is refused by the API server
 * @param readOnlyRoleArns            IAM roles given read-only (view) access through access entries
 * @param autoscalerOwnsDesiredSize   when true, {@code desiredSize} is ignored after creation so that the
 *                                    cluster autoscaler is not fought on every {@code pulumi up}
 * @param nodeGroups                  managed node groups, at least one
 * @param spotPool                    seed 002's Karpenter spot pool ({@code spotPool}); off unless enabled
 */
public record ClusterConfig(
        String kubernetesVersion,
        int logRetentionDays,
        List<String> endpointPublicAccessCidrs,
        List<String> endpointPrivateAccessCidrs,
        List<String> adminRoleArns,
        List<String> readOnlyRoleArns,
        boolean autoscalerOwnsDesiredSize,
        List<NodeGroupConfig> nodeGroups,
        SpotPoolConfig spotPool) {

    /** EKS versions in standard or extended support in November 2026 (shared/reference/aws-prices.md). */
    public static final List<String> KNOWN_VERSIONS = List.of("1.32", "1.33", "1.34", "1.35");
    public static final String DEFAULT_VERSION = "1.35";

    private static final Pattern VERSION = Pattern.compile("1\\.\\d{2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    static ClusterConfig read(ConfigNode node) {
        ConfigProblems problems = node.problems();
        String version = node.string("kubernetesVersion", DEFAULT_VERSION);
        if (!VERSION.matcher(version).matches()) {
            problems.add(node.keyPath("kubernetesVersion"), version, "must have the form 1.NN, for example \"1.35\" (quote it in YAML)");
        } else if (!KNOWN_VERSIONS.contains(version)) {
            problems.add(node.keyPath("kubernetesVersion"), version, "is not a version EKS offers; use one of " + KNOWN_VERSIONS);
        } else if (!EksAddonVersions.BY_KUBERNETES_VERSION.containsKey(version)) {
            problems.add(node.keyPath("kubernetesVersion"), version, "is an EKS version, but no add-on versions are pinned for it; use "
                    + DEFAULT_VERSION + " or pin its add-ons in EksAddonVersions");
        }
        int logRetention = node.integerIn("logRetentionDays", 90, LogRetention.ALLOWED_DAYS, LogRetention.NAME);

        List<String> publicCidrs = endpointCidrs(node, "endpointPublicAccessCidrs",
                "would open the Kubernetes API to the whole internet", "list your office or VPN ranges");
        List<String> privateCidrs = endpointCidrs(node, "endpointPrivateAccessCidrs",
                "would open the private Kubernetes API endpoint to every network routed into the VPC",
                "list the VPN's client range and the deploy runners' subnet");
        List<String> admins = roleArns(node, "adminRoleArns");
        List<String> readers = roleArns(node, "readOnlyRoleArns");
        requireOneEntryPerRole(node, admins, readers);
        boolean autoscalerOwnsDesired = node.bool("autoscalerOwnsDesiredSize", true);

        List<NodeGroupConfig> groups = node.objects("nodeGroups").stream().map(NodeGroupConfig::read).toList();
        if (groups.isEmpty()) {
            problems.add(node.keyPath("nodeGroups"), null, "needs at least one node group, for example - { name: app-nodes, instanceTypes: [m5.large], minSize: 2, desiredSize: 2, maxSize: 4 }");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!groups.get(i).name().isEmpty() && !names.add(groups.get(i).name())) {
                problems.add(node.keyPath("nodeGroups") + "[" + i + "].name", groups.get(i).name(), "duplicate node group name");
            }
        }
        SpotPoolConfig spotPool = SpotPoolConfig.read(node);
        node.rejectUnknownKeys();
        return new ClusterConfig(version, logRetention, List.copyOf(publicCidrs), privateCidrs, admins, readers, autoscalerOwnsDesired, groups,
                spotPool);
    }

    /**
     * CIDRs allowed to an API endpoint: valid, host bits zero, never {@code 0.0.0.0/0}, each listed once, and
     * together no more public addresses than {@link PublicRanges#MAX_PUBLIC_ADDRESSES} (so that
     * {@code 0.0.0.0/1} and {@code 128.0.0.0/1} are refused like {@code 0.0.0.0/0}).
     */
    private static List<String> endpointCidrs(ConfigNode node, String key, String whyNotEverywhere, String remedy) {
        List<String> cidrs = node.strings(key);
        Set<String> seen = new HashSet<>();
        boolean everywhere = false;
        for (int i = 0; i < cidrs.size(); i++) {
            String path = node.keyPath(key) + "[" + i + "]";
            Optional<IPAddress> block = Cidr.check(path, cidrs.get(i), 0, 32, node.problems());
            if (block.isEmpty()) {
                continue;
            }
            if (block.get().getNetworkPrefixLength() == 0) {
                everywhere = true;
                node.problems().add(path, block.get().toCanonicalString(), whyNotEverywhere + "; " + remedy);
            } else if (!seen.add(block.get().toCanonicalString())) {
                node.problems().add(path, block.get().toCanonicalString(), "is listed twice; list each range once");
            }
        }
        if (!everywhere) {
            PublicRanges.refusal(cidrs).ifPresent(why -> node.problems().add(node.keyPath(key), String.join(", ", cidrs),
                    why + "; that " + whyNotEverywhere + "; " + remedy));
        }
        return List.copyOf(cidrs);
    }

    /**
     * EKS keeps one access entry per principal, and the cluster names each entry after its role, so a role
     * (or a role name) listed twice, even once per list, would collide when applied; it is refused here.
     */
    private static void requireOneEntryPerRole(ConfigNode node, List<String> admins, List<String> readers) {
        Map<String, String> firstKeyByRoleName = new HashMap<>();
        Map<String, String> firstArnByRoleName = new HashMap<>();
        for (String list : List.of("adminRoleArns", "readOnlyRoleArns")) {
            List<String> arns = list.equals("adminRoleArns") ? admins : readers;
            for (int i = 0; i < arns.size(); i++) {
                String arn = arns.get(i);
                String key = node.keyPath(list) + "[" + i + "]";
                String roleName = arn.substring(arn.lastIndexOf('/') + 1);
                String firstKey = firstKeyByRoleName.putIfAbsent(roleName, key);
                if (firstKey == null) {
                    firstArnByRoleName.put(roleName, arn);
                } else if (firstArnByRoleName.get(roleName).equals(arn)) {
                    node.problems().add(key, arn, "is already listed as " + firstKey + "; a role has exactly one access entry, so list it once");
                } else {
                    node.problems().add(key, arn, "has the same role name as " + firstKey + " (" + firstArnByRoleName.get(roleName)
                            + "); access entries are named after the role, so role names must be unique");
                }
            }
        }
    }

    private static List<String> roleArns(ConfigNode node, String key) {
        List<String> arns = node.strings(key);
        for (int i = 0; i < arns.size(); i++) {
            if (!ROLE_ARN.matcher(arns.get(i)).matches()) {
                node.problems().add(node.keyPath(key) + "[" + i + "]", arns.get(i), "is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
            }
        }
        return List.copyOf(arns);
    }
}
