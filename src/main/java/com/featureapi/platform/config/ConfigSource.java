package com.featureapi.platform.config;

import java.util.Optional;

/** Where stack settings come from: the Pulumi engine's config, keyed by full key ({@code platform:network}). */
public interface ConfigSource {

    /** The raw value Pulumi passes for a key: plain text, or JSON for structured values. */
    Optional<String> get(String fullKey);

    /** Which keys the stack sets and which are secret. */
    StackKeys keys();
}
