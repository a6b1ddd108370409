package com.featureapi.platform.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerPropertyDependencies;
import pulumirpc.AnalyzerOuterClass.AnalyzerProviderResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResourceOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code plan.json} (docs/plan-schema.md) read as the contract it is, and turned into the requests the
 * Pulumi engine sends an analyzer: {@code AnalyzeRequest} per resource with its inputs, options and
 * provider, and {@code AnalyzerResource}s with parent and (property) dependencies for {@code AnalyzeStack}.
 * Manifests rendered from local charts ({@code "rendered": true}) are sent like typed Kubernetes resources.
 */
public final class PlanDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final List<JsonNode> resources = new ArrayList<>();
    private final Map<String, JsonNode> byUrn = new HashMap<>();

    private PlanDocument(JsonNode root, String source) {
        this.root = root;
        JsonNode list = root.get("resources");
        if (list == null || !list.isArray()) {
            throw PolicyException.invalidInput(source + " is not a plan: it has no \"resources\" array (write one with ./platform plan)");
        }
        int index = 0;
        for (JsonNode resource : list) {
            for (String field : List.of("urn", "type", "name")) {
                if (!resource.path(field).isTextual()) {
                    throw PolicyException.invalidInput(source + ": resources[" + index + "] has no \"" + field + "\" string");
                }
            }
            resources.add(resource);
            byUrn.put(resource.get("urn").asText(), resource);
            index++;
        }
    }

    public static PlanDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw PolicyException.invalidInput("cannot read the plan " + file + ": no such file (write it with ./platform plan --stack NAME)");
        } catch (IOException e) {
            throw PolicyException.invalidInput("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static PlanDocument parse(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw PolicyException.invalidInput(source + " is not a plan: expected a JSON object");
            }
            return new PlanDocument(root, source);
        } catch (JsonProcessingException e) {
            throw PolicyException.invalidInput(source + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
        }
    }

    public String stack() {
        return root.path("stack").asText("");
    }

    public String project() {
        return root.path("project").asText("");
    }

    public int resourceCount() {
        return resources.size();
    }

    /** The stack config, secret values left as they are in the plan ("[secret]"). */
    Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("config").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            config.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
        }
        return config;
    }

    List<AnalyzeRequest> analyzeRequests() {
        List<AnalyzeRequest> requests = new ArrayList<>();
        for (JsonNode r : resources) {
            AnalyzeRequest.Builder request = AnalyzeRequest.newBuilder()
                    .setType(r.get("type").asText())
                    .setUrn(r.get("urn").asText())
                    .setName(r.get("name").asText())
                    .setProperties(Structs.struct(r.get("inputs")))
                    .setOptions(options(r));
            provider(r).ifPresent(request::setProvider);
            requests.add(request.build());
        }
        return requests;
    }

    List<AnalyzerResource> stackResources() {
        List<AnalyzerResource> list = new ArrayList<>();
        for (JsonNode r : resources) {
            AnalyzerResource.Builder resource = AnalyzerResource.newBuilder()
                    .setType(r.get("type").asText())
                    .setUrn(r.get("urn").asText())
                    .setName(r.get("name").asText())
                    .setProperties(Structs.struct(r.get("inputs")))
                    .setOptions(options(r))
                    .setParent(r.path("parent").asText(""));
            r.path("dependencies").forEach(d -> resource.addDependencies(d.asText()));
            Iterator<Map.Entry<String, JsonNode>> deps = r.path("propertyDependencies").fields();
            while (deps.hasNext()) {
                Map.Entry<String, JsonNode> dep = deps.next();
                AnalyzerPropertyDependencies.Builder urns = AnalyzerPropertyDependencies.newBuilder();
                dep.getValue().forEach(u -> urns.addUrns(u.asText()));
                resource.putPropertyDependencies(dep.getKey(), urns.build());
            }
            provider(r).ifPresent(resource::setProvider);
            list.add(resource.build());
        }
        return list;
    }

    private static AnalyzerResourceOptions options(JsonNode r) {
        AnalyzerResourceOptions.Builder options = AnalyzerResourceOptions.newBuilder()
                .setProtect(r.path("protect").asBoolean(false))
                .setParent(r.path("parent").asText(""));
        if (r.has("deleteBeforeReplace")) {
            options.setDeleteBeforeReplace(r.path("deleteBeforeReplace").asBoolean(false)).setDeleteBeforeReplaceDefined(true);
        }
        r.path("ignoreChanges").forEach(x -> options.addIgnoreChanges(x.asText()));
        r.path("additionalSecretOutputs").forEach(x -> options.addAdditionalSecretOutputs(x.asText()));
        return options.build();
    }

    /** The resource's explicit provider (a {@code <urn>::<id>} reference) as the engine describes it to analyzers. */
    private java.util.Optional<AnalyzerProviderResource> provider(JsonNode r) {
        String reference = r.path("provider").asText("");
        int cut = reference.lastIndexOf("::");
        if (cut < 0) {
            return java.util.Optional.empty();
        }
        JsonNode provider = byUrn.get(reference.substring(0, cut));
        if (provider == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(AnalyzerProviderResource.newBuilder()
                .setType(provider.get("type").asText())
                .setUrn(provider.get("urn").asText())
                .setName(provider.get("name").asText())
                .setProperties(Structs.struct(provider.get("inputs")))
                .build());
    }
}
