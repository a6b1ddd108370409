package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * The policy phase: every pack over one plan, each with its {@code config/<stack>.json}. {@link #startEarly()}
 * starts the analyzers (installing, compiling, node's start, {@code GetAnalyzerInfo}) on a thread of their own
 * while the engine plans, so their 1.5 s start is off the critical path; they are kept for every later
 * stack and commit; {@link #close()} stops them all.
 */
public final class PolicyRunner implements AutoCloseable {

    private final List<PolicyPackDir> packs;
    private final Path baseDir;
    private final PolicyLog log;
    private CompletableFuture<List<Analyzer>> started;
    private Thread starter;
    private boolean closed;

    /** @param baseDir what pack and config paths in reports and plan.json are relative to (the project folder) */
    public PolicyRunner(List<PolicyPackDir> packs, Path baseDir, PolicyLog log) {
        this.packs = List.copyOf(packs);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.log = log;
    }

    /** A runner over analyzers that are already running (tests share one); closing it leaves them running. */
    public static PolicyResult run(List<Analyzer> analyzers, Plan plan, String stack, Path baseDir) {
        return run(analyzers, analyzers.stream().map(Analyzer::pack).toList(), plan, stack, baseDir);
    }

    /**
     * Runs each analyzer as the pack {@code seenAs} of the same position: its config file and the paths shown are
     * that pack's (a review runs the base commit's pack on the analyzer of an identical pack in the checkout).
     */
    private static PolicyResult run(List<Analyzer> analyzers, List<PolicyPackDir> seenAs, Plan plan, String stack, Path baseDir) {
        List<PolicyResult.Pack> packInfo = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        Path base = baseDir.toAbsolutePath().normalize();
        for (int i = 0; i < analyzers.size(); i++) {
            Analyzer analyzer = analyzers.get(i);
            PolicyPackDir pack = seenAs.get(i);
            Path config = pack.configFile(stack);
            boolean hasConfig = Files.isRegularFile(config);
            verdicts.addAll(analyzer.analyze(plan, stack, hasConfig ? Optional.of(config) : Optional.empty()));
            packInfo.add(new PolicyResult.Pack(analyzer.packName(), analyzer.packVersion(), relative(base, pack.dir()),
                    hasConfig ? relative(base, config) : "", analyzer.info().getPoliciesCount()));
        }
        return new PolicyResult(packInfo, verdicts);
    }

    /** Starts the analyzers in the background (idempotent): call it before the engine runs. */
    public synchronized void startEarly() {
        if (started != null || closed) {
            return;
        }
        started = new CompletableFuture<>();
        starter = new Thread(() -> {
            List<Analyzer> analyzers = new ArrayList<>();
            try {
                for (PolicyPackDir pack : packs) {
                    analyzers.add(Analyzer.start(pack, log));
                }
                started.complete(analyzers);
            } catch (RuntimeException e) {
                analyzers.forEach(Analyzer::close);
                started.completeExceptionally(e);
            }
        }, "start-policy-analyzers");
        starter.setDaemon(true);
        starter.start();
    }

    public PolicyResult run(Plan plan, String stack) {
        return run(analyzers(), packs, plan, stack, baseDir);
    }

    /**
     * Runs the single pack of this runner over a plan of another folder, as that folder's pack {@code seenAs} (its
     * config, its paths relative to {@code projectDir}): the pack's code must be the same as this runner's.
     */
    public PolicyResult runAs(Plan plan, String stack, Path projectDir, PolicyPackDir seenAs) {
        if (packs.size() != 1) {
            throw new IllegalStateException("runAs needs a runner of exactly one pack, not " + packs.size());
        }
        return run(analyzers(), List.of(seenAs), plan, stack, projectDir);
    }

    private List<Analyzer> analyzers() {
        CompletableFuture<List<Analyzer>> future;
        synchronized (this) {
            startEarly();
            future = started;
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (CancellationException e) {
            throw PolicyException.failure("the policy analyzers were stopped", e);
        }
    }

    private static String relative(Path base, Path path) {
        Path p = path.toAbsolutePath().normalize();
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }

    /** Stops the analyzers; one still starting is interrupted (npm, tsc and node are stopped with it). */
    @Override
    public void close() {
        CompletableFuture<List<Analyzer>> future;
        synchronized (this) {
            closed = true;
            future = started;
            if (starter != null) {
                starter.interrupt();
            }
        }
        if (future == null) {
            return;
        }
        try {
            future.join().forEach(Analyzer::close);
        } catch (CompletionException | CancellationException failedToStart) {
            // nothing runs: a failed start closes what it started
        }
    }
}
