package com.featureapi.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cursor over one object of structured stack config. Every read records the key as known and
 * reports type and range problems (with the full key path) instead of throwing, so that loading
 * goes on and reports every problem at once. Reads of a bad value return a neutral default; the
 * loader throws before anything uses it.
 */
final class ConfigNode {

    private final String path;
    private final JsonNode node;
    private final ConfigProblems problems;
    private final Set<String> knownKeys = new LinkedHashSet<>();

    ConfigNode(String path, JsonNode node, ConfigProblems problems) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problems.ofKey(path, this.node.toString(), "must be an object of settings");
        }
    }

    String path() {
        return path;
    }

    String keyPath(String key) {
        return path + "." + key;
    }

    boolean has(String key) {
        knownKeys.add(key);
        return node.isObject() && node.has(key) && !node.get(key).isNull();
    }

    ConfigProblems problems() {
        return problems;
    }

    // ---- scalars ---------------------------------------------------------------------------

    String requiredString(String key, String example) {
        if (!has(key)) {
            problems.missing(keyPath(key), example);
            return "";
        }
        return text(key);
    }

    String string(String key, String defaultValue) {
        return has(key) ? text(key) : defaultValue;
    }

    Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    String matching(String key, String defaultValue, Pattern pattern, String rule) {
        String value = string(key, defaultValue);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.ofKey(keyPath(key), value, rule);
        }
        return value;
    }

    String oneOf(String key, String defaultValue, List<String> allowed) {
        String value = string(key, defaultValue);
        if (!allowed.contains(value)) {
            problems.ofKey(keyPath(key), value, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    int integer(String key, int defaultValue, int min, int max) {
        if (!has(key)) {
            return defaultValue;
        }
        return checkedInteger(key, min, max);
    }

    int requiredInteger(String key, int min, int max) {
        if (!has(key)) {
            problems.missing(keyPath(key), key + ": " + min);
            return min;
        }
        return checkedInteger(key, min, max);
    }

    /** An integer that must be one of a fixed set (CloudWatch Logs retention, for example). */
    int integerIn(String key, int defaultValue, Set<Integer> allowed, String setName) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (!value.isInt() || !allowed.contains(value.intValue())) {
            problems.ofKey(keyPath(key), value.asText(), "must be one of the " + setName + ": " + allowed);
            return defaultValue;
        }
        return value.intValue();
    }

    boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonNode value = node.get(key);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return Boolean.parseBoolean(value.textValue());
        }
        problems.ofKey(keyPath(key), value.asText(), "must be true or false");
        return defaultValue;
    }

    // ---- collections -----------------------------------------------------------------------

    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            problems.ofKey(keyPath(key), value.toString(), "must be a list, for example [a, b]");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isValueNode() && !item.isNull()) {
                result.add(item.asText());
            } else {
                problems.ofKey(keyPath(key) + "[" + i + "]", item.toString(), "must be a plain value");
            }
        }
        return result;
    }

    Map<String, String> stringMap(String key) {
        if (!has(key)) {
            return Map.of();
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            problems.ofKey(keyPath(key), value.toString(), "must be a map of names to values");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                result.put(entry.getKey(), entry.getValue().asText());
            } else {
                problems.ofKey(keyPath(key) + "." + entry.getKey(), entry.getValue().toString(), "must be a plain value");
            }
        }
        return result;
    }

    ConfigNode object(String key) {
        return new ConfigNode(keyPath(key), has(key) ? node.get(key) : null, problems);
    }

    List<ConfigNode> objects(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            problems.ofKey(keyPath(key), value.toString(), "must be a list of objects");
            return List.of();
        }
        List<ConfigNode> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            result.add(new ConfigNode(keyPath(key) + "[" + i + "]", value.get(i), problems));
        }
        return result;
    }

    /** Reports every key of this object that no read asked for, with the closest known key. */
    void rejectUnknownKeys() {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!knownKeys.contains(key)) {
                String value = node.get(key).isValueNode() ? node.get(key).asText() : null;
                String rule = Suggestions.unknownKeyRule(key, knownKeys);
                java.util.Optional<String> meant = Suggestions.closest(key, knownKeys).filter(m -> !node.has(m));
                if (meant.isPresent()) {
                    problems.misspelt(keyPath(key), value, rule, keyPath(meant.get()));
                } else {
                    problems.ofKey(keyPath(key), value, rule);
                }
            }
        }
    }

    private String text(String key) {
        JsonNode value = node.get(key);
        if (!value.isValueNode()) {
            problems.ofKey(keyPath(key), value.toString(), "must be a plain value, not a list or map");
            return "";
        }
        return value.asText();
    }

    private int checkedInteger(String key, int min, int max) {
        JsonNode value = node.get(key);
        Integer parsed = null;
        if (value.isInt()) {
            parsed = value.intValue();
        } else if (value.isTextual() && value.textValue().matches("-?\\d{1,9}")) {
            parsed = Integer.parseInt(value.textValue());
        }
        if (parsed == null || value.getNodeType() == JsonNodeType.BOOLEAN) {
            problems.ofKey(keyPath(key), value.asText(), "must be a whole number from " + min + " to " + max);
            return min;
        }
        if (parsed < min || parsed > max) {
            problems.ofKey(keyPath(key), parsed.toString(), "must be from " + min + " to " + max);
        }
        return parsed;
    }
}
