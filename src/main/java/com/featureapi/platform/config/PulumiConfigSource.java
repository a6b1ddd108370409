package com.featureapi.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads settings through {@code ctx.config(namespace)}, the same calls in a real run and offline. */
public final class PulumiConfigSource implements ConfigSource {

    private final Context ctx;
    private final Set<String> keys;

    public PulumiConfigSource(Context ctx, Set<String> keys) {
        this.ctx = ctx;
        this.keys = Set.copyOf(keys);
    }

    @Override
    public Optional<String> get(String fullKey) {
        int colon = fullKey.indexOf(':');
        return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
    }

    @Override
    public Set<String> keys() {
        return keys;
    }

    /**
     * The keys the Pulumi language host passed in {@code PULUMI_CONFIG} (a JSON object of key to value), or
     * none when the variable is absent or unreadable.
     */
    public static Set<String> keysFromEnvironment() {
        String json = System.getenv("PULUMI_CONFIG");
        if (json == null || json.isBlank()) {
            return Set.of();
        }
        try {
            Map<String, Object> config = new ObjectMapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, Object>>() { });
            return config.keySet();
        } catch (JsonProcessingException e) {
            return Set.of();
        }
    }
}
