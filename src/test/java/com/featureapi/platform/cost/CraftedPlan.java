package com.featureapi.platform.cost;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small plan written by hand, in the shape {@code plan.json} has: a stack, tier components, resources with
 * inputs as the program would send them. For pricing and diff rules whose resources the real program does
 * not create (yet), or in a variant the project's stacks do not have.
 */
public final class CraftedPlan {

    private final String stack;
    private final SortedMap<String, String> config = new TreeMap<>();
    private final List<PlannedResource> resources = new ArrayList<>();

    private CraftedPlan(String stack, String region) {
        this.stack = stack;
        config.put("aws:region", region);
        config.put("platform:network", "{\"availabilityZones\":[\"" + region + "a\",\"" + region + "b\",\"" + region + "c\"]}");
        resources.add(resource("pulumi:pulumi:Stack", "platform-" + stack, "", false, Map.of(), false));
    }

    public static CraftedPlan of(String stack) {
        return new CraftedPlan(stack, "us-east-1");
    }

    public static CraftedPlan of(String stack, String region) {
        return new CraftedPlan(stack, region);
    }

    public CraftedPlan config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Adds a resource under the component of {@code tier} ({@code platform:<tier>:<Tier>}), created on first use. */
    public CraftedPlan add(String tier, String type, String name, Map<String, Object> inputs) {
        return add(tier, type, name, inputs, false, Map.of());
    }

    public CraftedPlan add(String tier, String type, String name, Map<String, Object> inputs, boolean protect,
                           Map<String, List<String>> propertyDependencies) {
        String componentType = "platform:" + tier + ":" + Character.toUpperCase(tier.charAt(0)) + tier.substring(1);
        String componentUrn = urn(componentType, tier);
        if (resources.stream().noneMatch(r -> r.urn().equals(componentUrn))) {
            resources.add(new PlannedResource(componentUrn, componentType, tier, urn("pulumi:pulumi:Stack", "platform-" + stack), false, "",
                    new TreeMap<>(), List.of(), new TreeMap<>(), false, false, false, List.of(), List.of(), List.of()));
        }
        resources.add(new PlannedResource(urn(componentType + "$" + type, name), type, name, componentUrn, true,
                "urn:pulumi:" + stack + "::platform::pulumi:providers:aws::aws::0000", new TreeMap<>(inputs), List.of(),
                new TreeMap<>(propertyDependencies), protect, false, false, List.of(), List.of(), List.of()));
        return this;
    }

    public String urnOf(String tier, String type, String name) {
        String componentType = "platform:" + tier + ":" + Character.toUpperCase(tier.charAt(0)) + tier.substring(1);
        return urn(componentType + "$" + type, name);
    }

    private PlannedResource resource(String type, String name, String parent, boolean custom, Map<String, Object> inputs, boolean protect) {
        return new PlannedResource(urn(type, name), type, name, parent, custom, "", new TreeMap<>(inputs), List.of(), new TreeMap<>(),
                protect, false, false, List.of(), List.of(), List.of());
    }

    private String urn(String typePath, String name) {
        return "urn:pulumi:" + stack + "::platform::" + typePath + "::" + name;
    }

    public Plan build() {
        List<PlannedResource> sorted = new ArrayList<>(resources);
        sorted.sort((a, b) -> a.urn().compareTo(b.urn()));
        return new Plan("platform", stack, new TreeMap<>(config), List.copyOf(sorted), new TreeMap<>());
    }
}
