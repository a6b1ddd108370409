package com.featureapi.platform.cli;

import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.policy.PolicyException;
import com.featureapi.platform.policy.PolicyResult;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The plan of one stack with its policy phase, as {@code plan} and an in-process {@code review} both run it.
 * The policy phase runs on a thread of its own, so the analyzer (node, on the other core) judges one stack
 * while the engine plans the next: {@link #start} returns after the engine, {@link #finish} waits for the verdicts.
 */
final class StackPlanning implements AutoCloseable {

    /** The policy phase over one stack's plan; null when policies are skipped. */
    @FunctionalInterface
    interface PolicyPhase {
        PolicyResult check(Plan plan, String stack);
    }

    record Planned(Plan plan, PolicyResult verdicts) {
        Map<String, Object> verdictsJson() {
            return verdicts == null ? null : verdicts.toJson();
        }
    }

    /** A stack the engine has planned, its verdicts still coming. */
    record Pending(Plan plan, CompletableFuture<PolicyResult> verdicts) {
    }

    private final OfflineEngine engine;
    private final OfflineEngine.Program program;
    private final Progress progress;
    private final ExecutorService policyThread = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "policy-phase");
        thread.setDaemon(true);
        return thread;
    });

    StackPlanning(OfflineEngine engine, OfflineEngine.Program program, Progress progress) {
        this.engine = engine;
        this.program = program;
        this.progress = progress;
    }

    /** Runs the program for {@code stack} of {@code projectDir} and hands its plan to the policy phase; nothing is written. */
    Pending start(Path projectDir, String stack, PolicyPhase policies) {
        StackFile stackFile = StackFile.load(projectDir, stack);
        Plan plan = engine.run(stackFile, program, projectDir);
        if (policies == null) {
            return new Pending(plan, CompletableFuture.completedFuture(null));
        }
        return new Pending(plan, CompletableFuture.supplyAsync(() -> progress.step("plan " + stack + ": policies (CrossGuard analyzer)",
                () -> policies.check(plan, stack)), policyThread));
    }

    /** Waits for the verdicts of a started stack. */
    Planned finish(Pending pending) {
        try {
            return new Planned(pending.plan(), pending.verdicts().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof PolicyException failed) {
                String message = "the policy phase of stack " + pending.plan().stack() + " failed, so no plan was written: " + failed.getMessage();
                throw failed.isInvalidInput() ? PolicyException.invalidInput(message, failed)
                        : PolicyException.failure(message + "\n(to plan without policies: --skip-policies)", failed);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void close() {
        policyThread.shutdownNow();
    }
}
