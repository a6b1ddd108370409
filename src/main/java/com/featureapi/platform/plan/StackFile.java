package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stack's settings as the Pulumi CLI would pass them to the program: {@code Pulumi.yaml}'s project name
 * and {@code Pulumi.<stack>.yaml}'s {@code config:} with every value as text (structured values as JSON).
 *
 * <p>Secrets ({@code secure:} values) cannot be decrypted without the stack's secrets provider, so each
 * encrypted leaf becomes {@link #SECRET_PLACEHOLDER} and its whole key is marked secret, exactly as the
 * CLI marks a key holding a nested secret.
 *
 * @param config     full key ({@code platform:network}) to the value text
 * @param secretKeys keys holding a secret anywhere in their value
 */
public record StackFile(String project, String stack, Map<String, String> config, Set<String> secretKeys) {

    public static final String SECRET_PLACEHOLDER = "offline-secret-placeholder";

    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.(.+)\\.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    public StackFile {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
        secretKeys = Collections.unmodifiableSet(new TreeSet<>(secretKeys));
    }

    /** The config as a plan shows it ({@code Plan.config()}): every secret key's value is {@code "[secret]"}. */
    public java.util.SortedMap<String, String> maskedConfig() {
        java.util.SortedMap<String, String> masked = new TreeMap<>();
        config.forEach((key, value) -> masked.put(key, secretKeys.contains(key) ? StructValues.SECRET : value));
        return masked;
    }

    /** The stacks of a project: one per {@code Pulumi.<stack>.yaml}, sorted. */
    public static List<String> stacks(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
            return files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw PlanException.invalidInput("cannot list the stack files in " + projectDir + ": " + e.getMessage());
        }
    }

    public static StackFile load(Path projectDir, String stack) {
        Path projectFile = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw PlanException.invalidInput("no Pulumi.yaml in " + projectDir.toAbsolutePath().normalize()
                    + "; run from the project directory or pass --project-dir");
        }
        Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            List<String> stacks = stacks(projectDir);
            throw PlanException.invalidInput("unknown stack \"" + stack + "\": this project has "
                    + (stacks.isEmpty() ? "no stacks" : "stacks " + String.join(", ", stacks))
                    + " (files Pulumi.<stack>.yaml)");
        }
        JsonNode project = read(projectFile);
        String projectName = project.path("name").asText("");
        if (projectName.isEmpty()) {
            throw PlanException.invalidInput(projectFile.getFileName() + ": the project has no name: key");
        }
        JsonNode root = read(stackFile);
        JsonNode config = root.path("config");
        Map<String, String> values = new TreeMap<>();
        Set<String> secrets = new TreeSet<>();
        if (config.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey().contains(":") ? entry.getKey() : projectName + ":" + entry.getKey();
                JsonNode value = entry.getValue().deepCopy();
                if (isSecure(value)) {
                    secrets.add(key);
                    values.put(key, SECRET_PLACEHOLDER);
                    continue;
                }
                if (replaceSecureLeaves(value)) {
                    secrets.add(key);
                }
                values.put(key, asText(value));
            }
        } else if (!config.isMissingNode() && !config.isNull()) {
            throw PlanException.invalidInput(stackFile.getFileName() + ": config: must be a map of keys to values");
        }
        addProjectDefaults(project.path("config"), projectName, values);
        return new StackFile(projectName, stack, values, secrets);
    }

    /**
     * Project-level config of {@code Pulumi.yaml} applies to every stack that does not set the key itself:
     * a plain value, or {@code value:} / {@code default:} of a key declared with a schema. Keys of the
     * {@code pulumi:} namespace ({@code pulumi:tags}) configure the CLI, not the program, and are skipped.
     */
    private static void addProjectDefaults(JsonNode config, String projectName, Map<String, String> values) {
        if (!config.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey().contains(":") ? entry.getKey() : projectName + ":" + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject() && (value.has("value") || value.has("default"))) {
                value = value.has("value") ? value.get("value") : value.get("default");
            } else if (value.isObject() && (value.has("type") || value.has("description"))) {
                continue;
            }
            if (!key.startsWith("pulumi:") && !values.containsKey(key) && !value.isNull()) {
                values.put(key, asText(value));
            }
        }
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw PlanException.invalidInput(file.getFileName() + where + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw PlanException.invalidInput("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static boolean isSecure(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("secure");
    }

    /** Replaces every {@code secure:} leaf below {@code node} with the placeholder; true when one was found. */
    private static boolean replaceSecureLeaves(JsonNode node) {
        boolean found = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (isSecure(field.getValue())) {
                    field.setValue(TextNode.valueOf(SECRET_PLACEHOLDER));
                    found = true;
                } else {
                    found |= replaceSecureLeaves(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (isSecure(array.get(i))) {
                    array.set(i, TextNode.valueOf(SECRET_PLACEHOLDER));
                    found = true;
                } else {
                    found |= replaceSecureLeaves(array.get(i));
                }
            }
        }
        return found;
    }

    private static String asText(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw PlanException.invalidInput("cannot render a config value: " + e.getOriginalMessage());
        }
    }
}
