package com.featureapi.platform.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.cost.PoolCeiling;
import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostLine;
import com.featureapi.platform.cost.LineKind;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.ResourceCost;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanReader.PlanDocument;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.Tiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes from one plan to another: resources added, removed, replaced and changed (input by input),
 * alerts for stateful resources, policy verdicts that appeared or disappeared and the monthly cost delta.
 * Resources are matched by URN without the stack, so two stacks' plans (staging and production) diff as well
 * as two commits of one stack. Cloud resources and providers are compared; components carry no inputs.
 *
 * <p>It answers what {@code pulumi up} would do, not what the inputs spell: an input under {@code ignoreChanges} of a
 * resource that exists keeps the base's value (the head is priced that way too; the change is listed as ignored,
 * {@link #ignored} for resources with nothing else), an input fed by a resource that is replaced or created is
 * "known after apply" and its resource's fate follows {@link ReplacementRules}, a protected resource that would be
 * deleted or replaced stops the deploy ({@link ResourceChange#stopsDeploy()}), and an unpriced line on either side
 * makes the cost change unknown ({@link CostDelta#known()}), naming each line in {@link #unpriced}.
 */
public record PlanDiff(
        String baseStack,
        String headStack,
        List<Alert> alerts,
        List<ResourceChange> changes,
        List<PolicyChange> policyChanges,
        CostDelta totalCost,
        SortedMap<String, CostDelta> costByTier,
        CostEstimate baseCost,
        CostEstimate headCost,
        List<ResourceChange> ignored,
        List<UnpricedLine> unpriced,
        List<NodeGroupCeiling> ceilings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> SUBNET_GROUPS = Set.of("aws:rds/subnetGroup:SubnetGroup", "aws:elasticache/subnetGroup:SubnetGroup");

    /** Where the README says how to replace or delete a protected resource on purpose. */
    public static final String PROTECTED_RUNBOOK =
            "README.md#deliberately-replacing-or-deleting-a-protected-production-resource";

    /** Diff of two plans without policy sections, priced without usage files. */
    public static PlanDiff between(Plan base, Plan head) {
        return between(base, head, LocalDate.now(ZoneOffset.UTC));
    }

    /** Diff of two plans without policy sections, priced without usage files, EKS support judged on {@code asOf}. */
    public static PlanDiff between(Plan base, Plan head, LocalDate asOf) {
        return between(new PlanDocument(base, JSON.createObjectNode()), new PlanDocument(head, JSON.createObjectNode()),
                UsageFile.empty(), UsageFile.empty(), asOf);
    }

    /** Diff of two plan.json documents (their {@code policy} sections too, when present). */
    public static PlanDiff between(PlanDocument base, PlanDocument head, UsageFile baseUsage, UsageFile headUsage) {
        return between(base, head, baseUsage, headUsage, LocalDate.now(ZoneOffset.UTC));
    }

    public static PlanDiff between(PlanDocument base, PlanDocument head, UsageFile baseUsage, UsageFile headUsage, LocalDate asOf) {
        // pulumi up's rules (ignoreChanges, ripples of replacements) hold between two states of one stack; two stacks'
        // plans (staging against production) are compared as the programs spell them.
        boolean oneStack = base.plan().stack().equals(head.plan().stack());
        Plan effectiveHead = oneStack ? withIgnoredInputsKept(base.plan(), head.plan()) : head.plan();
        CostEstimate baseCost = CostEstimator.estimate(base.plan(), baseUsage, asOf);
        CostEstimate headCost = CostEstimator.estimate(effectiveHead, headUsage, asOf);
        Map<String, PlannedResource> before = byAddress(base.plan());
        Map<String, PlannedResource> after = byAddress(effectiveHead);
        Map<String, PlannedResource> spelled = byAddress(head.plan());
        Map<String, ResourceCost> beforeCost = costByAddress(baseCost);
        Map<String, ResourceCost> afterCost = costByAddress(headCost);
        Tiers baseTiers = new Tiers(base.plan());
        Tiers headTiers = new Tiers(head.plan());

        Set<String> addresses = new TreeSet<>(before.keySet());
        addresses.addAll(after.keySet());
        Map<String, List<PropertyChange>> properties = new TreeMap<>();
        Map<String, List<PropertyChange>> ignoredProperties = new TreeMap<>();
        for (String address : addresses) {
            PlannedResource b = before.get(address);
            PlannedResource a = after.get(address);
            if (b == null) {
                properties.put(address, properties(a.type(), Map.of(), a.inputs(), List.of()));
            } else if (a != null) {
                properties.put(address, properties(a.type(), b.inputs(), a.inputs(), a.replaceOnChanges()));
                PlannedResource asSpelled = spelled.get(address);
                ignoredProperties.put(address, properties(a.type(), b.inputs(), asSpelled.inputs(), List.of()).stream()
                        .filter(p -> ignores(a, p.path()))
                        .map(p -> new PropertyChange(p.path(), p.before(), p.after(), false, PropertyChange.Effect.IGNORED)).toList());
            }
        }
        if (oneStack) {
            rippleReplacements(before, after, properties);
        }

        List<ResourceChange> changes = new ArrayList<>();
        List<ResourceChange> ignored = new ArrayList<>();
        for (String address : addresses) {
            PlannedResource b = before.get(address);
            PlannedResource a = after.get(address);
            CostDelta cost = costDelta(beforeCost.get(address), afterCost.get(address));
            PlannedResource either = a != null ? a : b;
            String tier = a != null ? headTiers.of(a) : baseTiers.of(b);
            boolean stateful = ReplacementRules.STATEFUL.contains(either.type());
            if (b == null) {
                changes.add(new ResourceChange(ChangeKind.ADDED, address, a.type(), a.name(), tier, stateful, false, a.protect(),
                        properties.get(address), cost));
            } else if (a == null) {
                changes.add(new ResourceChange(ChangeKind.REMOVED, address, b.type(), b.name(), tier, stateful, b.protect(), false,
                        List.of(), cost));
            } else {
                List<PropertyChange> applied = properties.get(address);
                List<PropertyChange> all = new ArrayList<>(applied);
                all.addAll(ignoredProperties.get(address));
                all.sort(Comparator.comparing(PropertyChange::path));
                boolean replaced = applied.stream().anyMatch(PropertyChange::forcesReplacement);
                ResourceChange change = new ResourceChange(replaced ? ChangeKind.REPLACED : ChangeKind.CHANGED, address, a.type(), a.name(),
                        tier, stateful, b.protect(), a.protect(), List.copyOf(all), cost);
                if (!applied.isEmpty() || a.protect() != b.protect() || cost.changed()) {
                    changes.add(change);
                } else if (!all.isEmpty()) {
                    ignored.add(change);
                }
            }
        }
        changes.sort(Comparator.comparing(ResourceChange::kind).thenComparing(ResourceChange::address));

        SortedMap<String, CostDelta> byTier = new TreeMap<>();
        Set<String> tiers = new TreeSet<>(baseCost.byTier().keySet());
        tiers.addAll(headCost.byTier().keySet());
        for (String tier : tiers) {
            byTier.put(tier, new CostDelta(baseCost.byTier().getOrDefault(tier, BigDecimal.ZERO), headCost.byTier().getOrDefault(tier, BigDecimal.ZERO),
                    unpricedIn(baseCost, tier), unpricedIn(headCost, tier)));
        }
        CostDelta total = new CostDelta(baseCost.totalUsd(), headCost.totalUsd(), baseCost.unpricedLines(), headCost.unpricedLines());
        List<UnpricedLine> unpriced = new ArrayList<>();
        unpricedLines("base", baseCost, unpriced);
        unpricedLines("head", headCost, unpriced);
        return new PlanDiff(base.plan().stack(), head.plan().stack(), alerts(changes, before), List.copyOf(changes),
                policyChanges(base, head), total, byTier, baseCost, headCost, List.copyOf(ignored), List.copyOf(unpriced),
                ceilings(before, after, beforeCost, afterCost));
    }

    /** Resources whose only differences are inputs under ignoreChanges: {@code pulumi up} leaves them as they are. */
    public List<ResourceChange> ignored() {
        return ignored;
    }

    /** Changes at which {@code pulumi up} stops: a protected resource deleted or replaced. */
    public List<ResourceChange> deployStops() {
        return changes.stream().filter(ResourceChange::stopsDeploy).toList();
    }

    // --- what pulumi up does -----------------------------------------------------------------------------------

    /**
     * The head as {@code pulumi up} applies it: for a resource the base already has, every input under its
     * ignoreChanges keeps the base's value ("Pulumi ignores a property by using the old value from the state",
     * Pulumi's ignoreChanges documentation); a new resource is created with what the program gives.
     */
    static Plan withIgnoredInputsKept(Plan base, Plan head) {
        Map<String, PlannedResource> before = byAddress(base);
        List<PlannedResource> resources = new ArrayList<>();
        for (PlannedResource r : head.resources()) {
            PlannedResource old = r.custom() ? before.get(address(r.urn())) : null;
            if (old == null || r.ignoreChanges().isEmpty()) {
                resources.add(r);
                continue;
            }
            SortedMap<String, Object> inputs = new TreeMap<>(r.inputs());
            for (String path : r.ignoreChanges()) {
                inputs = PropertyPaths.withValueOf(inputs, old.inputs(), path);
            }
            resources.add(r.withInputs(inputs));
        }
        return new Plan(head.project(), head.stack(), head.config(), List.copyOf(resources), head.outputs());
    }

    private static boolean ignores(PlannedResource r, String path) {
        return r.ignoreChanges().stream().anyMatch(i -> PropertyPaths.covers(i, path));
    }

    /**
     * Every input of a resource that exists on both sides, whose property dependencies include a resource that is
     * replaced or created, becomes "known after apply" (the new resource's ids and ARNs are computed by AWS), and
     * the resource is then updated or replaced as {@link ReplacementRules} say for that input, which can ripple on.
     * Offline, ids come from names, so without this a replaced subnet's subnet groups and associations look unchanged.
     */
    private static void rippleReplacements(Map<String, PlannedResource> before, Map<String, PlannedResource> after,
                                           Map<String, List<PropertyChange>> properties) {
        Set<String> renewed = new TreeSet<>();
        properties.forEach((address, changes) -> {
            if (!before.containsKey(address) || changes.stream().anyMatch(PropertyChange::forcesReplacement)) {
                renewed.add(address);
            }
        });
        boolean rippled;
        do {
            rippled = false;
            for (Map.Entry<String, PlannedResource> entry : after.entrySet()) {
                String address = entry.getKey();
                PlannedResource a = entry.getValue();
                PlannedResource b = before.get(address);
                if (b == null) {
                    continue;
                }
                for (Map.Entry<String, List<String>> dependency : a.propertyDependencies().entrySet()) {
                    String input = dependency.getKey();
                    boolean fedByRenewed = dependency.getValue().stream().map(PlanDiff::address).anyMatch(renewed::contains);
                    List<PropertyChange> changes = properties.get(address);
                    boolean marked = changes.stream().anyMatch(p -> p.path().equals(input) && p.effect() == PropertyChange.Effect.KNOWN_AFTER_APPLY);
                    if (!fedByRenewed || marked || ignores(a, input)) {
                        continue;
                    }
                    List<PropertyChange> updated = new ArrayList<>(changes.stream().filter(p -> !PropertyPaths.covers(input, p.path())).toList());
                    Object old = b.inputs().get(input);
                    updated.add(new PropertyChange(input, old == null ? null : render(old), PropertyChange.KNOWN_AFTER_APPLY,
                            ReplacementRules.forcesReplacement(a.type(), input, a.replaceOnChanges()), PropertyChange.Effect.KNOWN_AFTER_APPLY));
                    updated.sort(Comparator.comparing(PropertyChange::path));
                    properties.put(address, List.copyOf(updated));
                    if (updated.stream().anyMatch(PropertyChange::forcesReplacement)) {
                        renewed.add(address);
                    }
                    rippled = true;   // each input is marked once, so the ripple settles
                }
            }
        } while (rippled);
    }

    // --- cost ------------------------------------------------------------------------------------------------

    private static CostDelta costDelta(ResourceCost before, ResourceCost after) {
        return new CostDelta(monthly(before), monthly(after), unpricedOf(before), unpricedOf(after));
    }

    private static long unpricedOf(ResourceCost cost) {
        return cost == null ? 0 : cost.lines().stream().filter(l -> l.kind() == LineKind.UNPRICED).count();
    }

    private static long unpricedIn(CostEstimate estimate, String tier) {
        return estimate.resources().stream().filter(r -> r.tier().equals(tier)).mapToLong(PlanDiff::unpricedOf).sum();
    }

    private static void unpricedLines(String side, CostEstimate estimate, List<UnpricedLine> into) {
        for (ResourceCost r : estimate.resources()) {
            for (CostLine line : r.lines()) {
                if (line.kind() == LineKind.UNPRICED) {
                    into.add(new UnpricedLine(side, r.type(), r.name(), line.label(), line.note()));
                }
            }
        }
    }

    /** Node groups whose size range changes: their cost at maxSize before and after. */
    private static List<NodeGroupCeiling> ceilings(Map<String, PlannedResource> before, Map<String, PlannedResource> after,
                                                   Map<String, ResourceCost> beforeCost, Map<String, ResourceCost> afterCost) {
        List<NodeGroupCeiling> result = new ArrayList<>();
        for (Map.Entry<String, PlannedResource> entry : after.entrySet()) {
            PlannedResource a = entry.getValue();
            PlannedResource b = before.get(entry.getKey());
            if (a.type().equals(PoolCeiling.TYPE)) {
                poolCeiling(a, b, afterCost.get(entry.getKey())).ifPresent(result::add);
                continue;
            }
            if (!a.type().equals("aws:eks/nodeGroup:NodeGroup")) {
                continue;
            }
            BigDecimal maxAfter = number(a.input("scalingConfig.maxSize"));
            BigDecimal maxBefore = b == null ? null : number(b.input("scalingConfig.maxSize"));
            BigDecimal minAfter = number(a.input("scalingConfig.minSize"));
            BigDecimal minBefore = b == null ? null : number(b.input("scalingConfig.minSize"));
            if (Objects.equals(maxBefore, maxAfter) && Objects.equals(minBefore, minAfter)) {
                continue;
            }
            Optional<BigDecimal> baseAtMax = atMax(b, beforeCost.get(entry.getKey()), maxBefore);
            Optional<BigDecimal> headAtMax = atMax(a, afterCost.get(entry.getKey()), maxAfter);
            result.add(new NodeGroupCeiling(a.name(), minBefore, maxBefore, minAfter, maxAfter,
                    new CostDelta(baseAtMax.orElse(BigDecimal.ZERO), headAtMax.orElse(BigDecimal.ZERO),
                            b != null && baseAtMax.isEmpty() ? 1 : 0, headAtMax.isEmpty() ? 1 : 0), NodeGroupCeiling.MAX_SIZE));
        }
        return List.copyOf(result);
    }

    /**
     * A Karpenter NodePool's ceiling (its {@code limits.cpu} at the dearest allowed type, {@link PoolCeiling}) when the
     * pool is new or its ceiling moves: 0 nodes at rest, up to the ceiling's node count. Unknown (never $0) when the
     * pool has no limit or an unpriced type.
     */
    private static Optional<NodeGroupCeiling> poolCeiling(PlannedResource a, PlannedResource b, ResourceCost afterCost) {
        String region = afterCost == null ? null : afterCost.region();
        Optional<RegionCatalog> catalog = region == null ? Optional.empty() : AwsCatalog.forRegion(region);
        PoolCeiling.Result head = PoolCeiling.of(a, catalog, region);
        PoolCeiling.Result base = b == null ? null : PoolCeiling.of(b, catalog, region);
        if (head.equals(base)) {
            return Optional.empty();
        }
        Optional<PoolCeiling> headKnown = known(head);
        Optional<PoolCeiling> baseKnown = base == null ? Optional.empty() : known(base);
        return Optional.of(new NodeGroupCeiling(a.name() + " (Karpenter NodePool)", b == null ? null : BigDecimal.ZERO,
                baseKnown.map(PoolCeiling::nodes).orElse(null), BigDecimal.ZERO, headKnown.map(PoolCeiling::nodes).orElse(null),
                new CostDelta(baseKnown.map(PoolCeiling::monthlyUsd).orElse(BigDecimal.ZERO), headKnown.map(PoolCeiling::monthlyUsd).orElse(BigDecimal.ZERO),
                        b != null && baseKnown.isEmpty() ? 1 : 0, headKnown.isEmpty() ? 1 : 0), NodeGroupCeiling.CPU_LIMIT));
    }

    private static Optional<PoolCeiling> known(PoolCeiling.Result result) {
        return result instanceof PoolCeiling.Known k ? Optional.of(k.ceiling()) : Optional.empty();
    }

    /** Monthly instance cost of a node group at {@code max} nodes, from the hourly price of its first instance type. */
    private static Optional<BigDecimal> atMax(PlannedResource group, ResourceCost cost, BigDecimal max) {
        if (group == null || cost == null || max == null || !(group.input("instanceTypes") instanceof List<?> types) || types.isEmpty()) {
            return Optional.empty();
        }
        String key = RegionCatalog.ec2Key(String.valueOf(types.get(0)));
        BigDecimal hours = AwsCatalog.forRegion(cost.region()).map(RegionCatalog::hoursPerMonth).orElse(AwsCatalog.HOURS_PER_MONTH);
        return cost.lines().stream().filter(l -> l.price() != null && l.price().key().equals(key)).findFirst()
                .map(l -> l.price().price().multiply(max).multiply(hours));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            // 20 and 20.0 compare equal, and print as 20, never as stripTrailingZeros' 2E+1.
            BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }
        return null;
    }

    public long count(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    // --- alerts ----------------------------------------------------------------------------------------------

    private static List<Alert> alerts(List<ResourceChange> changes, Map<String, PlannedResource> before) {
        Map<String, ChangeKind> kinds = new TreeMap<>();
        changes.forEach(c -> kinds.put(c.address(), c.kind()));
        List<Alert> alerts = new ArrayList<>();
        for (ResourceChange c : changes) {
            String what = c.type() + " " + c.name();
            if (c.stopsDeploy()) {
                alerts.add(new Alert(c.address(), "the deploy will stop here: `" + c.name() + "` is protected (" + c.type()
                        + "); pulumi up refuses to " + (c.kind() == ChangeKind.REMOVED ? "delete" : "replace") + " it"
                        + (c.kind() == ChangeKind.REPLACED ? " (" + String.join(", ", c.replacementCauses()) + " cannot change in place)" : "")
                        + ", and nothing after it is applied. If this is deliberate, follow " + PROTECTED_RUNBOOK));
                continue;
            }
            if (c.stateful() && c.kind() == ChangeKind.REMOVED) {
                alerts.add(new Alert(c.address(), "DELETES " + what + " and the data in it"));
            }
            if (c.stateful() && c.kind() == ChangeKind.REPLACED) {
                alerts.add(new Alert(c.address(), "REPLACES " + what + " (a new, empty one is created; the data does not move) because "
                        + String.join(", ", c.replacementCauses()) + " cannot change in place"));
            }
            if (c.protectBefore() && c.kind() != ChangeKind.REMOVED && !c.protectAfter()) {
                alerts.add(new Alert(c.address(), "LOSES protect: " + what + " could then be deleted by a later change"));
            }
            if (SUBNET_GROUPS.contains(c.type()) && c.properties().stream().anyMatch(p -> p.path().equals("subnetIds")
                    && p.effect() == PropertyChange.Effect.KNOWN_AFTER_APPLY) && losesASubnet(before.get(c.address()), kinds)) {
                alerts.add(new Alert(c.address(), "swaps a replaced subnet in " + what + ": " + (c.type().startsWith("aws:rds") ? "RDS" : "ElastiCache")
                        + " refuses to drop a subnet that still holds the instance's network interfaces (\"subnets ... currently in use\"),"
                        + " so the apply can fail there and leave the old subnet in place; move the instance out of that subnet first"));
            }
            for (PropertyChange p : c.appliedProperties()) {
                if ((p.path().equals("deletionProtection") || p.path().equals("skipFinalSnapshot") && "true".equals(p.after()))
                        && !Objects.equals(p.before(), p.after()) && ("true".equals(p.before()) || p.path().equals("skipFinalSnapshot"))) {
                    alerts.add(new Alert(c.address(), (p.path().equals("deletionProtection") ? "turns off deletion protection of " : "skips the final snapshot of ") + what));
                }
            }
        }
        return List.copyOf(alerts);
    }

    /**
     * True when a subnet the group holds in the base is replaced or deleted: only then must RDS or ElastiCache drop a
     * subnet. A subnet added beside the others (one more AZ) is only a new id in the list.
     */
    private static boolean losesASubnet(PlannedResource group, Map<String, ChangeKind> kinds) {
        return group != null && group.propertyDependencies().getOrDefault("subnetIds", List.of()).stream().map(PlanDiff::address)
                .map(kinds::get).anyMatch(kind -> kind == ChangeKind.REPLACED || kind == ChangeKind.REMOVED);
    }

    // --- properties ------------------------------------------------------------------------------------------

    private static List<PropertyChange> properties(String type, Map<String, Object> before, Map<String, Object> after, List<String> replaceOnChanges) {
        Map<String, String> b = new TreeMap<>();
        Map<String, String> a = new TreeMap<>();
        flatten("", before, b);
        flatten("", after, a);
        Set<String> paths = new TreeSet<>(b.keySet());
        paths.addAll(a.keySet());
        List<PropertyChange> result = new ArrayList<>();
        for (String path : paths) {
            String x = b.get(path);
            String y = a.get(path);
            if (!Objects.equals(x, y)) {
                result.add(new PropertyChange(path, x, y, !before.isEmpty() && ReplacementRules.forcesReplacement(type, path, replaceOnChanges)));
            }
        }
        return List.copyOf(result);
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey().toString() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, render(value));
        }
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    // --- policy ----------------------------------------------------------------------------------------------

    /**
     * Verdicts of the plans' {@code policies} sections (their {@code violations}: {@code policy},
     * {@code enforcementLevel}, {@code urn}, {@code message}). Read leniently: every object inside the section that
     * names a policy ({@code policy} or {@code policyName}) and has a {@code message} is a verdict; a plan without
     * the section (planned with --skip-policies, or before the policy phase existed) has none.
     */
    private static List<PolicyChange> policyChanges(PlanDocument base, PlanDocument head) {
        return VerdictIdentity.changes(verdicts(policySection(base)), verdicts(policySection(head)));
    }

    /** {@code policies} (docs/plan-schema.md: packs, summary, violations); {@code policy} is read as well. */
    private static JsonNode policySection(PlanDocument plan) {
        JsonNode policies = plan.document().path("policies");
        return policies.isMissingNode() ? plan.document().path("policy") : policies;
    }

    private static List<VerdictIdentity.Verdict> verdicts(JsonNode section) {
        Map<String, VerdictIdentity.Verdict> result = new LinkedHashMap<>();
        collect(section, result, new HashSet<>());
        return List.copyOf(result.values());
    }

    private static void collect(JsonNode node, Map<String, VerdictIdentity.Verdict> into, Set<JsonNode> seen) {
        if (node == null || node.isMissingNode() || !seen.add(node)) {
            return;
        }
        if (node.isObject()) {
            String policy = node.hasNonNull("policyName") ? node.get("policyName").asText() : node.hasNonNull("policy") && node.get("policy").isTextual() ? node.get("policy").asText() : null;
            if (policy != null && node.hasNonNull("message")) {
                String urn = node.hasNonNull("urn") ? address(node.get("urn").asText()) : "";
                String level = node.hasNonNull("enforcementLevel") ? node.get("enforcementLevel").asText() : node.path("level").asText("");
                String message = node.get("message").asText();
                into.put(policy + "\n" + urn + "\n" + message, new VerdictIdentity.Verdict(policy, level, urn, message));
                return;
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), into, seen);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into, seen));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The URN without {@code urn:pulumi:<stack>::<project>::}: the same resource in every stack. */
    public static String address(String urn) {
        String[] parts = urn.split("::", 3);
        return parts.length == 3 ? parts[2] : urn;
    }

    private static Map<String, PlannedResource> byAddress(Plan plan) {
        Map<String, PlannedResource> map = new TreeMap<>();
        plan.resources().stream().filter(PlannedResource::custom).forEach(r -> map.put(address(r.urn()), r));
        return map;
    }

    private static Map<String, ResourceCost> costByAddress(CostEstimate estimate) {
        Map<String, ResourceCost> map = new TreeMap<>();
        estimate.resources().forEach(r -> map.put(address(r.urn()), r));
        return map;
    }

    private static BigDecimal monthly(ResourceCost cost) {
        return cost == null ? BigDecimal.ZERO : cost.monthlyUsd();
    }
}
