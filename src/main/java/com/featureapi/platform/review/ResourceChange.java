package com.featureapi.platform.review;

import java.util.List;

/**
 * One resource that differs between the plans.
 *
 * @param kind        added, removed, replaced or changed in place
 * @param address     its URN without the stack ({@code platform:data:Data$aws:rds/instance:Instance::postgres}), which
 *                    is how resources of two stacks are matched
 * @param type        type token
 * @param name        logical name
 * @param tier        tier in the head plan (base plan for a removed resource)
 * @param stateful    it holds data (database, cache, bucket, key, secret, log group, volume)
 * @param protectBefore protect in the base plan
 * @param protectAfter  protect in the head plan
 * @param properties  inputs that differ, sorted by path
 * @param cost        its monthly cost before and after
 */
public record ResourceChange(
        ChangeKind kind,
        String address,
        String type,
        String name,
        String tier,
        boolean stateful,
        boolean protectBefore,
        boolean protectAfter,
        List<PropertyChange> properties,
        CostDelta cost) {

    /**
     * {@code pulumi up} stops at this resource: it is protected in the state and would be deleted, or replaced while
     * the program keeps it protected (the engine allows a replacement when either side is unprotected,
     * pulumi/pulumi#8873, never a deletion).
     */
    public boolean stopsDeploy() {
        return protectBefore && (kind == ChangeKind.REMOVED || kind == ChangeKind.REPLACED && protectAfter);
    }

    /** Inputs whose change {@code pulumi up} makes (ignored ones left out). */
    public List<PropertyChange> appliedProperties() {
        return properties.stream().filter(p -> !p.ignored()).toList();
    }

    /** Inputs under ignoreChanges that differ: the resource keeps its value. */
    public List<PropertyChange> ignoredProperties() {
        return properties.stream().filter(PropertyChange::ignored).toList();
    }

    /** The paths that force the replacement. */
    public List<String> replacementCauses() {
        return properties.stream().filter(PropertyChange::forcesReplacement).map(PropertyChange::path).toList();
    }
}
