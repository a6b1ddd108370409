package com.featureapi.platform.plan;

import com.featureapi.platform.App;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One offline run of each project stack per test JVM, shared by every test class that inspects it, so
 * the suite runs the program once per stack instead of once per assertion.
 */
public final class PlannedStacks {

    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    /**
     * {@code -Dplanned.stacks.cache=false} plans afresh on every call. Mutation testing (PIT) needs it: it
     * swaps a mutated class into the same JVM, and a plan cached before the swap would never run the mutant.
     */
    private static final boolean SHARED = !"false".equals(System.getProperty("planned.stacks.cache"));

    private PlannedStacks() {
    }

    /**
     * The plan of the fixture stack {@code stack} ({@link FixtureStacks}: the tests' own copy of
     * {@code Pulumi.<stack>.yaml}, never the live file), as {@code ./platform plan} computes it.
     */
    public static Plan of(String stack) {
        return SHARED ? PLANS.computeIfAbsent(stack, s -> plan(FixtureStacks.project(), s)) : plan(FixtureStacks.project(), stack);
    }

    /** The AWS account of a fixture stack, as its stack file sets {@code platform:accountId}. */
    public static String account(String stack) {
        return of(stack).config().get("platform:accountId");
    }

    /** The URN of the security tier's KMS key of one purpose ({@code rds}, {@code logs}, ...). */
    public static String keyUrn(Plan plan, String purpose) {
        return plan.one("aws:kms/key:Key", purpose).urn();
    }

    /**
     * A value a test class computes once (a small program's plan) and shares between its tests, or afresh on every
     * call under {@code -Dplanned.stacks.cache=false}. Use it instead of {@code @BeforeAll}: PIT credits what a
     * {@code @BeforeAll} method runs to the class's first test only, so the other tests' assertions would never
     * count against a mutant.
     */
    public static <T> Supplier<T> sharedPerClass(Supplier<T> compute) {
        if (!SHARED) {
            return compute;
        }
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            }
        };
    }

    /** A fresh, unshared run (for stack files a test writes itself). */
    public static Plan plan(Path projectDir, String stack) {
        return new OfflineEngine(false).run(StackFile.load(projectDir, stack), App::define, projectDir);
    }
}
