package com.featureapi.platform.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.config.SpotPoolConfig;
import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.catalog.EksSupportWindows;
import com.featureapi.platform.catalog.PriceEntry;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.cost.Recommendation.Kind;
import com.featureapi.platform.cost.Recommendation.Risk;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

import static com.featureapi.platform.cost.PricingRules.bool;
import static com.featureapi.platform.cost.PricingRules.number;
import static com.featureapi.platform.cost.PricingRules.strings;
import static com.featureapi.platform.cost.PricingRules.text;

/**
 * Savings recommendations for one plan ({@code platform cost --recommend}): what a FinOps engineer would look at
 * first, each priced from the same catalog as the estimate so that the figure can be redone by hand from its
 * {@link Recommendation#basis() basis}. A missing price leaves the figure unknown, never 0.
 * <ul>
 *   <li>{@link Kind#GRAVITON}: node groups, the database and the cache on the same-size arm64 family
 *       ({@link GravitonEquivalents}), the cheapest the catalog prices and config accepts;</li>
 *   <li>{@link Kind#RESERVED}: one-year, no-upfront reservations for what runs all month (the cache's nodes, the
 *       database, each node group's minimum), at the catalog's reserved rate where a public source gives one;</li>
 *   <li>{@link Kind#SPOT}: the nodes of a stateless node group that the API's pods free by moving to the Karpenter
 *       spot pool (at most half the group), at the catalog's spot estimate (an estimate, marked so);</li>
 *   <li>{@link Kind#OVERSIZED} and {@link Kind#IDLE}: what the usage file shows under-used (average CPU and memory
 *       below {@link #OVERSIZED_BELOW_PERCENT}%: one size down; an interface endpoint with no traffic: removed);</li>
 *   <li>{@link Kind#EKS_EXTENDED_SUPPORT}: a cluster billed at the extended-support rate;</li>
 *   <li>{@link Kind#SINGLE_NAT}: one NAT gateway instead of one per AZ outside production.</li>
 * </ul>
 * Every figure counts the stack's region's catalog, 730 hours a month, instances only (root volumes and storage
 * do not change with these recommendations).
 */
public final class Recommender {

    /**
     * Average utilization below which one size down is recommended: half the capacity then runs below 80%, which
     * leaves room for peaks of a third above the average. Both CPU and memory (where given) must be below it.
     */
    public static final BigDecimal OVERSIZED_BELOW_PERCENT = new BigDecimal("40");

    /**
     * Share of a stateless group's nodes recommended for spot: half, rounded down, so that the On-Demand half still
     * carries the service when spot capacity of the pool's types runs out in an AZ.
     */
    public static final BigDecimal SPOT_SHARE = new BigDecimal("0.5");

    static final String NODE_GROUP = UsageKeys.NODE_GROUP;
    static final String CACHE = UsageKeys.CACHE;
    static final String CLUSTER = "aws:eks/cluster:Cluster";
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    /** The application's release: its pods alone tolerate the spot pool's taint. */
    static final String APP_RELEASE = "feature-api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Plan plan;
    private final UsageFile usage;
    private final LocalDate asOf;
    private final Optional<RegionCatalog> catalog;
    private final BigDecimal hours;
    private final JsonNode config;

    private Recommender(Plan plan, UsageFile usage, LocalDate asOf) {
        this.plan = plan;
        this.usage = usage;
        this.asOf = asOf;
        this.catalog = AwsCatalog.forRegion(plan.config().getOrDefault("aws:region", ""));
        this.hours = catalog.map(RegionCatalog::hoursPerMonth).orElse(new BigDecimal("730"));
        this.config = JSON.createObjectNode();
    }

    public static List<Recommendation> recommend(Plan plan, UsageFile usage) {
        return recommend(plan, usage, LocalDate.now(ZoneOffset.UTC));
    }

