package com.featureapi.platform.cost;

import com.featureapi.platform.catalog.PriceEntry;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.plan.PlannedResource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ceiling of a Karpenter NodePool: what it costs a month when its nodes hold its {@code limits.cpu}, filled with the
 * allowed instance type that costs most per vCPU (whole nodes, rounded up), at that type's spot estimate for a spot-only
 * pool and On-Demand otherwise. One computation for the cost report's range and the review's ceilings.
 *
 * @param cpuLimit    the pool's {@code spec.limits.cpu}
 * @param types       the instance types its requirements allow
 * @param spotOnly    whether the pool launches spot capacity only
 * @param dearest     the type that costs most per vCPU
 * @param vcpus       that type's vCPUs
 * @param price       that type's hourly price (spot estimate or On-Demand)
 * @param nodes       whole nodes of {@code dearest} that hold {@code cpuLimit}
 * @param monthlyUsd  nodes x price x hours a month, in cents
 */
public record PoolCeiling(BigDecimal cpuLimit, List<String> types, boolean spotOnly, String dearest, int vcpus, PriceEntry price,
                          BigDecimal nodes, BigDecimal monthlyUsd) {

    public static final String TYPE = "kubernetes:karpenter.sh/v1:NodePool";

    /** The ceiling, or why it cannot be computed (never zero). */
    public sealed interface Result permits Known, Unknown {
    }

    public record Known(PoolCeiling ceiling) implements Result {
    }

    public record Unknown(String label, String reason) implements Result {
    }

    public static Result of(PlannedResource pool, Optional<RegionCatalog> catalog, String region) {
        BigDecimal cpuLimit = PricingRules.number(pool.input("spec.limits.cpu"));
        List<String> types = List.of();
        List<String> capacity = List.of();
        if (pool.input("spec.template.spec.requirements") instanceof List<?> list) {
            for (Object requirement : list) {
                if (requirement instanceof Map<?, ?> m && "In".equals(m.get("operator"))) {
                    if ("node.kubernetes.io/instance-type".equals(m.get("key"))) {
                        types = PricingRules.strings(m.get("values"));
                    } else if ("karpenter.sh/capacity-type".equals(m.get("key"))) {
                        capacity = PricingRules.strings(m.get("values"));
                    }
                }
            }
        }
        if (cpuLimit == null) {
            return new Unknown("node pool", "the pool has no limits.cpu: its ceiling is unbounded");
        }
        if (types.isEmpty()) {
            return new Unknown("node pool", "the pool does not list its instance types (node.kubernetes.io/instance-type In ...)");
        }
        boolean spotOnly = capacity.equals(List.of("spot"));
        String dearest = null;
        PriceEntry dearestPrice = null;
        BigDecimal dearestPerVcpu = null;
        int dearestVcpus = 0;
        for (String type : types) {
            Optional<PriceEntry> price = catalog.flatMap(c -> spotOnly ? c.spotPrice(type) : c.price(RegionCatalog.ec2Key(type)));
            Optional<Integer> vcpus = catalog.flatMap(c -> c.spotSavings().of(type)).map(t -> t.vcpus()).filter(v -> v > 0);
            if (price.isEmpty() || vcpus.isEmpty()) {
                return new Unknown("node pool of " + String.join(", ", types), (spotOnly ? "no spot estimate" : "no On-Demand price")
                        + " or vCPU count for " + type + " in the " + region + " catalog");
            }
            BigDecimal perVcpu = price.get().price().divide(BigDecimal.valueOf(vcpus.get()), 10, RoundingMode.HALF_UP);
            if (dearestPerVcpu == null || perVcpu.compareTo(dearestPerVcpu) > 0) {
                dearest = type;
                dearestPrice = price.get();
                dearestPerVcpu = perVcpu;
                dearestVcpus = vcpus.get();
            }
        }
        BigDecimal hours = catalog.map(RegionCatalog::hoursPerMonth).orElse(new BigDecimal("730"));
        // Karpenter stops launching once the pool's nodes hold limits.cpu vCPUs; whole nodes of the dearest type.
        BigDecimal nodes = cpuLimit.divide(BigDecimal.valueOf(dearestVcpus), 0, RoundingMode.CEILING);
        return new Known(new PoolCeiling(cpuLimit, List.copyOf(types), spotOnly, dearest, dearestVcpus, dearestPrice, nodes,
                CostEstimate.cents(nodes.multiply(dearestPrice.price()).multiply(hours))));
    }

    /** {@code (ceiling: limits.cpu 16 at m4.large, 2 vCPUs, the dearest per vCPU of ...; spot estimate, not a list price)}. */
    public String explanation() {
        return "ceiling: limits.cpu " + cpuLimit.toPlainString() + " at " + dearest + ", " + vcpus + " vCPUs, the dearest per vCPU of "
                + String.join(", ", types) + (spotOnly ? "; spot estimate, not a list price" : "; On-Demand");
    }
}
