package com.featureapi.platform.config;

import com.pulumi.Context;

import java.util.Optional;

/** Reads settings through {@code ctx.config(namespace)}, the same calls in a real run and offline. */
public final class PulumiConfigSource implements ConfigSource {

    private final Context ctx;
    private final StackKeys keys;

    public PulumiConfigSource(Context ctx, StackKeys keys) {
        this.ctx = ctx;
        this.keys = keys;
    }

    @Override
    public Optional<String> get(String fullKey) {
        int colon = fullKey.indexOf(':');
        return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
    }

    @Override
    public StackKeys keys() {
        return keys;
    }
}
