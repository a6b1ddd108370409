package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a {@code plan.json} (docs/plan-schema.md) back into a {@link Plan}, every field of a resource included
 * (a plan written and read back is equal to the one written). Fields it does not know (added by later builds,
 * such as the {@code policies} section) are kept in the raw document and otherwise ignored, so tools built on
 * this read plans of newer builds too.
 */
public final class PlanReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanReader() {
    }

    /** A plan with the JSON document it was read from. */
    public record PlanDocument(Plan plan, JsonNode document) {
    }

    public static PlanDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw PlanException.invalidInput("no plan at " + file + "; write one with ./platform plan --stack NAME");
        } catch (IOException e) {
            throw PlanException.invalidInput("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * One resource entry, read field by field from the tree (rather than by Jackson's record deserializer, whose
     * introspection costs a few hundred milliseconds of class loading in a short-lived CLI).
     */
    private static PlannedResource resource(JsonNode r) {
        SortedMap<String, Object> inputs = new TreeMap<>(JSON.convertValue(r.path("inputs"), new TypeReference<Map<String, Object>>() { }));
        SortedMap<String, List<String>> propertyDependencies = new TreeMap<>();
        r.path("propertyDependencies").fields().forEachRemaining(e -> propertyDependencies.put(e.getKey(), strings(e.getValue())));
        return new PlannedResource(r.path("urn").asText(), r.path("type").asText(), r.path("name").asText(), r.path("parent").asText(),
                r.path("custom").asBoolean(), r.path("provider").asText(), inputs, strings(r.path("dependencies")), propertyDependencies,
                r.path("protect").asBoolean(), r.path("retainOnDelete").asBoolean(), r.path("deleteBeforeReplace").asBoolean(),
                strings(r.path("ignoreChanges")), strings(r.path("replaceOnChanges")), strings(r.path("additionalSecretOutputs")),
                r.path("rendered").asBoolean(),
                r.has("chartRendered") ? r.path("chartRendered").asBoolean() : null,
                r.has("chartRenderedReason") ? r.path("chartRenderedReason").asText() : null,
                r.has("registeredOutputs")
                        ? new TreeMap<>(JSON.convertValue(r.path("registeredOutputs"), new TypeReference<Map<String, Object>>() { })) : null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return List.copyOf(result);
    }

    public static PlanDocument parse(String json, String origin) {
        try {
            JsonNode document = JSON.readTree(json);
            if (document == null || !document.isObject() || !document.has("resources")) {
                throw PlanException.invalidInput(origin + " is not a plan.json (no \"resources\"); see docs/plan-schema.md");
            }
            int version = document.path("schemaVersion").asInt(0);
            if (version < 1 || version > PlanWriter.SCHEMA_VERSION) {
                throw PlanException.invalidInput(origin + " has schemaVersion " + document.path("schemaVersion")
                        + "; this build reads version 1 to " + PlanWriter.SCHEMA_VERSION);
            }
            List<PlannedResource> resources = new ArrayList<>();
            for (JsonNode r : document.path("resources")) {
                resources.add(resource(r));
            }
            SortedMap<String, String> config = JSON.convertValue(document.path("config"), new TypeReference<TreeMap<String, String>>() { });
            SortedMap<String, Object> outputs = JSON.convertValue(document.path("outputs"), new TypeReference<TreeMap<String, Object>>() { });
            Plan plan = new Plan(document.path("project").asText(), document.path("stack").asText(),
                    config == null ? new TreeMap<>() : config, List.copyOf(resources), outputs == null ? new TreeMap<>() : outputs);
            return new PlanDocument(plan, document);
        } catch (IOException e) {
            throw PlanException.invalidInput(origin + " is not valid JSON: " + e.getMessage());
        }
    }
}
