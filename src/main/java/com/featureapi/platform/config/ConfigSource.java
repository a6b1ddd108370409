package com.featureapi.platform.config;

import java.util.Optional;
import java.util.Set;

/** Where stack settings come from: the Pulumi engine's config, keyed by full key ({@code platform:network}). */
public interface ConfigSource {

    /** The raw value Pulumi passes for a key: plain text, or JSON for structured values. */
    Optional<String> get(String fullKey);

    /**
     * Every key the stack sets, when known. The Pulumi SDK has no call that lists config keys, so a real run
     * learns them from the language host's {@code PULUMI_CONFIG} variable and the offline engine from the stack
     * file; when empty, misspelt top-level keys cannot be detected (nested ones still are).
     */
    Set<String> keys();
}
