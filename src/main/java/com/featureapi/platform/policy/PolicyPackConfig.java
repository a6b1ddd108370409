package com.featureapi.platform.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;
import pulumirpc.AnalyzerOuterClass.EnforcementLevel;
import pulumirpc.AnalyzerOuterClass.PolicyConfig;
import pulumirpc.AnalyzerOuterClass.PolicyInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pack's config for one stack, in the format of {@code pulumi preview --policy-pack-config FILE}:
 * {@code {"<policy>": "<level>"}} or {@code {"<policy>": {"enforcementLevel": ..., "<property>": ...}}},
 * and {@code "all"} for every policy. As the CLI does, properties the file leaves out take the defaults of
 * the policy's config schema, and the file is checked against the pack before anything runs.
 */
final class PolicyPackConfig {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEVELS = List.of("advisory", "mandatory", "remediate", "disabled");

    private PolicyPackConfig() {
    }

    /** The Configure request's map for every policy of the pack, or an error naming each bad entry of the file. */
    static Map<String, PolicyConfig> resolve(AnalyzerInfo info, Optional<Path> file) {
        JsonNode given = file.map(PolicyPackConfig::read).orElse(JsonNodeFactory.instance.objectNode());
        String source = file.map(Path::toString).orElse("");
        List<String> problems = new ArrayList<>();
        Map<String, PolicyInfo> byName = new LinkedHashMap<>();
        info.getPoliciesList().forEach(p -> byName.put(p.getName(), p));

        Optional<EnforcementLevel> all = Optional.empty();
        Iterator<Map.Entry<String, JsonNode>> entries = given.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (name.equals("all")) {
                all = level(entry.getValue(), source + ": all", problems);
                continue;
            }
            PolicyInfo policy = byName.get(name);
            if (policy == null) {
                problems.add(source + ": \"" + name + "\" is not a policy of pack " + info.getName() + suggestion(name, byName.keySet()));
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                level(value, source + ": " + name, problems);
            } else if (value.isObject()) {
                value.fields().forEachRemaining(property -> {
                    if (property.getKey().equals("enforcementLevel")) {
                        level(property.getValue(), source + ": " + name + ".enforcementLevel", problems);
                    } else {
                        checkProperty(policy, property.getKey(), property.getValue(), source + ": " + name + "." + property.getKey(), problems);
                    }
                });
            } else {
                problems.add(source + ": " + name + " must be an enforcement level or an object, not " + value);
            }
        }
        if (!problems.isEmpty()) {
            throw PolicyException.invalidInput("invalid policy config (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                    + String.join("\n  - ", problems));
        }

        Map<String, PolicyConfig> result = new LinkedHashMap<>();
        for (PolicyInfo policy : byName.values()) {
            JsonNode entry = given.get(policy.getName());
            ObjectNode properties = defaults(policy);
            EnforcementLevel level = all.orElse(policy.getEnforcementLevel());
            if (entry != null && entry.isTextual()) {
                level = EnforcementLevel.valueOf(entry.asText().toUpperCase());
            } else if (entry != null) {
                ObjectNode copy = ((ObjectNode) entry).deepCopy();
                JsonNode explicit = copy.remove("enforcementLevel");
                if (explicit != null) {
                    level = EnforcementLevel.valueOf(explicit.asText().toUpperCase());
                }
                properties.setAll(copy);
            }
            result.put(policy.getName(), PolicyConfig.newBuilder().setEnforcementLevel(level).setProperties(Structs.struct(properties)).build());
        }
        return result;
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw PolicyException.invalidInput(file + ": a policy config is a JSON object of policy names");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw PolicyException.invalidInput(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw PolicyException.invalidInput("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<EnforcementLevel> level(JsonNode value, String where, List<String> problems) {
        if (value.isTextual() && LEVELS.contains(value.asText())) {
            return Optional.of(EnforcementLevel.valueOf(value.asText().toUpperCase()));
        }
        problems.add(where + " = " + value + ": the enforcement level must be one of " + String.join(", ", LEVELS));
        return Optional.empty();
    }

    private static ObjectNode defaults(PolicyInfo policy) {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        Structs.json(policy.getConfigSchema().getProperties()).fields().forEachRemaining(p -> {
            if (p.getValue().has("default")) {
                defaults.set(p.getKey(), p.getValue().get("default"));
            }
        });
        return defaults;
    }

    private static void checkProperty(PolicyInfo policy, String key, JsonNode value, String where, List<String> problems) {
        ObjectNode schema = Structs.json(policy.getConfigSchema().getProperties());
        JsonNode property = schema.get(key);
        if (property == null) {
            List<String> known = new ArrayList<>();
            schema.fieldNames().forEachRemaining(known::add);
            problems.add(where + ": policy " + policy.getName() + " has no config property \"" + key + "\""
                    + (known.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", known) + ")"));
            return;
        }
        String type = property.path("type").asText("");
        boolean ok = switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "string" -> value.isTextual();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
        if (!ok) {
            problems.add(where + " = " + value + ": must be " + (type.equals("integer") ? "an integer" : "a " + type));
        } else if (property.has("minimum") && value.isNumber() && value.asDouble() < property.get("minimum").asDouble()) {
            problems.add(where + " = " + value + ": must be at least " + property.get("minimum").asText());
        }
    }

    private static String suggestion(String name, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            int d = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? "; did you mean \"" + best + "\"?" : "";
    }
}
