package com.featureapi.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.featureapi.platform.plan.FixtureStacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fixture stack file of the tests ({@link FixtureStacks}), editable in a test: one change per test, then {@link #load()} runs
 * the loader on exactly what Pulumi would pass to the program (structured values as JSON text).
 */
final class StackConfigFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String stack;
    private final ObjectNode config;
    private final Set<String> secretKeys = new java.util.TreeSet<>();

    private StackConfigFixture(String stack) {
        this.stack = stack;
        try {
            JsonNode root = new YAMLMapper().readTree(FixtureStacks.stackFile(stack).toFile());
            this.config = (ObjectNode) root.get("config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackConfigFixture of(String stack) {
        return new StackConfigFixture(stack);
    }

    /** Sets a value inside a key: {@code set("platform:network", "subnets/database/2/cidr", "10.0.300.0/24")}. */
    StackConfigFixture set(String key, String path, Object value) {
        JsonNode parent = parentOf(key, path);
        String last = path.substring(path.lastIndexOf('/') + 1);
        JsonNode valueNode = JSON.valueToTree(value);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), valueNode);
        } else {
            ((ObjectNode) parent).set(last, valueNode);
        }
        return this;
    }

    StackConfigFixture remove(String key, String path) {
        JsonNode parent = parentOf(key, path);
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
        return this;
    }

    StackConfigFixture setKey(String key, Object value) {
        config.set(key, JSON.valueToTree(value));
        return this;
    }

    /** Marks a key as stored with {@code pulumi config set --secret}. */
    StackConfigFixture secret(String key) {
        secretKeys.add(key);
        return this;
    }

    StackConfigFixture removeKey(String key) {
        config.remove(key);
        return this;
    }

    PlatformConfig load() {
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
        }
        ConfigSource source = new ConfigSource() {
            @Override
            public Optional<String> get(String fullKey) {
                return Optional.ofNullable(values.get(fullKey));
            }

            @Override
            public StackKeys keys() {
                return new StackKeys(values.keySet(), secretKeys);
            }
        };
        return PlatformConfigLoader.load(source, "platform", stack);
    }

    private JsonNode parentOf(String key, String path) {
        JsonNode node = config.get(key);
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        return node;
    }

    /** The problems, as printed, of a config that must be rejected; fails when it loads. */
    List<String> problems() {
        InvalidConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigException.class, this::load);
        org.assertj.core.api.Assertions.assertThat(e).as("expected the config to be rejected").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
