package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human view of a plan: each tier's component tree with counts, then the stack outputs. */
public final class TextReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private TextReport() {
    }

    public static String render(Plan plan) {
        Tiers tiers = new Tiers(plan);
        Map<String, List<PlannedResource>> children = new LinkedHashMap<>();
        for (PlannedResource resource : plan.resources()) {
            children.computeIfAbsent(resource.parent(), k -> new ArrayList<>()).add(resource);
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(PlannedResource::custom)
                .thenComparing(PlannedResource::type).thenComparing(PlannedResource::name)));

        StringBuilder out = new StringBuilder();
        long custom = plan.resources().stream().filter(PlannedResource::custom).count();
        out.append("Plan of stack ").append(plan.stack()).append(" (project ").append(plan.project()).append(", ")
                .append(plan.config().getOrDefault("aws:region", "no region")).append("): ")
                .append(plan.resources().size()).append(" resources, ").append(custom).append(" in AWS and ")
                .append(plan.resources().size() - custom).append(" components\n");

        Map<String, Integer> counts = new LinkedHashMap<>();
        plan.resources().forEach(r -> counts.merge(tiers.of(r), 1, Integer::sum));
        PlannedResource stack = plan.resources().stream().filter(r -> r.parent().isEmpty()).findFirst().orElse(null);
        Map<String, List<PlannedResource>> topByTier = new LinkedHashMap<>();
        for (PlannedResource top : stack == null ? List.<PlannedResource>of() : children.getOrDefault(stack.urn(), List.of())) {
            String tier = tiers.of(top);
            if (!tier.equals(Tiers.OUTSIDE)) {
                topByTier.computeIfAbsent(tier, k -> new ArrayList<>()).add(top);
            }
        }
        topByTier.forEach((tier, tops) -> {
            out.append('\n').append(tier).append(" (").append(counts.get(tier)).append(")\n");
            tops.forEach(top -> tree(out, top, children, 1));
        });
        List<PlannedResource> outside = plan.resources().stream()
                .filter(r -> tiers.of(r).equals(Tiers.OUTSIDE) && r != stack).toList();
        out.append('\n').append(Tiers.OUTSIDE).append(" (").append(outside.size() + (stack == null ? 0 : 1)).append(")\n");
        if (stack != null) {
            line(out, stack, 1);
        }
        outside.forEach(r -> line(out, r, 2));

        if (!plan.outputs().isEmpty()) {
            out.append("\noutputs\n");
            plan.outputs().forEach((key, value) -> out.append("  ").append(key).append(" = ").append(shown(value)).append('\n'));
        }
        out.append("\ntotal: ").append(plan.resources().size()).append(" resources (")
                .append(custom).append(" custom, ").append(plan.resources().size() - custom).append(" components) in ")
                .append(topByTier.size()).append(topByTier.size() == 1 ? " tier" : " tiers").append(" and the stack\n");
        return out.toString();
    }

    /** Text as it is, structured values as compact JSON (sorted keys), the way they appear in plan.json. */
    private static String shown(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static void tree(StringBuilder out, PlannedResource node, Map<String, List<PlannedResource>> children, int depth) {
        line(out, node, depth);
        for (PlannedResource child : children.getOrDefault(node.urn(), List.of())) {
            tree(out, child, children, depth + 1);
        }
    }

    private static void line(StringBuilder out, PlannedResource resource, int depth) {
        out.append("  ".repeat(depth)).append(resource.type()).append("  ").append(resource.name());
        if (resource.protect()) {
            out.append("  [protected]");
        }
        if (resource.rendered()) {
            out.append("  [rendered]");
        }
        if (Boolean.FALSE.equals(resource.chartRendered())) {
            out.append("  [chart not rendered: remote]");
        }
        out.append('\n');
    }
}
