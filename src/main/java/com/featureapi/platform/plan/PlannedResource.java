package com.featureapi.platform.plan;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One registration the program made, as the Pulumi engine would receive it.
 *
 * @param urn                  the resource's URN
 * @param type                 type token, for example {@code aws:ec2/subnet:Subnet} or {@code platform:network:Network}
 * @param name                 logical name
 * @param parent               parent URN ({@code ""} for the stack itself)
 * @param custom               true for a cloud resource, false for a component
 * @param provider             provider reference ({@code <urn>::<id>}), {@code ""} when the default applies
 * @param inputs               the inputs, secrets as {@code "[secret]"}, unknowns as {@code "[unknown]"}
 * @param dependencies         URNs this resource depends on
 * @param propertyDependencies per input, the URNs its value came from
 * @param protect              Pulumi refuses to delete it
 * @param retainOnDelete       deleting it in Pulumi leaves it in AWS
 * @param deleteBeforeReplace  replaced by delete-then-create
 * @param ignoreChanges        inputs whose changes are ignored after creation
 * @param replaceOnChanges     inputs whose changes force a replacement
 * @param additionalSecretOutputs outputs marked secret on top of the provider's own
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        String parent,
        boolean custom,
        String provider,
        SortedMap<String, Object> inputs,
        List<String> dependencies,
        SortedMap<String, List<String>> propertyDependencies,
        boolean protect,
        boolean retainOnDelete,
        boolean deleteBeforeReplace,
        List<String> ignoreChanges,
        List<String> replaceOnChanges,
        List<String> additionalSecretOutputs) {

    /** An input by dotted path ({@code scalingConfig.desiredSize}), or null. */
    @SuppressWarnings("unchecked")
    public Object input(String path) {
        Object current = inputs;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.matches("\\d+")) {
                int index = Integer.parseInt(part);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
