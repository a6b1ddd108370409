package com.featureapi.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The config keys a stack sets and which of them are secret. The Pulumi SDK has no call that lists
 * them, so a real run reads what the language host passes in {@code PULUMI_CONFIG} and
 * {@code PULUMI_CONFIG_SECRET_KEYS}, and the offline engine takes them from the stack file.
 *
 * @param all    every key ({@code aws:region}, {@code platform:network}, ...); empty when unknown, and then
 *               misspelt top-level keys cannot be detected (nested ones still are)
 * @param secret keys whose values are secret: never printed, not even in an error
 */
public record StackKeys(Set<String> all, Set<String> secret) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StackKeys {
        all = Set.copyOf(all);
        secret = Set.copyOf(secret);
    }

    public static StackKeys fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /**
     * What the Pulumi language host passes to the program (the Java SDK's {@code Config} reads the same two
     * variables): {@code PULUMI_CONFIG}, a JSON object of every key to its value, and
     * {@code PULUMI_CONFIG_SECRET_KEYS}, a JSON array of the keys whose values are secret.
     */
    static StackKeys fromEnvironment(Function<String, String> environment) {
        return new StackKeys(parse(environment.apply("PULUMI_CONFIG"), new TypeReference<Map<String, Object>>() { }).keySet(),
                Set.copyOf(parse(environment.apply("PULUMI_CONFIG_SECRET_KEYS"), new TypeReference<List<String>>() { })));
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            if (json != null && !json.isBlank()) {
                return JSON.readValue(json, type);
            }
        } catch (JsonProcessingException e) {
            // Unreadable means unknown: the checks that need the key list are skipped, never wrong.
        }
        return type.getType().getTypeName().startsWith("java.util.Map") ? cast(Map.of()) : cast(List.of());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
