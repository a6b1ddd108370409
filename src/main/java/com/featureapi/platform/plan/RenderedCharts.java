package com.featureapi.platform.plan;

import com.featureapi.platform.catalog.SensitiveInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Puts the objects of every local chart into the plan: each Helm release whose chart is a directory of the
 * project is rendered with exactly the values the program gave it, and each object becomes a resource under
 * the release, marked {@code rendered}. A release of a remote chart (a repository the plan cannot reach) is
 * marked as not rendered, with its chart, version and values still in its inputs.
 */
final class RenderedCharts {

    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

    private RenderedCharts() {
    }

    static List<PlannedResource> addTo(List<PlannedResource> resources, Path projectDir) {
        List<PlannedResource> result = new ArrayList<>();
        for (PlannedResource resource : resources) {
            if (!resource.type().equals(HELM_RELEASE)) {
                result.add(resource);
                continue;
            }
            String chart = String.valueOf(resource.inputs().getOrDefault("chart", ""));
            Object repository = resource.input("repositoryOpts.repo");
            if (repository != null || !(chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/"))) {
                String version = String.valueOf(resource.inputs().getOrDefault("version", ""));
                result.add(resource.withChartRendered(false, "remote chart " + chart + (version.isEmpty() ? "" : " " + version)
                        + (repository != null ? " from " + repository : "") + ": not rendered (the plan cannot fetch charts)"));
                continue;
            }
            Path chartDir = projectDir.resolve(chart).normalize();
            if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
                // A project directory with stack files only (a copy made by a test or a script): say so in the
                // plan rather than fail, since every other tier can still be planned.
                result.add(resource.withChartRendered(false, "local chart " + chart
                        + " is not in the project directory: not rendered (pulumi up there would fail)"));
                continue;
            }
            List<PlannedResource> objects = render(resource, chartDir);
            result.add(resource.withChartRendered(true, "local chart " + chart + " rendered with helm-java: "
                    + objects.size() + " objects"));
            result.addAll(objects);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedResource> render(PlannedResource release, Path chartDir) {
        String releaseName = String.valueOf(release.inputs().getOrDefault("name", release.name()));
        String namespace = String.valueOf(release.inputs().getOrDefault("namespace", "default"));
        Object values = release.inputs().getOrDefault("values", Map.of());
        List<Map<String, Object>> manifests;
        try {
            manifests = ChartRenderer.objects(chartDir, releaseName, namespace, (Map<String, Object>) values);
        } catch (RuntimeException e) {
            throw new PlanException("Helm cannot render the chart of release " + release.name() + " with the values the program gives it: "
                    + e.getMessage(), e);
        }
        List<PlannedResource> objects = new ArrayList<>();
        for (Map<String, Object> manifest : manifests) {
            objects.add(object(release, manifest, namespace));
        }
        return objects;
    }

    /** One rendered object: type token from apiVersion and kind, name {@code <namespace>/<metadata.name>}. */
    @SuppressWarnings("unchecked")
    static PlannedResource object(PlannedResource release, Map<String, Object> manifest, String releaseNamespace) {
        String apiVersion = String.valueOf(manifest.get("apiVersion"));
        String kind = String.valueOf(manifest.get("kind"));
        Map<String, Object> metadata = (Map<String, Object>) manifest.getOrDefault("metadata", Map.of());
        String namespace = String.valueOf(metadata.getOrDefault("namespace", releaseNamespace));
        String name = namespace + "/" + metadata.get("name");
        String type = typeToken(apiVersion, kind);
        return new PlannedResource(childUrn(release.urn(), type, name), type, name, release.urn(), true, "",
                SensitiveInputs.mask(type, List.of(), sorted(manifest)), List.of(), new TreeMap<>(), false, false, false, List.of(), List.of(), List.of(),
                true, null, null, null);
    }

    /** {@code apps/v1} + {@code Deployment} to {@code kubernetes:apps/v1:Deployment}; the core group is {@code core}. */
    static String typeToken(String apiVersion, String kind) {
        return "kubernetes:" + (apiVersion.contains("/") ? apiVersion : "core/" + apiVersion) + ":" + kind;
    }

    /** The URN a child of the release would get: the release's qualified type, then the child's type and name. */
    static String childUrn(String parentUrn, String type, String name) {
        String[] parts = parentUrn.split("::", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("not a URN: " + parentUrn);
        }
        return parts[0] + "::" + parts[1] + "::" + parts[2] + "$" + type + "::" + name;
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> sorted(Map<String, Object> map) {
        SortedMap<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(key, value instanceof Map<?, ?> inner ? sorted((Map<String, Object>) inner) : value));
        return sorted;
    }
}
