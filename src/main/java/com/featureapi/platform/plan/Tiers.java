package com.featureapi.platform.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tier a resource belongs to: the tier named by its outermost {@code platform:<tier>:<Name>}
 * ancestor (or itself), and {@code stack} for what sits outside every tier (providers, the stack).
 */
public final class Tiers {

    static final String OUTSIDE = "stack";
    private static final Pattern TIER_TYPE = Pattern.compile("platform:([a-zA-Z0-9]+):[A-Za-z0-9]+");

    private final Map<String, PlannedResource> byUrn = new HashMap<>();

    public Tiers(Plan plan) {
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
    }

    public String of(PlannedResource resource) {
        String tier = OUTSIDE;
        for (PlannedResource current = resource; current != null; current = byUrn.get(current.parent())) {
            Matcher m = TIER_TYPE.matcher(current.type());
            if (m.matches()) {
                tier = m.group(1);
            }
        }
        return tier;
    }
}
