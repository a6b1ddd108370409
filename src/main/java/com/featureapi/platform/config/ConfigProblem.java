package com.featureapi.platform.config;

/**
 * One thing wrong with the stack configuration.
 *
 * @param key   the full key path, for example {@code platform:network.subnets.database[2].cidr}
 * @param value the offending value as written in the stack file, or {@code null} when the key is missing
 * @param rule  what the value must be, phrased so the reader knows how to fix it
 */
public record ConfigProblem(String key, String value, String rule) {

    @Override
    public String toString() {
        return value == null ? key + ": " + rule : key + " = \"" + value + "\": " + rule;
    }
}
