package com.featureapi.platform.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.cost.CostEstimate;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes from one plan to another: resources added, removed, replaced and changed (input by input),
 * alerts for stateful resources, policy verdicts that appeared or disappeared and the monthly cost delta.
 * Resources are matched by URN without the stack, so two stacks' plans (staging and production) diff as well
 * as two commits of one stack. Cloud resources and providers are compared; components carry no inputs.
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
        CostEstimate headCost) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Diff of two plans without policy sections, priced without usage files. */
    public static PlanDiff between(Plan base, Plan head) {
        return between(new PlanDocument(base, JSON.createObjectNode()), new PlanDocument(head, JSON.createObjectNode()),
                UsageFile.empty(), UsageFile.empty(), LocalDate.now(ZoneOffset.UTC));
    }

    /** Diff of two plan.json documents (their {@code policy} sections too, when present). */
    public static PlanDiff between(PlanDocument base, PlanDocument head, UsageFile baseUsage, UsageFile headUsage) {
        return between(base, head, baseUsage, headUsage, LocalDate.now(ZoneOffset.UTC));
    }

    public static PlanDiff between(PlanDocument base, PlanDocument head, UsageFile baseUsage, UsageFile headUsage, LocalDate asOf) {
        CostEstimate baseCost = CostEstimator.estimate(base.plan(), baseUsage, asOf);
        CostEstimate headCost = CostEstimator.estimate(head.plan(), headUsage, asOf);
        Map<String, PlannedResource> before = byAddress(base.plan());
        Map<String, PlannedResource> after = byAddress(head.plan());
        Map<String, ResourceCost> beforeCost = costByAddress(baseCost);
        Map<String, ResourceCost> afterCost = costByAddress(headCost);
        Tiers baseTiers = new Tiers(base.plan());
        Tiers headTiers = new Tiers(head.plan());

        Set<String> addresses = new TreeSet<>(before.keySet());
        addresses.addAll(after.keySet());
        List<ResourceChange> changes = new ArrayList<>();
        for (String address : addresses) {
            PlannedResource b = before.get(address);
            PlannedResource a = after.get(address);
            CostDelta cost = new CostDelta(monthly(beforeCost.get(address)), monthly(afterCost.get(address)));
            PlannedResource either = a != null ? a : b;
            String tier = a != null ? headTiers.of(a) : baseTiers.of(b);
            boolean stateful = ReplacementRules.STATEFUL.contains(either.type());
            if (b == null) {
                changes.add(new ResourceChange(ChangeKind.ADDED, address, a.type(), a.name(), tier, stateful, false, a.protect(),
                        properties(a.type(), Map.of(), a.inputs(), List.of()), cost));
            } else if (a == null) {
                changes.add(new ResourceChange(ChangeKind.REMOVED, address, b.type(), b.name(), tier, stateful, b.protect(), false,
                        List.of(), cost));
            } else {
                List<PropertyChange> properties = properties(a.type(), b.inputs(), a.inputs(), a.replaceOnChanges());
                if (properties.isEmpty() && a.protect() == b.protect() && !cost.changed()) {
                    continue;
                }
                boolean replaced = properties.stream().anyMatch(PropertyChange::forcesReplacement);
                changes.add(new ResourceChange(replaced ? ChangeKind.REPLACED : ChangeKind.CHANGED, address, a.type(), a.name(), tier,
                        stateful, b.protect(), a.protect(), properties, cost));
            }
        }
        changes.sort(Comparator.comparing(ResourceChange::kind).thenComparing(ResourceChange::address));

        SortedMap<String, CostDelta> byTier = new TreeMap<>();
        Set<String> tiers = new TreeSet<>(baseCost.byTier().keySet());
        tiers.addAll(headCost.byTier().keySet());
        for (String tier : tiers) {
            byTier.put(tier, new CostDelta(baseCost.byTier().getOrDefault(tier, BigDecimal.ZERO), headCost.byTier().getOrDefault(tier, BigDecimal.ZERO)));
        }
        return new PlanDiff(base.plan().stack(), head.plan().stack(), alerts(changes), List.copyOf(changes),
                policyChanges(base, head), new CostDelta(baseCost.totalUsd(), headCost.totalUsd()), byTier, baseCost, headCost);
    }

    public long count(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    // --- alerts ----------------------------------------------------------------------------------------------

    private static List<Alert> alerts(List<ResourceChange> changes) {
        List<Alert> alerts = new ArrayList<>();
        for (ResourceChange c : changes) {
            String what = c.type() + " " + c.name();
            if (c.stateful() && c.kind() == ChangeKind.REMOVED) {
                alerts.add(new Alert(c.address(), "DELETES " + what + " and the data in it"
                        + (c.protectBefore() ? " (it is protected: pulumi up refuses until it is unprotected)" : "")));
            }
            if (c.stateful() && c.kind() == ChangeKind.REPLACED) {
                alerts.add(new Alert(c.address(), "REPLACES " + what + " (a new, empty one is created; the data does not move) because "
                        + String.join(", ", c.replacementCauses()) + " cannot change in place"));
            }
            if (c.protectBefore() && c.kind() != ChangeKind.REMOVED && !c.protectAfter()) {
                alerts.add(new Alert(c.address(), "LOSES protect: " + what + " could then be deleted by a later change"));
            }
            for (PropertyChange p : c.properties()) {
                if ((p.path().equals("deletionProtection") || p.path().equals("skipFinalSnapshot") && "true".equals(p.after()))
                        && !Objects.equals(p.before(), p.after()) && ("true".equals(p.before()) || p.path().equals("skipFinalSnapshot"))) {
                    alerts.add(new Alert(c.address(), (p.path().equals("deletionProtection") ? "turns off deletion protection of " : "skips the final snapshot of ") + what));
                }
            }
        }
        return List.copyOf(alerts);
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
