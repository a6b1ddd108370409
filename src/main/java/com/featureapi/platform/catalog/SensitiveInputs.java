package com.featureapi.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Inputs the providers mark sensitive, which no plan, diff or review may show: what the SDK's own schema says (each
 * generated resource class lists its sensitive properties as {@code additionalSecretOutputs}, which the plan records
 * per resource) and, for what never passes through the SDK (objects rendered from a chart, plans written by older
 * builds), this list taken from the same schemas (pulumi-aws 6.83.0, pulumi-kubernetes 4.0.0: the classes'
 * {@code makeResourceOptions}).
 *
 * <p>A masked value keeps its shape: an object (a Kubernetes Secret's {@code data}) or a string holding a JSON object
 * (a {@code secretString} of connection info) keeps its keys with every value {@value #MASK}, so a reviewer sees which
 * keys change and the policy that refuses passwords in plain text still sees a {@code password} key; any other value
 * becomes {@value #MASK}.
 */
public final class SensitiveInputs {

    public static final String MASK = "[secret]";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Set<String>> BY_TYPE = Map.ofEntries(
            Map.entry("aws:secretsmanager/secretVersion:SecretVersion", Set.of("secretString", "secretBinary")),
            Map.entry("aws:rds/instance:Instance", Set.of("password")),
            Map.entry("aws:rds/cluster:Cluster", Set.of("masterPassword")),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", Set.of("authToken")),
            Map.entry("aws:elasticache/user:User", Set.of("passwords")),
            Map.entry("aws:ssm/parameter:Parameter", Set.of("value")),
            Map.entry("aws:iam/userLoginProfile:UserLoginProfile", Set.of("password")),
            Map.entry("pulumi:providers:aws", Set.of("accessKey", "secretKey", "token")),
            Map.entry("kubernetes:core/v1:Secret", Set.of("data", "stringData")));

    private SensitiveInputs() {
    }

    /** The sensitive inputs of a resource of {@code type}: the list above and the resource's own additionalSecretOutputs. */
    public static Set<String> of(String type, Collection<String> additionalSecretOutputs) {
        Set<String> names = new java.util.TreeSet<>(BY_TYPE.getOrDefault(type, Set.of()));
        names.addAll(additionalSecretOutputs);
        return names;
    }

    /** The inputs with every sensitive one masked (a new map; the argument is left as it is). */
    public static SortedMap<String, Object> mask(String type, Collection<String> additionalSecretOutputs, Map<String, Object> inputs) {
        SortedMap<String, Object> result = new TreeMap<>(inputs);
        for (String name : of(type, additionalSecretOutputs)) {
            if (result.get(name) != null) {
                result.put(name, masked(result.get(name)));
            }
        }
        return result;
    }

    /** A value masked, keeping the keys of an object or of a JSON object held in a string. */
    static Object masked(Object value) {
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> keys = new TreeMap<>();
            map.forEach((k, v) -> keys.put(String.valueOf(k), MASK));
            return keys;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(MASK));
            return items;
        }
        if (value instanceof String text && text.strip().startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node instanceof ObjectNode object) {
                    ObjectNode keys = JSON.createObjectNode();
                    object.fieldNames().forEachRemaining(k -> keys.set(k, TextNode.valueOf(MASK)));
                    return JSON.writeValueAsString(keys);
                }
            } catch (java.io.IOException notJson) {
                // not JSON: masked whole below
            }
        }
        return MASK;
    }
}
