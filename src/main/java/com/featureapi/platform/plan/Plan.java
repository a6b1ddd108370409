package com.featureapi.platform.plan;

import java.util.List;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * Everything one offline run of a stack registered: the content of {@code plan.json}.
 *
 * @param project   Pulumi project name
 * @param stack     stack name
 * @param config    the stack's config as passed to the program, secrets as {@code "[secret]"}
 * @param resources every registration, sorted by URN
 * @param outputs   the stack outputs, secrets as {@code "[secret]"}
 */
public record Plan(
        String project,
        String stack,
        SortedMap<String, String> config,
        List<PlannedResource> resources,
        SortedMap<String, Object> outputs) {

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public PlannedResource one(String type, String name) {
        List<PlannedResource> found = resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + type + " named " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    public List<PlannedResource> where(Predicate<PlannedResource> predicate) {
        return resources.stream().filter(predicate).toList();
    }

    public PlannedResource byUrn(String urn) {
        return resources.stream().filter(r -> r.urn().equals(urn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resource " + urn));
    }
}
