package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;

import java.util.List;
import java.util.Map;

/**
 * The feature-api chart as the offline plan rendered it (helm-java, with the release's values of that stack):
 * one render per stack, shared by every test through {@link PlannedStacks}.
 */
final class RenderedChart {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RenderedChart() {
    }

    static List<PlannedResource> objects(String stack) {
        return objects(PlannedStacks.of(stack));
    }

    /** The chart's objects in any plan (an edited copy of a fixture stack, for example). */
    static List<PlannedResource> objects(Plan plan) {
        String release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api").urn();
        return plan.where(r -> r.rendered() && r.parent().equals(release));
    }

    static Map<String, Object> manifest(String stack, String kind, String name) {
        return manifest(PlannedStacks.of(stack), kind, name);
    }

    static Map<String, Object> manifest(Plan plan, String kind, String name) {
        String stack = plan.stack();
        List<PlannedResource> found = objects(plan).stream()
                .filter(r -> r.type().endsWith(":" + kind) && r.name().equals("feature-api/" + name)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + kind + " " + name + " in the " + stack + " plan, found " + found.size());
        }
        return found.get(0).inputs();
    }

    /** A rendered object as a fabric8 model, failing on any field the model does not know. */
    static <T> T typed(String stack, String kind, String name, Class<T> type) {
        return typed(PlannedStacks.of(stack), kind, name, type);
    }

    static <T> T typed(Plan plan, String kind, String name, Class<T> type) {
        return StrictKubernetesModel.parse(manifest(plan, kind, name), type);
    }
}
