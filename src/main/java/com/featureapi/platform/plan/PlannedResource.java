package com.featureapi.platform.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param rendered             true for an object rendered from a local Helm chart (a child of its release, not a
 *                             registration of the program); false for everything the program registered
 * @param chartRendered        only on Helm releases: whether the plan holds the objects of the release's chart
 * @param chartRenderedReason  only on Helm releases: why (rendered with helm-java, or why not)
 * @param registeredOutputs    only on components: the outputs they registered with {@code registerOutputs}
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
        List<String> additionalSecretOutputs,
        boolean rendered,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean chartRendered,
        @JsonInclude(JsonInclude.Include.NON_NULL) String chartRenderedReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) SortedMap<String, Object> registeredOutputs) {

    /** A registration of the program (not rendered, not a release with a chart verdict). */
    public PlannedResource(String urn, String type, String name, String parent, boolean custom, String provider,
                           SortedMap<String, Object> inputs, List<String> dependencies,
                           SortedMap<String, List<String>> propertyDependencies, boolean protect, boolean retainOnDelete,
                           boolean deleteBeforeReplace, List<String> ignoreChanges, List<String> replaceOnChanges,
                           List<String> additionalSecretOutputs) {
        this(urn, type, name, parent, custom, provider, inputs, dependencies, propertyDependencies, protect, retainOnDelete,
                deleteBeforeReplace, ignoreChanges, replaceOnChanges, additionalSecretOutputs, false, null, null, null);
    }

    /** This Helm release, with whether its chart was rendered into the plan and why. */
    public PlannedResource withChartRendered(boolean chartWasRendered, String reason) {
        return new PlannedResource(urn, type, name, parent, custom, provider, inputs, dependencies, propertyDependencies, protect,
                retainOnDelete, deleteBeforeReplace, ignoreChanges, replaceOnChanges, additionalSecretOutputs, rendered,
                chartWasRendered, reason, registeredOutputs);
    }

    /** This component, with the outputs it registered ({@code registerOutputs}). */
    public PlannedResource withRegisteredOutputs(SortedMap<String, Object> outputs) {
        return new PlannedResource(urn, type, name, parent, custom, provider, inputs, dependencies, propertyDependencies, protect,
                retainOnDelete, deleteBeforeReplace, ignoreChanges, replaceOnChanges, additionalSecretOutputs, rendered,
                chartRendered, chartRenderedReason, outputs);
    }

    /** This resource with other inputs (what {@code pulumi up} would send after applying ignoreChanges, for example). */
    public PlannedResource withInputs(SortedMap<String, Object> newInputs) {
        return new PlannedResource(urn, type, name, parent, custom, provider, newInputs, dependencies, propertyDependencies, protect,
                retainOnDelete, deleteBeforeReplace, ignoreChanges, replaceOnChanges, additionalSecretOutputs, rendered,
                chartRendered, chartRenderedReason, registeredOutputs);
    }

    /** A registered output of a component by dotted path, or null. */
    public Object registeredOutput(String path) {
        return registeredOutputs == null ? null : valueAt(registeredOutputs, path);
    }

    /** An input by dotted path ({@code scalingConfig.desiredSize}), or null. */
    public Object input(String path) {
        return valueAt(inputs, path);
    }

    private static Object valueAt(Map<String, Object> root, String path) {
        Object current = root;
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
