package com.featureapi.platform.cli;

import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.policy.PolicyException;
import com.featureapi.platform.policy.PolicyResult;
import com.featureapi.platform.policy.PolicyRunner;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The plan of one stack with its policy phase, as {@code plan} and an in-process {@code review} both run it.
 * The policy phase opens before the engine runs and receives each resource as the engine registers it, so
 * the analyzer (node, on the other core) judges resources while the program still runs; what is left (the
 * rendered chart objects, anything that changed, {@code AnalyzeStack}) runs on a thread of its own beside
 * the engine's next stack: {@link #start} returns after the engine, {@link #finish} waits for the verdicts.
 */
final class StackPlanning implements AutoCloseable {

    /** Opens the policy phase of a stack before its engine runs; the phase itself is null when policies are skipped. */
    @FunctionalInterface
    interface PolicyPhase {
        PolicyRunner.Check open(StackFile stackFile);
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
        if (policies == null) {
            return new Pending(engine.run(stackFile, program, projectDir), CompletableFuture.completedFuture(null));
        }
        PolicyRunner.Check check = policies.open(stackFile);
        Plan plan;
        try {
            plan = engine.run(stackFile, program, projectDir, check::registered);
        } catch (RuntimeException | Error e) {
            // an Error too (an OutOfMemoryError in the program): an open check holds the analyzer's lane, and later stacks would wait on it
            check.close();
            throw e;
        }
        return new Pending(plan, CompletableFuture.supplyAsync(() -> progress.step("plan " + stack + ": policies (CrossGuard analyzer)",
                () -> check.finish(plan)), policyThread));
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
