package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The openAPIV3Schema of each CRD version the program's custom resources use, as the pinned charts ship it
 * ({@code src/test/resources/crds/}, see the README there), checked with networknt's JSON Schema validator the way
 * the API server checks an object under strict field validation: an object schema with {@code properties} and neither
 * {@code additionalProperties} nor {@code x-kubernetes-preserve-unknown-fields} accepts no other field, so a misspelt
 * or misplaced field fails instead of being pruned in silence.
 */
final class CrdSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** group/version/kind of every vendored schema; a custom resource of any other kind has no schema here. */
    static final List<String> FILES = List.of(
            "external-secrets.io_v1_ExternalSecret", "external-secrets.io_v1_ClusterSecretStore",
            "generators.external-secrets.io_v1alpha1_Password", "external-secrets.io_v1alpha1_PushSecret",
            "monitoring.coreos.com_v1_PrometheusRule",
            "karpenter.sh_v1_NodePool", "karpenter.k8s.aws_v1_EC2NodeClass");

    private static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    /** The schema of {@code <group>/<version>} {@code kind}, if one is vendored. */
    static Optional<JsonSchema> of(String apiVersion, String kind) {
        return Optional.ofNullable(SCHEMAS.get(apiVersion + "/" + kind));
    }

    /** The problems of one object (apiVersion, kind, metadata, spec), empty when it is valid. */
    static List<String> validate(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        JsonSchema schema = of(apiVersion, kind).orElseThrow(() -> new AssertionError(
                "no CRD schema vendored for " + apiVersion + " " + kind + " under src/test/resources/crds (see its README)"));
        ObjectNode body = JSON.valueToTree(object);
        // metadata is the API server's own ObjectMeta, which the CRD leaves open; the provider adds nothing else.
        body.remove("metadata");
        return schema.validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Map<String, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        Map<String, JsonSchema> schemas = new TreeMap<>();
        for (String file : FILES) {
            try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource /crds/" + file + ".json");
                }
                JsonNode crd = JSON.readTree(in);
                JsonNode schema = crd.get("openAPIV3Schema").deepCopy();
                closeObjects(schema);
                schemas.put(crd.get("group").asText() + "/" + crd.get("version").asText() + "/" + crd.get("kind").asText(),
                        factory.getSchema(schema));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /** Strict field validation: closes every object schema that lists its properties and keeps no unknown fields. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                // The names under "properties" are field names, not schemas' keywords: descend into their schemas.
                closeObjects(field.getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CrdSchemas::closeObjects);
        }
    }
}
