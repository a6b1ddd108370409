package com.featureapi.platform.review;

import com.featureapi.platform.config.PublicRanges;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Security-relevant changes a reviewer must read even when no policy fires, because each is allowed but
 * weakens something: the Kubernetes API's public access widened, ingress from public addresses, encryption or
 * deletion protection turned off, a retention shortened, something made public. Compared input by input
 * between the two plans of a stack; public addresses are counted by {@link PublicRanges}, so a list that grows
 * from one office to half the internet is a caution however it is spelt.
 */
public final class SecurityCautions {

    /** One caution: the resource's address and what weakens, with the values before and after. */
    public record Caution(String address, String message) {
    }

    private static final Set<String> ENCRYPTION_FLAGS = Set.of("storageEncrypted", "atRestEncryptionEnabled", "transitEncryptionEnabled",
            "encrypted", "enableLogFileValidation", "iamDatabaseAuthenticationEnabled");
    private static final Set<String> KEYS = Set.of("kmsKeyId", "kmsMasterKeyId", "kmsKeyArn", "keyArn", "performanceInsightsKmsKeyId");
    private static final Set<String> RETENTIONS = Set.of("retentionInDays", "backupRetentionPeriod", "snapshotRetentionLimit",
            "retentionPeriod", "deletionWindowInDays", "recoveryWindowInDays", "noncurrentDays", "performanceInsightsRetentionPeriod");
    private static final String EKS_CLUSTER = "aws:eks/cluster:Cluster";

    private SecurityCautions() {
    }

    /** Cautions for going from {@code base} to {@code head}, sorted by address. */
    public static List<Caution> between(Plan base, Plan head) {
        Map<String, PlannedResource> before = byAddress(base);
        List<Caution> cautions = new ArrayList<>();
        for (Map.Entry<String, PlannedResource> entry : byAddress(head).entrySet()) {
            String address = entry.getKey();
            PlannedResource after = entry.getValue();
            PlannedResource was = before.get(address);
            Map<String, Object> a = flat(after.inputs());
            Map<String, Object> b = was == null ? Map.of() : flat(was.inputs());
            if (after.type().equals(EKS_CLUSTER)) {
                publicEndpoint(address, b, a, was != null, cautions);
            }
            ingressFromPublicRanges(address, after.type(), was == null ? null : was.inputs(), after.inputs(), cautions);
            if (was != null) {
                weakened(address, b, a, cautions);
            }
        }
        cautions.sort((x, y) -> x.address().compareTo(y.address()));
        return List.copyOf(cautions);
    }

