package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * The policy phase: every pack over one plan, each with its {@code config/<stack>.json}. {@link #startEarly()}
 * starts the analyzers (installing, compiling, node's start, {@code GetAnalyzerInfo}) on a thread of their own
 * while the engine plans, so their 1.5 s start is off the critical path; they are kept for every later
 * stack and commit; {@link #close()} stops them all. {@link #open} begins a stack's phase before its engine
 * runs, so each resource is judged as it is registered ({@link Check}).
 */
public final class PolicyRunner implements AutoCloseable {

    private final List<PolicyPackDir> packs;
    private final Path baseDir;
    private final PolicyLog log;
    private CompletableFuture<List<Analyzer>> started;
    private Thread starter;
    private boolean closed;
    /** The analyzers once they run; until then {@link #waiting} holds the checks opened, in order. */
    private List<Analyzer> up;
    private final List<Check> waiting = new ArrayList<>();

    /** @param baseDir what pack and config paths in reports and plan.json are relative to (the project folder) */
    public PolicyRunner(List<PolicyPackDir> packs, Path baseDir, PolicyLog log) {
        this.packs = List.copyOf(packs);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.log = log;
    }

    /** A runner over analyzers that are already running (tests share one); closing it leaves them running. */
    public static PolicyResult run(List<Analyzer> analyzers, Plan plan, String stack, Path baseDir) {
        List<PolicyPackDir> packs = analyzers.stream().map(Analyzer::pack).toList();
        Check check = new Check(null, packs, baseDir, plan.project(), stack, plan.config());
        check.open(analyzers);
        return check.finish(plan);
    }

    /**
     * The policy phase of one stack, opened before its engine runs: each resource the engine registers
     * ({@link #registered}) goes to every analyzer at once (held until they have started), and {@link #finish}
     * judges the finished plan, re-sending whatever differs from what was streamed. Close it to drop an analysis
     * that will not be finished (the engine failed).
     */
    public static final class Check implements AutoCloseable {

        private final PolicyRunner runner;
        private final List<PolicyPackDir> seenAs;
        private final Path baseDir;
        private final String project;
        private final String stack;
        private final SortedMap<String, String> config;
        private final Object lock;
        private final List<PlannedResource> held = new ArrayList<>();
        private List<AnalyzerSession> sessions;
        private boolean closed;

        private Check(PolicyRunner runner, List<PolicyPackDir> seenAs, Path baseDir, String project, String stack, SortedMap<String, String> config) {
            this.runner = runner;
            this.seenAs = seenAs;
            this.baseDir = baseDir.toAbsolutePath().normalize();
            this.project = project;
            this.stack = stack;
            this.config = config;
            this.lock = runner == null ? this : runner;
        }

        /** A registration of the engine, as recorded in the plan; returns at once. */
        public void registered(PlannedResource resource) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (sessions == null) {
                    held.add(resource);
                } else {
                    sessions.forEach(session -> session.submit(resource));
                }
            }
        }

        /** The verdicts of every pack over the finished plan of this check's stack; blocks until node has answered. */
        public PolicyResult finish(Plan plan) {
            List<Analyzer> analyzers = runner == null ? null : runner.analyzers();
            List<AnalyzerSession> toFinish;
            synchronized (lock) {
                if (sessions == null) {
                    open(analyzers);
                }
                closed = true;
                toFinish = sessions;
            }
            List<PolicyResult.Pack> packInfo = new ArrayList<>();
            List<Verdict> verdicts = new ArrayList<>();
            int i = 0;
            try {
                for (; i < toFinish.size(); i++) {
                    verdicts.addAll(toFinish.get(i).finish(plan));
                    Analyzer analyzer = toFinish.get(i).analyzer();
                    packInfo.add(new PolicyResult.Pack(analyzer.packName(), analyzer.packVersion(), relative(baseDir, seenAs.get(i).dir()),
                            configFile(i).map(file -> relative(baseDir, file)).orElse(""), analyzer.info().getPoliciesCount()));
                }
            } finally {
                for (int rest = i + 1; rest < toFinish.size(); rest++) {
                    toFinish.get(rest).cancel();
                }
            }
            return new PolicyResult(packInfo, verdicts);
        }

        /** Drops the analysis unless it was finished. */
        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                held.clear();
                if (sessions != null) {
                    sessions.forEach(AnalyzerSession::cancel);
                } else if (runner != null) {
                    runner.waiting.remove(this);
                }
            }
        }

        /** The stack's config file of the {@code i}-th pack ({@code config/<stack>.json}), when it has one. */
        private Optional<Path> configFile(int i) {
            Path file = seenAs.get(i).configFile(stack);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }

        /** Opens the analyses (in the order checks were opened: each analyzer serves them in turn) and sends what was held. */
        private void open(List<Analyzer> analyzers) {
            List<AnalyzerSession> opened = new ArrayList<>();
            for (int i = 0; i < analyzers.size(); i++) {
                opened.add(analyzers.get(i).open(project, stack, config, configFile(i)));
            }
            sessions = opened;
            held.forEach(resource -> sessions.forEach(session -> session.submit(resource)));
            held.clear();
        }
    }

    /** Opens the policy phase of a stack of this runner's project before its engine runs; see {@link Check}. */
    public Check open(String project, String stack, SortedMap<String, String> config) {
        return open(project, stack, config, packs, baseDir);
    }

    /**
     * Opens the policy phase of a stack of another folder, as that folder's pack {@code seenAs} (its config, its
     * paths relative to {@code projectDir}): the pack's code must be the same as this runner's single pack.
     */
    public Check openAs(String project, String stack, SortedMap<String, String> config, Path projectDir, PolicyPackDir seenAs) {
        if (packs.size() != 1) {
            throw new IllegalStateException("openAs needs a runner of exactly one pack, not " + packs.size());
        }
        return open(project, stack, config, List.of(seenAs), projectDir);
    }

    private synchronized Check open(String project, String stack, SortedMap<String, String> config, List<PolicyPackDir> seenAs, Path base) {
        startEarly();
        Check check = new Check(this, seenAs, base, project, stack, config);
        if (up != null) {
            check.open(up);
        } else if (!closed) {
            waiting.add(check);
        }
        return check;
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
                synchronized (this) {
                    // the checks opened while node started take their turns in the order they were opened
                    up = List.copyOf(analyzers);
                    waiting.forEach(check -> check.open(up));
                    waiting.clear();
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

    /** The policy phase over a finished plan (nothing streamed). */
    public PolicyResult run(Plan plan, String stack) {
        return open(plan.project(), stack, plan.config()).finish(plan);
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
