package com.featureapi.platform.plan;

import java.nio.file.Path;

/**
 * Entry point of the child JVMs of {@link PlanDeterminismTest}: plans the given fixture stacks ({@link FixtureStacks}), exactly as {@code ./platform plan} does, into {@code args[0]}.
 */
public final class PlanInFreshJvm {

    private PlanInFreshJvm() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            PlanWriter.write(PlannedStacks.plan(FixtureStacks.project(), args[i]), out);
        }
    }
}
