package com.featureapi.platform.observability;

import com.featureapi.platform.config.NodeGroupConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.TaintConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the monitoring stack runs: on the node group labelled {@code workload: monitoring} when the stack has one
 * (production, seed 002: tainted so nothing else lands there), with a node selector and a toleration per taint;
 * anywhere when it has none (staging), so the pods still schedule.
 *
 * @param nodeSelector the node labels to select, empty when there is no monitoring group
 * @param tolerations  Kubernetes tolerations of the group's taints
 */
record Placement(Map<String, String> nodeSelector, List<Map<String, String>> tolerations) {

    static final String LABEL = "workload";
    static final String MONITORING = "monitoring";

    static Placement monitoring(PlatformConfig config) {
        return config.cluster().nodeGroups().stream()
                .filter(group -> MONITORING.equals(group.labels().get(LABEL)))
                .findFirst()
                .map(Placement::on)
                .orElse(new Placement(Map.of(), List.of()));
    }

    private static Placement on(NodeGroupConfig group) {
        List<Map<String, String>> tolerations = group.taints().stream().map(Placement::toleration).toList();
        return new Placement(Map.of(LABEL, MONITORING), tolerations);
    }

    private static Map<String, String> toleration(TaintConfig taint) {
        Map<String, String> toleration = new LinkedHashMap<>();
        toleration.put("key", taint.key());
        toleration.put("operator", "Equal");
        toleration.put("value", taint.value());
        toleration.put("effect", kubernetesEffect(taint.effect()));
        return toleration;
    }

    /** EKS spells taint effects NO_SCHEDULE, Kubernetes NoSchedule. */
    static String kubernetesEffect(String eksEffect) {
        return switch (eksEffect) {
            case "NO_SCHEDULE" -> "NoSchedule";
            case "NO_EXECUTE" -> "NoExecute";
            case "PREFER_NO_SCHEDULE" -> "PreferNoSchedule";
            default -> throw new IllegalArgumentException("unknown taint effect " + eksEffect);
        };
    }

    /** The placement as the values of a chart component ({@code nodeSelector}, {@code tolerations}). */
    Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (!nodeSelector.isEmpty()) {
            values.put("nodeSelector", nodeSelector);
            values.put("tolerations", tolerations);
        }
        return values;
    }
}
