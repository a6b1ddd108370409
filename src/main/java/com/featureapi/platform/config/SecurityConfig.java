package com.featureapi.platform.config;

/**
 * {@code platform:security}.
 *
 * @param kmsDeletionWindowDays days a scheduled KMS key deletion waits, 7 to 30 (AWS range); production: 30
 */
public record SecurityConfig(int kmsDeletionWindowDays) {

    static SecurityConfig read(ConfigNode node, Environment environment) {
        int window = node.integer("kmsDeletionWindowDays", 30, 7, 30);
        if (environment.isProduction() && window < 30) {
            node.problems().add(node.keyPath("kmsDeletionWindowDays"), Integer.toString(window),
                    "production keeps the longest deletion window, 30 days, so a mistaken key deletion can be cancelled");
        }
        node.rejectUnknownKeys();
        return new SecurityConfig(window);
    }
}