    /** A GitHub/GitLab warning block listing the cautions, or "" when there are none. */
    public static String markdown(List<Caution> cautions) {
        if (cautions.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("> [!WARNING]\n> **").append(cautions.size()).append(" security-relevant change")
                .append(cautions.size() == 1 ? "" : "s").append("** (allowed by the policies, but read before approving):\n");
        cautions.forEach(c -> out.append("> - `").append(c.address()).append("`: ").append(c.message().replace("|", "\\|")).append('\n'));
        return out.append('\n').toString();
    }

    private static void publicEndpoint(String address, Map<String, Object> b, Map<String, Object> a, boolean existed, List<Caution> out) {
        BigInteger after = endpointOpen(a);
        BigInteger before = existed ? endpointOpen(b) : BigInteger.ZERO;
        if (after.compareTo(before) > 0) {
            out.add(new Caution(address, "public access to the Kubernetes API widened to " + String.format("%,d", after) + " public addresses"
                    + (before.signum() > 0 ? " (was " + String.format("%,d", before) + ")" : "")
                    + ": publicAccessCidrs " + list(b, "vpcConfig.publicAccessCidrs", existed) + " → " + list(a, "vpcConfig.publicAccessCidrs", true)));
        }
    }

    /** Public addresses that reach the cluster's public endpoint; AWS's default for a public endpoint is 0.0.0.0/0. */
    private static BigInteger endpointOpen(Map<String, Object> inputs) {
        Object publicAccess = inputs.get("vpcConfig.endpointPublicAccess");
        if (publicAccess != null && !Boolean.parseBoolean(publicAccess.toString())) {
            return BigInteger.ZERO;
        }
        List<String> cidrs = strings(inputs, "vpcConfig.publicAccessCidrs");
        return PublicRanges.publicAddresses(cidrs.isEmpty() ? List.of("0.0.0.0/0") : cidrs);
    }

    @SuppressWarnings("unchecked")
    private static void ingressFromPublicRanges(String address, String type, Map<String, Object> before, Map<String, Object> after, List<Caution> out) {
        List<Map<String, Object>> rulesAfter = ingressRules(type, after);
        List<Map<String, Object>> rulesBefore = before == null ? List.of() : ingressRules(type, before);
        for (Map<String, Object> rule : rulesAfter) {
            List<String> cidrs = strings(rule, "cidrs");
            BigInteger open = PublicRanges.publicAddresses(cidrs);
            List<String> ipv6 = cidrs.stream().filter(c -> c.contains(":")).toList();
            if (open.signum() == 0 && ipv6.isEmpty()) {
                continue;
            }
            boolean seenBefore = rulesBefore.stream().anyMatch(r -> r.equals(rule));
            if (!seenBefore) {
                out.add(new Caution(address, "ingress " + rule.get("ports") + " from " + String.join(", ", cidrs) + " ("
                        + (open.signum() > 0 ? String.format("%,d", open) + " public IPv4 addresses" : "") + (open.signum() > 0 && !ipv6.isEmpty() ? ", " : "")
                        + (ipv6.isEmpty() ? "" : "IPv6 " + String.join(", ", ipv6)) + ")"));
            }
        }
    }

    /** Ingress rules of the three shapes, each as {cidrs, ports}: rule resources and a group's inline blocks. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ingressRules(String type, Map<String, Object> inputs) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Function<Map<String, Object>, String> ports = r -> ports(r.get("protocol") != null ? r.get("protocol") : r.get("ipProtocol"), r.get("fromPort"), r.get("toPort"));
        switch (type) {
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" -> rules.add(Map.of(
                    "cidrs", nonNull(inputs.get("cidrIpv4"), inputs.get("cidrIpv6")), "ports", ports.apply(inputs)));
            case "aws:ec2/securityGroupRule:SecurityGroupRule" -> {
                if ("ingress".equals(inputs.get("type"))) {
                    rules.add(Map.of("cidrs", concat(inputs.get("cidrBlocks"), inputs.get("ipv6CidrBlocks")), "ports", ports.apply(inputs)));
                }
            }
            case "aws:ec2/securityGroup:SecurityGroup" -> {
                if (inputs.get("ingress") instanceof List<?> blocks) {
                    for (Object block : blocks) {
                        if (block instanceof Map<?, ?> m) {
                            Map<String, Object> r = (Map<String, Object>) m;
                            rules.add(Map.of("cidrs", concat(r.get("cidrBlocks"), r.get("ipv6CidrBlocks")), "ports", ports.apply(r)));
                        }
                    }
                }
            }
            default -> {
            }
        }
        return rules;
    }

    private static void weakened(String address, Map<String, Object> b, Map<String, Object> a, List<Caution> out) {
        for (Map.Entry<String, Object> was : b.entrySet()) {
            String path = was.getKey();
            String name = path.substring(path.lastIndexOf('.') + 1);
            Object now = a.get(path);
            if (ENCRYPTION_FLAGS.contains(name) && isTrue(was.getValue()) && !isTrue(now)) {
                out.add(new Caution(address, (name.equals("enableLogFileValidation") ? "log-file validation" : name.equals("iamDatabaseAuthenticationEnabled")
                        ? "IAM database authentication" : "encryption") + " turned off: " + path + " true → " + Objects.toString(now, "(unset)")));
            } else if (KEYS.contains(name) && now == null) {
                out.add(new Caution(address, "customer-managed key removed: " + path + " " + was.getValue() + " → (unset)"));
            } else if (name.equals("deletionProtection") && isTrue(was.getValue()) && !isTrue(now)) {
                out.add(new Caution(address, "deletion protection turned off: deletionProtection true → " + Objects.toString(now, "(unset)")));
            } else if (RETENTIONS.contains(name) && shorter(name, was.getValue(), now)) {
                out.add(new Caution(address, "retention shortened: " + path + " " + was.getValue() + " → " + Objects.toString(now, "(unset)")));
            }
        }
        for (Map.Entry<String, Object> now : a.entrySet()) {
            String path = now.getKey();
            String name = path.substring(path.lastIndexOf('.') + 1);
            Object was = b.get(path);
            if ((name.equals("skipFinalSnapshot") || name.equals("forceDestroy")) && isTrue(now.getValue()) && !isTrue(was)) {
                out.add(new Caution(address, "deletion protection turned off: " + path + " " + Objects.toString(was, "(unset)") + " → true"));
            } else if ((name.equals("publiclyAccessible") || name.equals("mapPublicIpOnLaunch")) && isTrue(now.getValue()) && !isTrue(was)) {
                out.add(new Caution(address, "made public: " + path + " " + Objects.toString(was, "(unset)") + " → true"));
            }
        }
    }

    /** Whether a retention got shorter; CloudWatch's retentionInDays 0 (or unset) means forever. */
    private static boolean shorter(String name, Object before, Object after) {
        BigDecimal b = number(before);
        BigDecimal a = number(after);
        if (b == null) {
            return false;
        }
        boolean foreverIsZero = name.equals("retentionInDays");
        if (foreverIsZero && b.signum() == 0) {
            return a != null && a.signum() > 0;
        }
        if (a == null) {
            return !foreverIsZero && b.signum() > 0;
        }
        return foreverIsZero && a.signum() == 0 ? false : a.compareTo(b) < 0;
    }

    private static BigDecimal number(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isTrue(Object value) {
        return value != null && Boolean.parseBoolean(value.toString());
    }

    private static String ports(Object protocol, Object from, Object to) {
        String p = Objects.toString(protocol, "");
        if (p.equals("-1") || p.equalsIgnoreCase("all")) {
            return "of all traffic";
        }
        return Objects.equals(Objects.toString(from), Objects.toString(to)) ? p + " " + from : p + " " + from + "-" + to;
    }

    private static List<String> nonNull(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v != null) {
                out.add(v.toString());
            }
        }
        return out;
    }

    private static List<String> concat(Object... lists) {
        List<String> out = new ArrayList<>();
        for (Object list : lists) {
            if (list instanceof Collection<?> c) {
                c.forEach(v -> out.add(String.valueOf(v)));
            }
        }
        return out;
    }

    private static List<String> strings(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

    private static String list(Map<String, Object> inputs, String key, boolean existed) {
        return existed ? strings(inputs, key).toString() : "(new)";
    }

    private static Map<String, PlannedResource> byAddress(Plan plan) {
        return plan.resources().stream().filter(PlannedResource::custom)
                .collect(Collectors.toMap(r -> PlanDiff.address(r.urn()), r -> r, (x, y) -> x, TreeMap::new));
    }

    /**
     * Inputs by dotted path down through maps; lists stay whole (a list of ranges is judged as one), so
     * {@code vpcConfig.publicAccessCidrs} maps to the list.
     */
    private static Map<String, Object> flat(Map<String, Object> inputs) {
        Map<String, Object> out = new TreeMap<>();
        flatten("", inputs, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey().toString() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof Map)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else if (value != null) {
            out.put(prefix, value);
        }
    }
}
