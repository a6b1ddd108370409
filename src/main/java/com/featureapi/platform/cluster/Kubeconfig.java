package com.featureapi.platform.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig for the Kubernetes provider: the cluster's endpoint and CA, with credentials from the
 * {@code aws eks get-token} exec plugin, so no token is ever stored in the state.
 */
final class Kubeconfig {

    // Sorted keys: the same cluster always renders the same text (no false diffs in previews).
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Kubeconfig() {
    }

    static String render(String clusterName, String region, String endpoint, String certificateAuthority) {
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "aws");
        exec.put("args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(Map.of("name", clusterName, "cluster",
                Map.of("server", endpoint, "certificate-authority-data", certificateAuthority))));
        config.put("contexts", List.of(Map.of("name", clusterName, "context", Map.of("cluster", clusterName, "user", clusterName))));
        config.put("current-context", clusterName);
        config.put("users", List.of(Map.of("name", clusterName, "user", Map.of("exec", exec))));
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the kubeconfig", e);
        }
    }
}
