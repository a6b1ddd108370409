package com.featureapi.platform.config;

import inet.ipaddr.IPAddress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code platform:network}: the VPC plan.
 *
 * @param vpcCidr              the VPC's IPv4 block, /16 to /28
 * @param availabilityZones    the AZs used, in order; each must belong to {@code aws:region}
 * @param natGateways          {@code single} (one NAT for the VPC) or {@code perAz}
 * @param flowLogRetentionDays retention of the VPC flow-log group, a CloudWatch Logs retention period
 * @param subnets              exactly one subnet per AZ per role (the load-balancer role may be left out)
 * @param interfaceEndpoints   AWS services reached through interface endpoints (for example {@code ecr.api});
 *                             none by default because each costs about $7 per AZ and month
 */
public record NetworkConfig(
        String vpcCidr,
        List<String> availabilityZones,
        NatMode natGateways,
        int flowLogRetentionDays,
        List<SubnetConfig> subnets,
        List<String> interfaceEndpoints) {

    private static final Pattern ENDPOINT_SERVICE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*");

    /** The subnets of one role, ordered as {@link #availabilityZones()}. */
    public List<SubnetConfig> subnets(SubnetRole role) {
        return subnets.stream()
                .filter(s -> s.role() == role)
                .sorted(Comparator.comparingInt(s -> availabilityZones.indexOf(s.availabilityZone())))
                .toList();
    }

    /**
     * Where internal load balancers go: the load-balancer subnets when the stack has them, else the private ones
     * (shared with the nodes and pods). Only these carry the controller's {@code kubernetes.io/role/internal-elb} tag.
     */
    public SubnetRole internalLoadBalancerRole() {
        return subnets(SubnetRole.LOAD_BALANCER).isEmpty() ? SubnetRole.PRIVATE : SubnetRole.LOAD_BALANCER;
    }

    public List<SubnetConfig> internalLoadBalancerSubnets() {
        return subnets(internalLoadBalancerRole());
    }

    static NetworkConfig read(ConfigNode node, String region) {
        ConfigProblems problems = node.problems();
        String vpcCidr = node.requiredString("vpcCidr", "vpcCidr: 10.0.0.0/16");
        Optional<IPAddress> vpcBlock = vpcCidr.isEmpty() ? Optional.empty()
                : Cidr.check(node.keyPath("vpcCidr"), vpcCidr, 16, 28, problems);

        List<String> zones = node.strings("availabilityZones");
        if (!node.has("availabilityZones") || zones.isEmpty()) {
            problems.missing(node.keyPath("availabilityZones"), "availabilityZones: [" + region + "a, " + region + "b]");
        }
        // With aws:region missing or malformed (reported by the loader), every zone would "fail" against it.
        if (StorageConfig.REGION.matcher(region).matches()) {
            checkZones(node, zones, region);
        }

        NatMode nat = NatMode.fromConfigName(node.oneOf("natGateways", "perAz", NatMode.configNames()));
        int flowLogRetention = node.integerIn("flowLogRetentionDays", 90, LogRetention.ALLOWED_DAYS, LogRetention.NAME);

        List<SubnetConfig> subnets = readSubnets(node, zones, vpcBlock);

        List<String> endpoints = node.strings("interfaceEndpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            // Only the suffix: the program prefixes com.amazonaws.<region>. itself.
            if (!ENDPOINT_SERVICE.matcher(endpoints.get(i)).matches() || endpoints.get(i).equals("s3")
                    || endpoints.get(i).startsWith("com.amazonaws.")) {
                problems.add(node.keyPath("interfaceEndpoints") + "[" + i + "]", endpoints.get(i),
                        "must be an AWS service suffix such as ecr.api, ecr.dkr, sts or logs (s3 already has a gateway endpoint)");
            }
        }
        node.rejectUnknownKeys();
        return new NetworkConfig(vpcCidr, List.copyOf(zones), nat, flowLogRetention, List.copyOf(subnets), List.copyOf(endpoints));
    }

    private static void checkZones(ConfigNode node, List<String> zones, String region) {
        Set<String> seen = new HashSet<>();
        Pattern ofRegion = Pattern.compile(Pattern.quote(region) + "[a-z]");
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            String key = node.keyPath("availabilityZones") + "[" + i + "]";
            if (!seen.add(zone)) {
                node.problems().add(key, zone, "duplicate availability zone; list each AZ once");
            } else if (!ofRegion.matcher(zone).matches()) {
                node.problems().add(key, zone, "is not an availability zone of aws:region " + region
                        + " (expected " + region + "a, " + region + "b, ...)");
            }
        }
    }

    private static List<SubnetConfig> readSubnets(ConfigNode node, List<String> zones, Optional<IPAddress> vpcBlock) {
        ConfigProblems problems = node.problems();
        ConfigNode subnetsNode = node.object("subnets");
        if (!node.has("subnets")) {
            problems.missing(node.keyPath("subnets"), "subnets: {public: [...], private: [...], database: [...]}");
        }
        List<SubnetConfig> subnets = new ArrayList<>();
        Map<String, IPAddress> blocksByKey = new LinkedHashMap<>();
        for (SubnetRole role : SubnetRole.values()) {
            String roleKey = subnetsNode.keyPath(role.configName());
            if (node.has("subnets") && !subnetsNode.has(role.configName()) && !role.optional()) {
                problems.missing(roleKey, "- { availabilityZone: " + (zones.isEmpty() ? "us-east-1a" : zones.get(0)) + ", cidr: 10.0.1.0/24 }");
            }
            Set<String> zonesOfRole = new HashSet<>();
            for (ConfigNode entry : subnetsNode.objects(role.configName())) {
                String zone = entry.requiredString("availabilityZone", "availabilityZone: " + (zones.isEmpty() ? "us-east-1a" : zones.get(0)));
                String cidr = entry.requiredString("cidr", "cidr: 10.0.1.0/24");
                entry.rejectUnknownKeys();
                if (!zone.isEmpty()) {
                    if (!zones.contains(zone)) {
                        problems.add(entry.keyPath("availabilityZone"), zone,
                                "is not one of platform:network.availabilityZones " + zones);
                    } else if (!zonesOfRole.add(zone)) {
                        problems.add(entry.keyPath("availabilityZone"), zone,
                                "a second " + role.configName() + " subnet in this AZ; each AZ has exactly one subnet per role");
                    }
                }
                if (!cidr.isEmpty()) {
                    Cidr.check(entry.keyPath("cidr"), cidr, 16, 28, problems).ifPresent(block -> {
                        if (role == SubnetRole.LOAD_BALANCER && block.getNetworkPrefixLength() > SubnetRole.LOAD_BALANCER_MAX_PREFIX) {
                            problems.add(entry.keyPath("cidr"), cidr, "is too small for a load balancer: an ALB needs at least a /"
                                    + SubnetRole.LOAD_BALANCER_MAX_PREFIX + " with 8 free addresses in each of its subnets");
                        }
                        vpcBlock.filter(vpc -> !vpc.contains(block)).ifPresent(vpc ->
                                problems.add(entry.keyPath("cidr"), cidr, "is outside the VPC CIDR " + vpc.toCanonicalString()));
                        blocksByKey.forEach((otherKey, other) -> {
                            if (other.overlaps(block)) {
                                problems.add(entry.keyPath("cidr"), cidr, "overlaps " + otherKey + " (" + other.toCanonicalString() + ")");
                            }
                        });
                        blocksByKey.put(entry.keyPath("cidr"), block);
                    });
                }
                subnets.add(new SubnetConfig(zone, role, cidr));
            }
            if (subnetsNode.has(role.configName())) {
                for (String zone : zones) {
                    if (!zonesOfRole.contains(zone)) {
                        problems.add(roleKey, null, "has no subnet in " + zone + "; each AZ needs exactly one " + role.configName() + " subnet");
                    }
                }
            }
        }
        subnetsNode.rejectUnknownKeys();
        return subnets;
    }
}
