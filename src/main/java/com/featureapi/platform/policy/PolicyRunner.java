package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policy phase: every pack over one plan, each with its {@code config/<stack>.json}. Analyzers are
 * started on first use and kept for the next stack; {@link #close()} stops them all.
 */
public final class PolicyRunner implements AutoCloseable {

    private final List<PolicyPackDir> packs;
    private final Path baseDir;
    private final PolicyLog log;
    private final List<Analyzer> started = new ArrayList<>();

    /** @param baseDir what pack and config paths in reports and plan.json are relative to (the project folder) */
    public PolicyRunner(List<PolicyPackDir> packs, Path baseDir, PolicyLog log) {
        this.packs = List.copyOf(packs);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.log = log;
    }

    /** A runner over analyzers that are already running (tests share one); closing it leaves them running. */
    public static PolicyResult run(List<Analyzer> analyzers, Plan plan, String stack, Path baseDir) {
        List<PolicyResult.Pack> packInfo = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        Path base = baseDir.toAbsolutePath().normalize();
        for (Analyzer analyzer : analyzers) {
            Path config = analyzer.pack().configFile(stack);
            boolean hasConfig = Files.isRegularFile(config);
            verdicts.addAll(analyzer.analyze(plan, stack, hasConfig ? Optional.of(config) : Optional.empty()));
            packInfo.add(new PolicyResult.Pack(analyzer.packName(), analyzer.packVersion(), relative(base, analyzer.pack().dir()),
                    hasConfig ? relative(base, config) : "", analyzer.info().getPoliciesCount()));
        }
        return new PolicyResult(packInfo, verdicts);
    }

    public PolicyResult run(Plan plan, String stack) {
        if (started.isEmpty()) {
            for (PolicyPackDir pack : packs) {
                started.add(Analyzer.start(pack, log));
            }
        }
        return run(started, plan, stack, baseDir);
    }

    private static String relative(Path base, Path path) {
        Path p = path.toAbsolutePath().normalize();
        return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
    }

    @Override
    public void close() {
        for (Analyzer analyzer : started) {
            analyzer.close();
        }
        started.clear();
    }
}
