package com.featureapi.platform;

import com.pulumi.Context;
import com.pulumi.Pulumi;

import java.util.Set;

/**
 * The Pulumi program: {@code pulumi up} starts {@link #main}; the offline engine calls {@link #define}
 * with the keys of the stack file it injected.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> define(ctx, Set.of()));
    }

    /**
     * Builds the whole platform.
     *
     * @param configuredKeys every config key the stack sets (for example {@code platform:network},
     *                       {@code aws:region}); used to reject unknown keys under {@code platform:}
     */
    public static void define(Context ctx, Set<String> configuredKeys) {
        // Filled in by the foundation change: load and validate PlatformConfig, then build the tiers.
    }
}
