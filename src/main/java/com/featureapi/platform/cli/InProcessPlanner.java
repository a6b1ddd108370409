package com.featureapi.platform.cli;

import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.policy.PolicyException;
import com.featureapi.platform.policy.PolicyLog;
import com.featureapi.platform.policy.PolicyPackDir;
import com.featureapi.platform.policy.PolicyRunner;
import com.featureapi.platform.review.CommitPlanner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The review's planner for commits whose code is the running jar's: every stack of both commits in this JVM
 * (the engine's classes loaded and compiled once), with one analyzer per distinct pack for the whole review.
 */
final class InProcessPlanner implements CommitPlanner.InProcess, AutoCloseable {

    private final StackPlanning planning;
    private final PolicyLog log;
    private final Map<Path, PolicyRunner> runners = new HashMap<>();

    InProcessPlanner(OfflineEngine.Program program, PrintWriter stderr, Progress progress) {
        this.planning = new StackPlanning(new OfflineEngine(false, stderr, progress), program, progress);
        this.log = PolicyLog.to(stderr);
    }

    /** Starts the analyzer of a pack now, so it is up by the time the first plan needs it. */
    void startEarly(Path packDir) {
        runner(packDir).startEarly();
    }

    @Override
    public Supplier<Map<String, Path>> start(String commit, Path projectDir, Path analyzerPack, List<String> stacks, Path out) {
        PolicyPackDir ownPack = analyzerPack == null ? null : PolicyPackDir.of(projectDir.resolve("policies"));
        StackPlanning.PolicyPhase phase = analyzerPack == null ? null : stackFile -> runner(analyzerPack)
                .openAs(stackFile.project(), stackFile.stack(), stackFile.maskedConfig(), projectDir, ownPack);
        // stack i's engine runs while stack i-1 is with the analyzer (and the next commit's engine while this one's last is)
        Map<String, StackPlanning.Pending> pending = new LinkedHashMap<>();
        for (String stack : stacks) {
            pending.put(stack, failingAs(stack, commit, () -> planning.start(projectDir, stack, phase)));
        }
        return () -> {
            Map<String, Path> plans = new LinkedHashMap<>();
            pending.forEach((stack, started) -> plans.put(stack, failingAs(stack, commit, () -> {
                StackPlanning.Planned planned = planning.finish(started);
                return PlanWriter.write(planned.plan(), planned.verdictsJson(), out);
            })));
            return plans;
        };
    }

    private static <T> T failingAs(String stack, String commit, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidConfigException | PlanException | PolicyException e) {
            throw new PlanException("the plan of " + stack + " at " + commit + " failed:\n" + e.getMessage(), e);
        }
    }

    private synchronized PolicyRunner runner(Path packDir) {
        return runners.computeIfAbsent(packDir.toAbsolutePath().normalize(),
                dir -> new PolicyRunner(List.of(PolicyPackDir.of(dir)), dir.getParent(), log));
    }

    @Override
    public synchronized void close() {
        planning.close();
        runners.values().forEach(PolicyRunner::close);
        runners.clear();
    }
}
