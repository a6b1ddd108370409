package com.featureapi.platform.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pulumi property paths ({@code scalingConfig.desiredSize}, {@code spec.template.metadata.annotations["x"]},
 * {@code rules[0].port}) as lists of keys, to read a value, replace it, and tell whether one path covers another
 * (the way ignoreChanges and replaceOnChanges are matched: a path covers itself and everything inside it).
 */
final class PropertyPaths {

    private PropertyPaths() {
    }

    /** The keys of a path: dots separate keys, {@code [n]} is an index, {@code ["k"]} a quoted key, {@code [*]} any. */
    static List<String> keys(String path) {
        List<String> keys = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                flush(current, keys);
            } else if (c == '[') {
                flush(current, keys);
                int end = path.indexOf(']', i);
                String inside = path.substring(i + 1, end < 0 ? path.length() : end);
                keys.add(inside.replace("\"", ""));
                i = end < 0 ? path.length() : end;
            } else {
                current.append(c);
            }
        }
        flush(current, keys);
        return keys;
    }

    private static void flush(StringBuilder current, List<String> keys) {
        if (current.length() > 0) {
            keys.add(current.toString());
            current.setLength(0);
        }
    }

    /** True when {@code outer} is {@code path} or a path above it. */
    static boolean covers(String outer, String path) {
        List<String> o = keys(outer);
        List<String> p = keys(path);
        if (o.size() > p.size()) {
            return false;
        }
        for (int i = 0; i < o.size(); i++) {
            if (!o.get(i).equals("*") && !o.get(i).equals(p.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code inputs} whose value at {@code path} is {@code from}'s value there (removed where {@code from} has none). */
    static SortedMap<String, Object> withValueOf(Map<String, Object> inputs, Map<String, Object> from, String path) {
        List<String> keys = keys(path);
        if (keys.isEmpty() || keys.contains("*")) {
            return new TreeMap<>(inputs);
        }
        Object value = get(from, keys);
        @SuppressWarnings("unchecked")
        SortedMap<String, Object> copy = (SortedMap<String, Object>) copyWith(inputs, keys, 0, value);
        return copy;
    }

    static Object get(Object root, List<String> keys) {
        Object current = root;
        for (String key : keys) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key.matches("\\d+") && Integer.parseInt(key) < list.size()) {
                current = list.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return current;
    }

    private static Object copyWith(Object node, List<String> keys, int depth, Object value) {
        String key = keys.get(depth);
        boolean last = depth == keys.size() - 1;
        if (node instanceof List<?> list && key.matches("\\d+")) {
            List<Object> copy = new ArrayList<>(list);
            int index = Integer.parseInt(key);
            if (index < copy.size()) {
                copy.set(index, last ? value : copyWith(copy.get(index), keys, depth + 1, value));
            }
            return copy;
        }
        SortedMap<String, Object> copy = new TreeMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        Object child = last ? value : copyWith(copy.get(key), keys, depth + 1, value);
        if (child == null) {
            copy.remove(key);
        } else {
            copy.put(key, child);
        }
        return copy;
    }
}
