package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a manifest into fabric8's typed Kubernetes model and fails on any field the model does not know.
 * fabric8 keeps unknown fields in each object's {@code additionalProperties} instead of rejecting them, so
 * after parsing, every model object of the tree is walked and a non-empty {@code additionalProperties}
 * fails with its path: a misspelt {@code readinesProbe} or {@code runAsNonroot} cannot pass.
 */
final class StrictKubernetesModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictKubernetesModel() {
    }

    static <T> T parse(Map<String, Object> manifest, Class<T> type) {
        T parsed = JSON.convertValue(manifest, type);
        List<String> unknown = new ArrayList<>();
        walk(parsed, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(type.getSimpleName() + " has fields the Kubernetes API does not know: " + unknown);
        }
        return parsed;
    }

    private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!(node instanceof KubernetesResource) && !node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (property.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (value != null && (value.getClass().getPackageName().startsWith("io.fabric8") || value instanceof Collection<?>
                    || (value instanceof Map<?, ?> && !property.equals("labels") && !property.equals("annotations")))) {
                walk(value, path + "." + property, unknown, seen);
            }
        }
    }
}
