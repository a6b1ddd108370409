package com.featureapi.platform.review;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources of a {@link PlanDiff} as the diagram draws them: each with its dependencies from the plan
 * it is in (the head plan; the base plan for a removed resource), by address, so that the arrows of a
 * removed resource point at what it used to wait for.
 */
public final class DiagramResources {

    private DiagramResources() {
    }

    public static List<DiagramResource> of(PlanDiff diff, Plan base, Plan head) {
        return of(diff.changes(), base, head);
    }

    /** The diagram's resources of some of a diff's changes (a review leaves out what it folds). */
    public static List<DiagramResource> of(List<ResourceChange> changes, Plan base, Plan head) {
        Map<String, PlannedResource> before = byAddress(base);
        Map<String, PlannedResource> after = byAddress(head);
        return changes.stream().map(c -> {
            PlannedResource resource = c.kind() == ChangeKind.REMOVED ? before.get(c.address()) : after.get(c.address());
            List<String> dependencies = resource == null ? List.of()
                    : resource.dependencies().stream().map(PlanDiff::address).distinct().sorted().toList();
            boolean atRisk = c.stateful() && (c.kind() == ChangeKind.REMOVED || c.kind() == ChangeKind.REPLACED);
            return new DiagramResource(c.address(), c.type(), c.name(), c.tier(), c.kind(), atRisk, dependencies);
        }).toList();
    }

    /** The fenced Mermaid block of a diff; empty when nothing changed. */
    public static String markdown(PlanDiff diff, Plan base, Plan head) {
        return MermaidDiagram.markdown(of(diff, base, head));
    }

    /** The fenced Mermaid block of some of a diff's changes; empty when there are none. */
    public static String markdown(List<ResourceChange> changes, Plan base, Plan head) {
        return MermaidDiagram.markdown(of(changes, base, head));
    }

    private static Map<String, PlannedResource> byAddress(Plan plan) {
        Map<String, PlannedResource> map = new HashMap<>();
        plan.resources().forEach(r -> map.put(PlanDiff.address(r.urn()), r));
        return map;
    }
}