    /** Every recommendation for the plan, largest known saving first ({@link Recommendation#BY_SAVINGS}). */
    public static List<Recommendation> recommend(Plan plan, UsageFile usage, LocalDate asOf) {
        Recommender r = new Recommender(plan, usage, asOf);
        List<Recommendation> all = new ArrayList<>();
        for (PlannedResource resource : plan.resources()) {
            switch (resource.type()) {
                case NODE_GROUP -> r.nodeGroup(resource, all);
                case UsageKeys.RDS -> r.database(resource, all);
                case CACHE -> r.cache(resource, all);
                case CLUSTER -> r.cluster(resource).ifPresent(all::add);
                case UsageKeys.VPC_ENDPOINT -> r.idleEndpoint(resource).ifPresent(all::add);
                default -> {
                }
            }
        }
        r.singleNat().ifPresent(all::add);
        return all.stream().sorted(Recommendation.BY_SAVINGS).toList();
    }

    // --- node groups ---------------------------------------------------------------------------------------

    private void nodeGroup(PlannedResource r, List<Recommendation> out) {
        List<String> types = strings(r.input("instanceTypes"));
        BigDecimal desired = number(r.input("scalingConfig.desiredSize"));
        BigDecimal min = number(r.input("scalingConfig.minSize"));
        if (types.isEmpty() || desired == null) {
            return;
        }
        String type = types.get(0);
        String key = nodeGroupKey(r.name());
        String address = address(r);
        SortedSet<String> offered = catalog.map(RegionCatalog::ec2InstanceTypes).orElse(java.util.Collections.emptySortedSet());
        String nodes = desired.toPlainString() + " node" + (desired.intValue() == 1 ? "" : "s");
        change(Kind.GRAVITON, address, type, GravitonEquivalents.ec2(type), offered, RegionCatalog::ec2Key, desired, nodes,
                key + ".instanceTypes", Risk.MEDIUM,
                "every image the nodes run (the application's and each add-on's) needs an arm64 build; the node group is replaced"
                        + " (AMI type AL2023_ARM_64_STANDARD) and its nodes drained a share at a time")
                .ifPresent(out::add);
        Optional<BigDecimal> cpu = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_CPU);
        Optional<BigDecimal> memory = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_MEMORY);
        if (underUsed(cpu, memory, false)) {
            change(Kind.OVERSIZED, address, type, smaller(type).filter(offered::contains).stream().toList(), offered, RegionCatalog::ec2Key, desired, nodes,
                    key + ".instanceTypes", Risk.MEDIUM,
                    "usage " + utilization(cpu, memory) + ": half the capacity per node runs below 80%; check the peaks"
                            + " (the maximum, not only the average) and the pods' requests, which must still fit a node")
                    .ifPresent(out::add);
        }
        spot(r, type, desired, key).ifPresent(out::add);
        if (min != null && min.signum() > 0 && !"SPOT".equals(text(r.input("capacityType")))) {
            out.add(new Recommendation(Kind.RESERVED, address,
                    "a one-year, no-upfront Compute Savings Plan for the " + min.toPlainString() + " " + type + " node"
                            + (min.intValue() == 1 ? " that always runs" : "s that always run") + " (minSize)",
                    "none: a purchase (AWS Billing, Savings Plans); nothing in the stack changes",
                    hourly(RegionCatalog.ec2Key(type), min), Optional.empty(),
                    "unknown: the catalog's sources hold no public one-year no-upfront EC2 rate (karpenter's table is on-demand"
                            + " only; ec2instances.info's EC2 table is not in the sources)",
                    Risk.LOW, "a commitment of one year, billed every hour whether the nodes run or not; commit after a Graviton change, not before", false));
        }
    }

    /**
     * A stateless group (no taint that reserves it for dedicated workloads, not per AZ for pods on EBS volumes) hands
     * whole nodes to the Karpenter spot pool only as far as the pods that tolerate the pool's taint free them: the
     * API's pods at the HPA's minimum (nothing else tolerates it, SpotPlacementTest), less the Karpenter controller's
     * requests that land on the managed groups when the pool is not on yet ({@link SpotPoolConfig#CHART_REPLICAS} x
     * {@link SpotPoolConfig#CONTROLLER_CPU}), divided by a node's allocatable CPU (EKS AL2023, {@link #allocatableMillicores}),
     * rounded down and at most {@link #SPOT_SHARE} of the group. No node freed: no recommendation. The moved nodes are
     * priced at the catalog's spot estimate of the same type (On-Demand less the Spot Instance Advisor's average saving).
     */
    private Optional<Recommendation> spot(PlannedResource r, String type, BigDecimal desired, String key) {
        boolean dedicated = r.input("taints") instanceof List<?> taints && !taints.isEmpty();
        boolean perAz = !key.contains("name=") && groupConfig(key).path("perAz").asBoolean(false);
        Optional<PlannedResource> app = plan.ofType(RELEASE).stream().filter(x -> x.name().equals(APP_RELEASE)).findFirst();
        Optional<Integer> vcpus = catalog.flatMap(c -> c.spotSavings().of(type)).map(t -> t.vcpus()).filter(v -> v > 0);
        Optional<BigDecimal> appCpu = app.flatMap(a -> millicores(a.input("values.resources.requests.cpu")))
                .flatMap(cpu -> Optional.ofNullable(number(app.get().input("values.autoscaling.minReplicas"))).map(cpu::multiply));
        if (dedicated || perAz || "SPOT".equals(text(r.input("capacityType"))) || vcpus.isEmpty() || appCpu.isEmpty()) {
            return Optional.empty();
        }
        boolean poolOn = !plan.ofType(PoolCeiling.TYPE).isEmpty();
        BigDecimal controllerCpu = poolOn ? BigDecimal.ZERO
                : millicores(SpotPoolConfig.CONTROLLER_CPU).orElseThrow().multiply(BigDecimal.valueOf(SpotPoolConfig.CHART_REPLICAS));
        BigDecimal allocatable = allocatableMillicores(vcpus.get());
        BigDecimal freed = appCpu.get().subtract(controllerCpu).divide(allocatable, 0, java.math.RoundingMode.DOWN);
        BigDecimal moved = freed.min(desired.multiply(SPOT_SHARE).setScale(0, java.math.RoundingMode.DOWN));
        if (moved.signum() <= 0) {
            return Optional.empty();
        }
        Optional<PriceEntry> spot = catalog.flatMap(c -> c.spotPrice(type));
        String nodes = moved.toPlainString() + " of " + desired.toPlainString() + " nodes";
        String freedBy = "the API's pods (" + appCpu.get().toPlainString() + "m at the HPA's minimum"
                + (poolOn ? "" : ", less " + controllerCpu.toPlainString() + "m for Karpenter's controller") + ") free "
                + moved.toPlainString() + " x " + allocatable.toPlainString() + "m allocatable";
        return Optional.of(new Recommendation(Kind.SPOT, address(r),
                "run " + nodes + " on spot: " + (poolOn ? "the Karpenter spot pool is on; lower" : "turn on the Karpenter spot pool and lower")
                        + " the group's minSize and desiredSize to " + desired.subtract(moved).toPlainString() + " (the rest stays On-Demand)",
                "platform:cluster.spotPool.enabled, " + key + ".minSize", hourly(RegionCatalog.ec2Key(type), moved),
                spot.map(p -> moved.multiply(hours).multiply(p.price())),
                spot.map(p -> freedBy + "; " + nodes + " x " + hours.toPlainString() + " h x ($" + onDemand(RegionCatalog.ec2Key(type)) + " On-Demand - $"
                                + p.price().toPlainString() + " spot) per hour, the pool priced at the same type; " + p.source() + ", " + p.date())
                        .orElse("unknown: no spot estimate for " + type + " in the catalog"),
                Risk.HIGH, "spot nodes are reclaimed at two minutes' notice (Karpenter drains them on the interruption queue's"
                + " warning): only stateless pods with a PodDisruptionBudget belong there; the saving moves by the hour and the AZ"
                + ("production".equals(plan.config().get("platform:environment"))
                        ? "; in production the advisory policy spot-outside-production reports the pool (governance keeps production On-Demand)" : ""),
                true));
    }

    /**
     * Allocatable CPU of a node of {@code vcpus} under the EKS AL2023 AMI (awslabs/amazon-eks-ami nodeadm
     * internal/kubelet/config.go): kube-reserved 6% of the first core, 1% of the second, 0.5% of the third and fourth,
     * 0.25% of the rest.
     */
    static BigDecimal allocatableMillicores(int vcpus) {
        int total = vcpus * 1000;
        int[] bounds = {0, 1000, 2000, 4000, Integer.MAX_VALUE};
        int[] tenThousandths = {600, 100, 50, 25};
        int reserved = 0;
        for (int i = 0; i < tenThousandths.length; i++) {
            int inRange = Math.max(0, Math.min(total, bounds[i + 1]) - bounds[i]);
            reserved += inRange * tenThousandths[i] / 10_000;
        }
        return BigDecimal.valueOf(total - reserved);
    }

    /** A Kubernetes CPU quantity ({@code 500m}, {@code 1}, {@code 0.5}) in millicores. */
    static Optional<BigDecimal> millicores(Object quantity) {
        String text = quantity == null ? "" : String.valueOf(quantity).trim();
        if (text.matches("\\d+m")) {
            return Optional.of(new BigDecimal(text.substring(0, text.length() - 1)));
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Optional.of(new BigDecimal(text).multiply(BigDecimal.valueOf(1000)).stripTrailingZeros());
        }
        return Optional.empty();
    }

    private JsonNode groupConfig(String key) {
        int index = Integer.parseInt(key.substring(key.indexOf('[') + 1, key.indexOf(']')));
        return section("platform:cluster").path("nodeGroups").path(index);
    }

    /** {@code platform:cluster.nodeGroups[i]} of the group (a per-AZ group's name is its config name and the AZ). */
    private String nodeGroupKey(String resourceName) {
        JsonNode groups = section("platform:cluster").path("nodeGroups");
        for (int i = 0; i < groups.size(); i++) {
            String name = groups.get(i).path("name").asText();
            if (resourceName.equals(name) || groups.get(i).path("perAz").asBoolean(false) && resourceName.startsWith(name + "-")) {
                return "platform:cluster.nodeGroups[" + i + "]";
            }
        }
        return "platform:cluster.nodeGroups[name=" + resourceName + "]";
    }

    // --- database and cache --------------------------------------------------------------------------------

    private void database(PlannedResource r, List<Recommendation> out) {
        String instanceClass = text(r.input("instanceClass"));
        if (instanceClass == null) {
            return;
        }
        boolean multiAz = bool(r.input("multiAz"));
        java.util.function.Function<String, String> key = multiAz ? RegionCatalog::rdsMultiAzKey : RegionCatalog::rdsKey;
        SortedSet<String> offered = catalog.map(RegionCatalog::rdsClasses).orElse(java.util.Collections.emptySortedSet());
        String what = multiAz ? "1 Multi-AZ instance (primary + standby)" : "1 instance";
        String restart = "a class change restarts the database" + (multiAz ? " (Multi-AZ: a failover, about a minute without writes)" : "")
                + "; it applies in the maintenance window unless platform:database.applyImmediately is true";
        change(Kind.GRAVITON, address(r), instanceClass, GravitonEquivalents.rds(instanceClass), offered, key, BigDecimal.ONE, what,
                "platform:database.instanceClass", Risk.MEDIUM, restart + "; PostgreSQL's extensions run the same on arm64").ifPresent(out::add);
        Optional<BigDecimal> cpu = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_CPU);
        Optional<BigDecimal> memory = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_MEMORY);
        if (underUsed(cpu, memory, false)) {
            change(Kind.OVERSIZED, address(r), instanceClass, smaller(instanceClass).filter(offered::contains).stream().toList(), offered, key, BigDecimal.ONE, what,
                    "platform:database.instanceClass", Risk.MEDIUM, "usage " + utilization(cpu, memory) + ": " + restart
                            + "; half the memory also halves the cache of hot pages (check the buffer cache hit ratio)")
                    .ifPresent(out::add);
        }
        out.add(new Recommendation(Kind.RESERVED, address(r), "a one-year, no-upfront reserved DB instance (" + instanceClass
                + (multiAz ? ", Multi-AZ" : "") + ")", "none: a purchase (RDS console, Reserved instances); nothing in the stack changes",
                hourly(key.apply(instanceClass), BigDecimal.ONE), Optional.empty(),
                "unknown: the catalog's RDS source (ec2instances.info's table of 2021-08-03) holds reserved rates for Aurora only,"
                        + " none for RDS for PostgreSQL",
                Risk.LOW, "a commitment of one year to this class; buy it after a class change, not before", false));
    }

    private void cache(PlannedResource r, List<Recommendation> out) {
        String nodeType = text(r.input("nodeType"));
        BigDecimal nodes = number(r.input("numCacheClusters"));
        if (nodeType == null || nodes == null || !"redis".equals(Optional.ofNullable(text(r.input("engine"))).orElse("redis"))) {
            return;
        }
        SortedSet<String> offered = catalog.map(RegionCatalog::cacheNodeTypes).orElse(java.util.Collections.emptySortedSet());
        String what = nodes.toPlainString() + " node" + (nodes.intValue() == 1 ? "" : "s");
        String online = "ElastiCache changes a replication group's node type online (it copies the data to new nodes and"
                + " switches the endpoint); clients see a short reconnect";
        change(Kind.GRAVITON, address(r), nodeType, GravitonEquivalents.cache(nodeType), offered, RegionCatalog::cacheKey, nodes, what,
                "platform:cache.nodeType", Risk.LOW, online).ifPresent(out::add);
        Optional<BigDecimal> cpu = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_CPU);
        Optional<BigDecimal> memory = usage.value(r.type(), r.name(), UsageKeys.AVERAGE_MEMORY);
        if (underUsed(cpu, memory, true)) {
            change(Kind.OVERSIZED, address(r), nodeType, smaller(nodeType).filter(offered::contains).stream().toList(), offered, RegionCatalog::cacheKey, nodes, what,
                    "platform:cache.nodeType", Risk.MEDIUM, "usage " + utilization(cpu, memory) + ": half the memory per node; "
                            + online + "; check the peak of DatabaseMemoryUsagePercentage and the evictions")
                    .ifPresent(out::add);
        }
        String reservedKey = RegionCatalog.cacheReservedKey(nodeType);
        Optional<PriceEntry> reserved = price(reservedKey);
        out.add(new Recommendation(Kind.RESERVED, address(r), "one-year, no-upfront reserved nodes (" + what + " " + nodeType + ")",
                "none: a purchase (ElastiCache console, Reserved nodes); nothing in the stack changes",
                hourly(RegionCatalog.cacheKey(nodeType), nodes), reserved.map(p -> nodes.multiply(hours).multiply(p.price())),
                reserved.map(p -> what + " x " + hours.toPlainString() + " h x ($" + onDemand(RegionCatalog.cacheKey(nodeType)) + " on demand - $"
                        + p.price().toPlainString() + " reserved) per node-hour; " + p.source() + ", " + p.date())
                        .orElse("unknown: no one-year no-upfront rate for " + nodeType + " in the catalog"),
                Risk.LOW, "a commitment of one year to this node type, billed whether the nodes run or not; reserve after a Graviton change, not before", false));
    }

    // --- cluster, network ----------------------------------------------------------------------------------

    /** A cluster billed at the extended-support rate ($0.60 against $0.10 an hour): upgrade to a version in standard support. */
    private Optional<Recommendation> cluster(PlannedResource r) {
        String version = text(r.input("version"));
        String supportType = Optional.ofNullable(text(r.input("upgradePolicy.supportType"))).orElse("EXTENDED");
        Optional<LocalDate> ends = version == null ? Optional.empty() : EksSupportWindows.standardSupportEnds(version);
        if (ends.isEmpty() || !"EXTENDED".equals(supportType) || !asOf.isAfter(ends.get())) {
            return Optional.empty();
        }
        Optional<PriceEntry> extended = price("eks.cluster.extended");
        Optional<PriceEntry> standard = price("eks.cluster.standard");
        String target = EksSupportWindows.oldestInStandardSupport(asOf).orElse("a version in standard support");
        return Optional.of(new Recommendation(Kind.EKS_EXTENDED_SUPPORT, address(r),
                "upgrade Kubernetes " + version + " (standard support ended " + ends.get() + ") to " + target + ", one minor version at a time",
                "platform:cluster.kubernetesVersion", extended.map(p -> hours.multiply(p.price())), standard.map(p -> hours.multiply(p.price())),
                hours.toPlainString() + " h x ($" + extended.map(p -> p.price().toPlainString()).orElse("?") + " extended - $"
                        + standard.map(p -> p.price().toPlainString()).orElse("?") + " standard) per cluster-hour; "
                        + extended.map(p -> p.source() + ", " + p.date()).orElse("no extended-support price in the catalog"),
                Risk.MEDIUM, "each minor upgrade needs the add-ons pinned for it and a check of deprecated APIs; the control plane upgrades"
                + " in place, then the node groups roll", false));
    }

    /** An interface endpoint that the usage file shows without traffic costs its hours for nothing. */
    private Optional<Recommendation> idleEndpoint(PlannedResource r) {
        if (!"Interface".equals(text(r.input("vpcEndpointType")))) {
            return Optional.empty();
        }
        Optional<BigDecimal> gb = usage.value(r.type(), r.name(), "monthlyProcessedGb");
        if (gb.isEmpty() || gb.get().signum() != 0) {
            return Optional.empty();
        }
        BigDecimal azs = BigDecimal.valueOf(Math.max(1, strings(r.input("subnetIds")).size()));
        Optional<PriceEntry> p = price("vpce.interface.az-hour");
        return Optional.of(new Recommendation(Kind.IDLE, address(r), "remove the interface endpoint " + Optional.ofNullable(text(r.input("serviceName"))).orElse(r.name())
                + ": the usage file shows 0 GB through it a month", "platform:network.interfaceEndpoints",
                p.map(x -> azs.multiply(hours).multiply(x.price())), p.map(x -> BigDecimal.ZERO),
                azs.toPlainString() + " AZ x " + hours.toPlainString() + " h x $" + p.map(x -> x.price().toPlainString()).orElse("?") + " per AZ-hour",
                Risk.LOW, "traffic to the service then leaves through the NAT gateway ($0.045 per GB) instead; check the usage figure is current", false));
    }

    /** Outside production, one NAT gateway (and its address) instead of one per AZ. */
    private Optional<Recommendation> singleNat() {
        if ("production".equals(plan.config().get("platform:environment"))) {
            return Optional.empty();
        }
        List<PlannedResource> nats = plan.ofType(UsageKeys.NAT);
        if (nats.size() < 2) {
            return Optional.empty();
        }
        BigDecimal removed = BigDecimal.valueOf(nats.size() - 1L);
        Optional<PriceEntry> nat = price("nat.hour");
        Optional<PriceEntry> ip = price("ipv4.public");
        Optional<BigDecimal> perGateway = nat.flatMap(n -> ip.map(i -> hours.multiply(n.price().add(i.price()))));
        return Optional.of(new Recommendation(Kind.SINGLE_NAT, "aws:ec2/natGateway:NatGateway::*",
                "one NAT gateway for the " + nats.size() + " AZs instead of one per AZ (" + plan.config().get("platform:environment") + ")",
                "platform:network.natGateways", perGateway.map(g -> g.multiply(BigDecimal.valueOf(nats.size()))), perGateway,
                removed.toPlainString() + " gateways x " + hours.toPlainString() + " h x ($" + nat.map(n -> n.price().toPlainString()).orElse("?")
                        + " NAT + $" + ip.map(i -> i.price().toPlainString()).orElse("?") + " public IPv4) per hour; GB processed is the same",
                Risk.MEDIUM, "an outage of the gateway's AZ cuts the internet egress of every AZ; traffic from the other AZs also pays"
                + " cross-AZ transfer", false));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /**
     * From {@code current} to the cheapest priced of {@code candidates} that config accepts ({@code offered}), for
     * {@code count} units all month. Candidates exist but none is priced: the figure is unknown. No candidate: nothing.
     */
    private Optional<Recommendation> change(Kind kind, String address, String current, List<String> candidates, Set<String> offered,
                                            java.util.function.Function<String, String> key, BigDecimal count, String what,
                                            String configKey, Risk risk, String riskNote) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> best = candidates.stream().filter(offered::contains).filter(c -> price(key.apply(c)).isPresent())
                .min(java.util.Comparator.comparing((String c) -> price(key.apply(c)).orElseThrow().price()).thenComparing(c -> c));
        List<String> refused = candidates.stream().filter(c -> !offered.contains(c) || price(key.apply(c)).isEmpty()).toList();
        String notPriced = refused.isEmpty() ? "" : "; " + String.join(", ", refused) + " not in the catalog (its source predates "
                + (refused.size() == 1 ? "it" : "them") + "), so config refuses " + (refused.size() == 1 ? "it" : "them") + " for now";
        Optional<BigDecimal> now = hourly(key.apply(current), count);
        if (best.isEmpty()) {
            return Optional.of(new Recommendation(kind, address, current + " -> " + String.join(" or ", candidates), configKey, now,
                    Optional.empty(), "unknown: no price for " + String.join(", ", candidates) + notPriced, risk, riskNote, false));
        }
        PriceEntry from = price(key.apply(current)).orElse(null);
        PriceEntry to = price(key.apply(best.get())).orElseThrow();
        if (from != null && to.price().compareTo(from.price()) >= 0) {
            return Optional.empty();
        }
        String basis = what + " x " + hours.toPlainString() + " h x ($" + (from == null ? "?" : from.price().toPlainString()) + " " + current
                + " - $" + to.price().toPlainString() + " " + best.get() + ") per " + to.unit() + "; " + to.source() + ", " + to.date() + notPriced;
        return Optional.of(new Recommendation(kind, address, current + " -> " + best.get(), configKey, now,
                Optional.of(count.multiply(hours).multiply(to.price())), basis, risk, riskNote, false));
    }

    /**
     * One size down in the same family: 2xlarge -> xlarge -> large -> medium -> small -> micro; none for odd multiples.
     * Callers keep it only when the catalog offers it (cache.r5.medium does not exist): a size that does not exist is no
     * recommendation, unlike a newer family that the catalog does not price yet (an unknown figure).
     */
    static Optional<String> smaller(String type) {
        int dot = type.lastIndexOf('.');
        String family = type.substring(0, dot + 1);
        String size = type.substring(dot + 1);
        String down = switch (size) {
            case "xlarge" -> "large";
            case "large" -> "medium";
            case "medium" -> "small";
            case "small" -> "micro";
            case "2xlarge" -> "xlarge";
            default -> {
                if (size.endsWith("xlarge") && size.length() > "xlarge".length()) {
                    int n = Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
                    yield n % 2 == 0 ? (n / 2) + "xlarge" : null;
                }
                yield null;
            }
        };
        return Optional.ofNullable(down).map(d -> family + d);
    }

    /**
     * Under-used: CPU and (where given) memory below {@link #OVERSIZED_BELOW_PERCENT}. A cache is judged by its memory,
     * which must be given: Redis runs its commands on one core, so its CPU says little about its size.
     */
    private static boolean underUsed(Optional<BigDecimal> cpu, Optional<BigDecimal> memory, boolean byMemory) {
        if (byMemory) {
            return memory.isPresent() && memory.get().compareTo(OVERSIZED_BELOW_PERCENT) < 0
                    && cpu.map(c -> c.compareTo(OVERSIZED_BELOW_PERCENT) < 0).orElse(true);
        }
        return cpu.isPresent() && cpu.get().compareTo(OVERSIZED_BELOW_PERCENT) < 0
                && memory.map(m -> m.compareTo(OVERSIZED_BELOW_PERCENT) < 0).orElse(true);
    }

    private static String utilization(Optional<BigDecimal> cpu, Optional<BigDecimal> memory) {
        List<String> parts = new ArrayList<>();
        cpu.ifPresent(c -> parts.add("average CPU " + c.toPlainString() + "%"));
        memory.ifPresent(m -> parts.add("average memory " + m.toPlainString() + "%"));
        return String.join(", ", parts);
    }

    private Optional<BigDecimal> hourly(String key, BigDecimal count) {
        return price(key).map(p -> count.multiply(hours).multiply(p.price()));
    }

    private String onDemand(String key) {
        return price(key).map(p -> p.price().toPlainString()).orElse("?");
    }

    private Optional<PriceEntry> price(String key) {
        return catalog.flatMap(c -> c.price(key));
    }

    private JsonNode section(String key) {
        String json = plan.config().get(key);
        if (json == null || json.equals("[secret]")) {
            return config;
        }
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return config;
        }
    }

    private static String address(PlannedResource r) {
        return r.type() + "::" + r.name();
    }
}
