package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.catalog.SensitiveInputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one reader of {@code plan.json} (docs/plan-schema.md) for every command: it validates the document once
 * (an object of a {@code schemaVersion} this build knows, {@code resources} an array of resource objects, every
 * field of the kind the schema gives it) and reads it back into a {@link Plan}, every field of a resource
 * included (a plan written and read back is equal to the one written). Sections it does not model (the
 * {@code policies} verdicts, the {@code summary}) stay in {@link PlanDocument#document()}.
 * Its messages name the file, the resource and the field, never the JSON library's own wording.
 */
public final class PlanReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "; see docs/plan-schema.md";

    private static final List<String> STRING_FIELDS = List.of("parent", "provider", "chartRenderedReason");
    private static final List<String> BOOLEAN_FIELDS = List.of("custom", "protect", "retainOnDelete", "deleteBeforeReplace",
            "rendered", "chartRendered");
    private static final List<String> STRING_LIST_FIELDS = List.of("dependencies", "ignoreChanges", "replaceOnChanges",
            "additionalSecretOutputs");
    private static final List<String> OBJECT_FIELDS = List.of("inputs", "propertyDependencies", "registeredOutputs");

    private PlanReader() {
    }

    /** A plan with the JSON document it was read from (its {@code policies} section and anything newer). */
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

    public static PlanDocument parse(String json, String origin) {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw PlanException.invalidInput(origin + " is not valid JSON" + where + ": "
                    + (e instanceof JsonEOFException ? "the text ends before the document is complete"
                    : "unexpected text there (a missing comma, quote or bracket?)") + SCHEMA);
        }
        if (document == null || document.isMissingNode()) {
            throw PlanException.invalidInput(origin + " is empty, not a plan.json" + SCHEMA);
        }
        if (!document.isObject()) {
            throw PlanException.invalidInput(origin + " is not a plan.json: expected a JSON object with \"schemaVersion\" and \"resources\"" + SCHEMA);
        }
        schemaVersion(document, origin);
        JsonNode list = document.get("resources");
        if (list == null || !list.isArray()) {
            throw PlanException.invalidInput(origin + " is not a plan.json: \"resources\" must be an array of resource objects"
                    + (list == null ? ", and there is none" : ", not " + kind(list)) + SCHEMA);
        }
        List<PlannedResource> resources = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            resources.add(resource(list.get(i), origin + ": resources[" + i + "]"));
        }
        Plan plan = new Plan(text(document, "project", origin), text(document, "stack", origin),
                stringMap(document.get("config"), origin + ": \"config\""), List.copyOf(resources),
                object(document.get("outputs"), origin + ": \"outputs\""));
        return new PlanDocument(plan, document);
    }

    private static void schemaVersion(JsonNode document, String origin) {
        JsonNode version = document.get("schemaVersion");
        String range = "this build reads version 1 to " + PlanWriter.SCHEMA_VERSION;
        if (version == null) {
            throw PlanException.invalidInput(origin + " has no \"schemaVersion\" (" + range + ")" + SCHEMA);
        }
        if (!version.canConvertToExactIntegral() || !version.isNumber()) {
            throw PlanException.invalidInput(origin + " has schemaVersion " + version + ", not a whole number (" + range + ")" + SCHEMA);
        }
        int v = version.asInt();
        if (v < 1) {
            throw PlanException.invalidInput(origin + " has schemaVersion " + v + "; " + range + SCHEMA);
        }
        if (v > PlanWriter.SCHEMA_VERSION) {
            throw PlanException.invalidInput(origin + " has schemaVersion " + v + "; " + range
                    + " (it was written by a newer build: plan it again with this one, or update this checkout)");
        }
    }

    /**
     * One resource entry, read field by field from the tree (rather than by Jackson's record deserializer, whose
     * introspection costs a few hundred milliseconds of class loading in a short-lived CLI).
     */
    private static PlannedResource resource(JsonNode r, String where) {
        if (!r.isObject()) {
            throw PlanException.invalidInput(where + " is " + kind(r) + ", not a resource object" + SCHEMA);
        }
        for (String field : List.of("urn", "type", "name")) {
            if (!r.path(field).isTextual()) {
                throw PlanException.invalidInput(where + " has no \"" + field + "\" string" + SCHEMA);
            }
        }
        String named = where + " (" + r.get("urn").asText() + ")";
        for (String field : STRING_FIELDS) {
            expect(r, field, JsonNode::isTextual, "a string", named);
        }
        for (String field : BOOLEAN_FIELDS) {
            expect(r, field, JsonNode::isBoolean, "true or false", named);
        }
        for (String field : STRING_LIST_FIELDS) {
            expect(r, field, PlanReader::isStringArray, "an array of strings", named);
        }
        for (String field : OBJECT_FIELDS) {
            expect(r, field, JsonNode::isObject, "an object", named);
        }
        SortedMap<String, List<String>> propertyDependencies = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> deps = r.path("propertyDependencies").fields();
        while (deps.hasNext()) {
            Map.Entry<String, JsonNode> dep = deps.next();
            if (!isStringArray(dep.getValue())) {
                throw PlanException.invalidInput(named + " has propertyDependencies." + dep.getKey() + " of the wrong kind: expected an array of URN strings" + SCHEMA);
            }
            propertyDependencies.put(dep.getKey(), strings(dep.getValue()));
        }
        String type = r.get("type").asText();
        List<String> secretOutputs = strings(r.path("additionalSecretOutputs"));
        // A plan of an older build (the base commit of a review) may hold sensitive inputs in clear: masked on reading.
        SortedMap<String, Object> inputs = SensitiveInputs.mask(type, secretOutputs, object(r.get("inputs"), named));
        return new PlannedResource(r.get("urn").asText(), type, r.get("name").asText(), r.path("parent").asText(),
                r.path("custom").asBoolean(), r.path("provider").asText(), inputs, strings(r.path("dependencies")),
                propertyDependencies, r.path("protect").asBoolean(), r.path("retainOnDelete").asBoolean(), r.path("deleteBeforeReplace").asBoolean(),
                strings(r.path("ignoreChanges")), strings(r.path("replaceOnChanges")), secretOutputs,
                r.path("rendered").asBoolean(),
                r.has("chartRendered") ? r.get("chartRendered").asBoolean() : null,
                r.has("chartRenderedReason") ? r.get("chartRenderedReason").asText() : null,
                r.has("registeredOutputs") ? object(r.get("registeredOutputs"), named) : null);
    }

    private static void expect(JsonNode r, String field, java.util.function.Predicate<JsonNode> ok, String expected, String where) {
        JsonNode value = r.get(field);
        if (value != null && !ok.test(value)) {
            throw PlanException.invalidInput(where + " has \"" + field + "\" of the wrong kind: expected " + expected + ", found " + kind(value) + SCHEMA);
        }
    }

    private static boolean isStringArray(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>(array.size());
        array.forEach(n -> result.add(n.asText()));
        return List.copyOf(result);
    }

    private static String text(JsonNode document, String field, String origin) {
        JsonNode value = document.get(field);
        if (value != null && !value.isTextual()) {
            throw PlanException.invalidInput(origin + " has \"" + field + "\" of the wrong kind: expected a string, found " + kind(value) + SCHEMA);
        }
        return value == null ? "" : value.asText();
    }

    /** An object field as plain Java values (absent: empty). */
    private static SortedMap<String, Object> object(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return new TreeMap<>();
        }
        if (!node.isObject()) {
            throw PlanException.invalidInput(where + " is " + kind(node) + ", expected an object" + SCHEMA);
        }
        return new TreeMap<>(JSON.convertValue(node, new TypeReference<Map<String, Object>>() { }));
    }

    private static SortedMap<String, String> stringMap(JsonNode node, String where) {
        SortedMap<String, String> result = new TreeMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw PlanException.invalidInput(where + " is " + kind(node) + ", expected an object of strings" + SCHEMA);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw PlanException.invalidInput(where + " has " + field.getKey() + " as " + kind(field.getValue())
                        + "; every config value is a string (structured values as their JSON text)" + SCHEMA);
            }
            result.put(field.getKey(), field.getValue().asText());
        }
        return result;
    }

    /** What a JSON value is, in the schema's words. */
    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true or false";
        }
        return "null";
    }
}
