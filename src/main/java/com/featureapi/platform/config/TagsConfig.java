package com.featureapi.platform.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code platform:tags}: cost-allocation tags put on every AWS resource through the provider's default tags.
 *
 * @param owner      team that owns the stack ({@code Owner})
 * @param costCenter budget the stack is billed to ({@code CostCenter})
 * @param extra      further tags, merged as given
 */
public record TagsConfig(String owner, String costCenter, Map<String, String> extra) {

    /** Every default tag for a stack: Environment, Owner, CostCenter, ManagedBy, Project, Stack and the extras. */
    public Map<String, String> defaultTags(String project, String stack, Environment environment) {
        Map<String, String> tags = new TreeMap<>(extra);
        tags.put("Environment", environment.configName());
        tags.put("Owner", owner);
        tags.put("CostCenter", costCenter);
        tags.put("ManagedBy", "pulumi");
        tags.put("Project", project);
        tags.put("Stack", stack);
        return tags;
    }

    static TagsConfig read(ConfigNode node) {
        String owner = node.requiredString("owner", "owner: platform-team");
        String costCenter = node.requiredString("costCenter", "costCenter: feature-api");
        Map<String, String> extra = node.stringMap("extra");
        node.rejectUnknownKeys();
        return new TagsConfig(owner, costCenter, extra);
    }
}
