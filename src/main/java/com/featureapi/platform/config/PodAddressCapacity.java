package com.featureapi.platform.config;

import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the private subnets can give every pod an address when the node groups are at {@code maxSize}.
 *
 * <p>With the VPC CNI's defaults (secondary IPs, {@code WARM_ENI_TARGET=1}, no prefix delegation) every pod
 * takes a VPC address from its node's subnet, and a node that runs its maximum number of pods holds all of its
 * network interfaces full: {@code ENIs x IPv4 addresses per ENI} addresses (m5.large 3 x 10 = 30, m5.xlarge
 * 4 x 15 = 60). A managed node group spreads its nodes evenly over the AZs, so an AZ gets up to
 * {@code ceil(maxSize / AZs)} nodes of each group. The subnet offers its size less the 5 addresses AWS
 * reserves and the 16 that EKS asks to keep free for the control plane's network interfaces.
 *
 * <p>This is a warning, not an error: it is a worst case (every node at its maximum pods), pods that find no
 * address stay Pending while running ones are unaffected, and a config with few large pods per node is fine in
 * practice. The warning names the AZ, the demand and the fixes, and both project stacks are sized to raise none.
 */
public final class PodAddressCapacity {

    /** Addresses AWS reserves in every subnet. */
    static final int AWS_RESERVED = 5;
    /** Free addresses EKS asks for in each cluster subnet (control-plane network interfaces, upgrades). */
    static final int EKS_RESERVED = 16;

    /**
     * ENIs and IPv4 addresses per ENI by size of the current general purpose, compute and memory families (m, c,
     * r of generation 5 to 8, Intel, AMD and Graviton), from the EC2 documentation's "IP addresses per network
     * interface per instance type" table; t3/t3a/t4g below.
     */
    private static final Map<String, int[]> MCR_BY_SIZE = Map.ofEntries(
            Map.entry("large", new int[] {3, 10}), Map.entry("xlarge", new int[] {4, 15}),
            Map.entry("2xlarge", new int[] {4, 15}), Map.entry("4xlarge", new int[] {8, 30}),
            Map.entry("8xlarge", new int[] {8, 30}), Map.entry("9xlarge", new int[] {8, 30}),
            Map.entry("12xlarge", new int[] {8, 30}), Map.entry("16xlarge", new int[] {15, 50}),
            Map.entry("18xlarge", new int[] {15, 50}), Map.entry("24xlarge", new int[] {15, 50}));
    private static final Map<String, int[]> BURSTABLE_BY_SIZE = Map.ofEntries(
            Map.entry("micro", new int[] {2, 2}), Map.entry("small", new int[] {3, 4}), Map.entry("medium", new int[] {3, 6}),
            Map.entry("large", new int[] {3, 12}), Map.entry("xlarge", new int[] {4, 15}), Map.entry("2xlarge", new int[] {4, 15}));
    private static final Pattern MCR = Pattern.compile("[mcr][5-8][a-z]*\\.(\\w+)");
    private static final Pattern BURSTABLE = Pattern.compile("t(3|3a|4g)\\.(\\w+)");

    private PodAddressCapacity() {
    }

    /** Addresses one node of this type holds at its maximum pods, or empty for a type outside the table. */
    static Optional<Integer> addressesPerNode(String instanceType) {
        Matcher mcr = MCR.matcher(instanceType);
        int[] limits = null;
        if (mcr.matches()) {
            limits = MCR_BY_SIZE.get(mcr.group(1));
        } else {
            Matcher burstable = BURSTABLE.matcher(instanceType);
            if (burstable.matches()) {
                limits = BURSTABLE_BY_SIZE.get(burstable.group(2));
            }
        }
        return limits == null ? Optional.empty() : Optional.of(limits[0] * limits[1]);
    }

    /** The warnings of a validated config: one per private subnet that cannot hold its AZ's worst case. */
    public static List<String> warnings(PlatformConfig config) {
        List<String> warnings = new ArrayList<>();
        List<SubnetConfig> privateSubnets = config.network().subnets(SubnetRole.PRIVATE);
        int zones = privateSubnets.size();
        if (zones == 0) {
            return warnings;
        }
        int demand = 0;
        List<String> parts = new ArrayList<>();
        for (NodeGroupConfig group : config.cluster().nodeGroups()) {
            // A group of several types may scale out on its largest.
            Optional<Integer> perNode = Optional.empty();
            for (String type : group.instanceTypes()) {
                Optional<Integer> addresses = addressesPerNode(type);
                if (addresses.isEmpty()) {
                    warnings.add("platform:cluster.nodeGroups " + group.name() + ": instance type " + type
                            + " is not in the VPC CNI address table (config/PodAddressCapacity.java), so its pods' demand on the private subnets is not checked");
                    perNode = Optional.empty();
                    break;
                }
                perNode = Optional.of(Math.max(perNode.orElse(0), addresses.get()));
            }
            if (perNode.isEmpty()) {
                continue;
            }
            // A perAz group is one group in each AZ, each up to maxSize.
            int nodesPerZone = group.perAz() ? group.maxSize() : (group.maxSize() + zones - 1) / zones;
            demand += nodesPerZone * perNode.get();
            parts.add(nodesPerZone + " x " + group.name() + " (" + perNode.get() + " each)");
        }
        for (SubnetConfig subnet : privateSubnets) {
            Optional<IPAddress> block = Cidr.parse(subnet.cidr());
            if (block.isEmpty()) {
                continue;
            }
            long available = (1L << (32 - block.get().getNetworkPrefixLength())) - AWS_RESERVED - EKS_RESERVED;
            if (demand > available) {
                warnings.add("platform:network private subnet " + subnet.cidr() + " (" + subnet.availabilityZone() + ") has " + available
                        + " addresses for pods, but the node groups at maxSize may need " + demand + " there (" + String.join(" + ", parts)
                        + " with the VPC CNI's defaults): pods would stay Pending at scale-out. Give the private subnets a larger "
                        + "block (for example a /22), lower maxSize, or spread the groups over more AZs");
            }
        }
        return warnings;
    }
}
