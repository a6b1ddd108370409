package com.featureapi.platform.review;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The part of a change that a chart version bump makes on every object of a release: the {@code helm.sh/chart} and
 * {@code app.kubernetes.io/version} labels (and annotations of the same keys), on the object or on its pod template.
 * A reviewer learns nothing from 28 such rows; the review folds them into one line per release and leaves the
 * objects that change only so out of the diagram.
 */
public final class ChartRelabels {

    private static final Pattern RELABEL = Pattern.compile(
            "(^|\\.)metadata\\.(labels|annotations)\\.(helm\\.sh/chart|app\\.kubernetes\\.io/version|chart|version)$");

    private ChartRelabels() {
    }

    /** The input is a label or annotation that a chart version bump rewrites. */
    public static boolean isRelabel(PropertyChange property) {
        return RELABEL.matcher(property.path()).find();
    }

    /** The resource changes in place, and only by such labels. */
    public static boolean onlyRelabelled(ResourceChange change) {
        return change.kind() == ChangeKind.CHANGED && !change.properties().isEmpty() && !change.cost().changed()
                && change.protectBefore() == change.protectAfter() && change.properties().stream().allMatch(ChartRelabels::isRelabel);
    }

    /** The properties a reviewer should read: the change without its chart relabels. */
    public static List<PropertyChange> meaningful(ResourceChange change) {
        return change.properties().stream().filter(p -> !isRelabel(p)).toList();
    }

    /**
     * One line per Helm release whose objects change only by relabelling, with how many: release name (from the head
     * plan's parent of each object) to the count of objects folded.
     */
    public static Map<String, Integer> foldedByRelease(List<ResourceChange> changes, Plan head) {
        Map<String, String> releaseOf = new TreeMap<>();
        for (PlannedResource r : head.resources()) {
            if (r.parent() != null && r.parent().contains("kubernetes:helm.sh/v3:Release::")) {
                releaseOf.put(PlanDiff.address(r.urn()), r.parent().substring(r.parent().lastIndexOf("::") + 2));
            }
        }
        Map<String, Integer> folded = new TreeMap<>();
        for (ResourceChange c : changes) {
            if (onlyRelabelled(c)) {
                folded.merge(releaseOf.getOrDefault(c.address(), "(no release)"), 1, Integer::sum);
            }
        }
        return folded;
    }

    /** The changes to show one by one: everything but the objects folded into their release's line. */
    public static List<ResourceChange> shown(List<ResourceChange> changes) {
        List<ResourceChange> shown = new ArrayList<>();
        for (ResourceChange c : changes) {
            if (!onlyRelabelled(c)) {
                shown.add(c);
            }
        }
        return shown;
    }
}
