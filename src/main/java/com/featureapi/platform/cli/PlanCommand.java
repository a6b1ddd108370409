package com.featureapi.platform.cli;

import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.plan.TextReport;
import com.featureapi.platform.policy.PolicyException;
import com.featureapi.platform.policy.PolicyLog;
import com.featureapi.platform.policy.PolicyPackDir;
import com.featureapi.platform.policy.PolicyReport;
import com.featureapi.platform.policy.PolicyResult;
import com.featureapi.platform.policy.PolicyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code platform plan}: runs the Pulumi program offline for one or more stacks and writes their plans. */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = "Run the Pulumi program offline for the given stacks, print the plan and write <out>/<stack>/plan.json.")
final class PlanCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final OfflineEngine.Program program;

    @Option(names = "--stack", paramLabel = "NAME", description = "Stack to plan (Pulumi.<NAME>.yaml); repeatable.")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all-stacks", description = "Plan every stack of the project.")
    private boolean allStacks;

    @Option(names = "--out", paramLabel = "DIR", description = "Where plans are written (default: ${DEFAULT-VALUE}).", defaultValue = "out")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Report on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    private Format format;

    @Option(names = "--project-dir", paramLabel = "DIR", description = "The Pulumi project (default: the current directory).", defaultValue = ".")
    private Path projectDir;

    @Option(names = "--verbose", description = "Show the Pulumi SDK's log and stack traces of failures.")
    private boolean verbose;

    @Option(names = "--policy-pack", paramLabel = "DIR", description = "CrossGuard pack to check the plan with, repeatable (default: <project-dir>/policies); its config/<stack>.json is the stack's policy config.")
    private List<Path> policyPacks = new ArrayList<>();

    @Option(names = "--skip-policies", description = "Write the plan without running the policy packs.")
    private boolean skipPolicies;

    @Option(names = {"-q", "--quiet"}, description = "No progress notes on stderr (they are off anyway when stderr is not a terminal).")
    private boolean quiet;

    private Progress progress = Progress.quiet();

    PlanCommand(OfflineEngine.Program program) {
        this.program = program;
    }

    boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<String> selected;
        try {
            selected = selectedStacks();
        } catch (PlanException e) {
            stderr.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        progress = Progress.forCli(stderr, quiet);
        int exitCode = ExitCodes.OK;
        try (PolicyRunner policies = policyRunner(stderr);
             StackPlanning planning = new StackPlanning(new OfflineEngine(verbose, stderr, progress), program, progress)) {
            if (policies != null) {
                policies.startEarly();   // node and the analyzer start while the engine plans the first stack
            }
            StackPlanning.PolicyPhase phase = policies == null ? null
                    : stackFile -> policies.open(stackFile.project(), stackFile.stack(), stackFile.maskedConfig());
            List<String> summary = new ArrayList<>();
            long allStart = System.nanoTime();
            // A pipeline: stack i's engine runs while stack i-1's plan is with the analyzer; reports keep their order.
            Started previous = null;
            for (String stack : selected) {
                Started current = start(planning, phase, stack, stderr);
                if (previous != null) {
                    exitCode = Math.max(exitCode, finish(planning, previous, selected, summary, stdout, stderr));
                }
                previous = current;
            }
            exitCode = Math.max(exitCode, finish(planning, previous, selected, summary, stdout, stderr));
            if (selected.size() > 1 && progress.on()) {
                stderr.println("plan: " + selected.size() + " stacks in " + Progress.seconds(System.nanoTime() - allStart));
                summary.forEach(stderr::println);
            }
        } catch (PolicyException e) {
            stderr.println("error: " + e.getMessage());
            exitCode = Math.max(exitCode, e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED);
        }
        stdout.flush();
        stderr.flush();
        return exitCode;
    }

    /** A stack whose engine ran (pending: its verdicts are coming) or failed already (exitCode). */
    private record Started(String stack, long startNanos, StackPlanning.Pending pending, int exitCode) {
    }

    private Started start(StackPlanning planning, StackPlanning.PolicyPhase phase, String stack, PrintWriter stderr) {
        long start = System.nanoTime();
        int[] failed = {ExitCodes.OK};
        StackPlanning.Pending pending = handled(stack, stderr, failed, () -> planning.start(projectDir, stack, phase));
        return new Started(stack, start, pending, failed[0]);
    }

    private int finish(StackPlanning planning, Started started, List<String> selected, List<String> summary, PrintWriter stdout, PrintWriter stderr) {
        if (selected.indexOf(started.stack()) > 0 && format == Format.text) {
            stdout.println();
        }
        int[] exitCode = {started.exitCode()};
        if (started.pending() != null) {
            Integer reported = handled(started.stack(), stderr, exitCode, () -> report(planning.finish(started.pending()), stdout, stderr));
            exitCode[0] = reported == null ? exitCode[0] : reported;
        }
        summary.add(String.format(java.util.Locale.ROOT, "  %-12s %7s  %s", started.stack(), Progress.seconds(System.nanoTime() - started.startNanos()),
                outcome(exitCode[0])));
        return exitCode[0];
    }

    /** The packs of the policy phase: --policy-pack, else the project's policies/ when it is a pack; null when skipped. */
    private PolicyRunner policyRunner(PrintWriter stderr) {
        if (skipPolicies) {
            return null;
        }
        List<PolicyPackDir> packs = new ArrayList<>();
        if (policyPacks.isEmpty()) {
            Path own = projectDir.resolve("policies");
            if (java.nio.file.Files.isRegularFile(own.resolve("PulumiPolicy.yaml"))) {
                packs.add(PolicyPackDir.of(own));
            }
        } else {
            policyPacks.forEach(p -> packs.add(PolicyPackDir.of(p)));
        }
        return packs.isEmpty() ? null : new PolicyRunner(packs, projectDir, PolicyLog.to(stderr));
    }

    /** Writes a planned stack, prices it and prints its report; its exit code. */
    private int report(StackPlanning.Planned planned, PrintWriter stdout, PrintWriter stderr) {
        Plan plan = planned.plan();
        String stack = plan.stack();
        PolicyResult verdicts = planned.verdicts();
        UsageFile usage = UsageFile.forStack(projectDir, stack);
        Path written = PlanWriter.write(plan, planned.verdictsJson(), out);
        CostEstimate cost = progress.step("plan " + stack + ": cost", () -> CostEstimator.estimate(plan, usage));
        if (format == Format.json) {
            stdout.print(PlanWriter.toJson(plan, planned.verdictsJson()));
        } else {
            stdout.print(TextReport.render(plan));
            if (verdicts != null) {
                stdout.println();
                PolicyReport.print(verdicts, stdout);
            }
            stdout.println();
            stdout.print(CostReport.summary(cost));
            stdout.println("\nwrote " + written);
        }
        int exitCode = verdicts != null && verdicts.mandatory() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        if (cost.budgetVerdict().equals("unknown")) {
            // Unknown is never zero: a budget cannot be said to hold while part of the cost has no price.
            stderr.println((cost.enforceBudget() ? "error: " : "warning: ") + "stack " + stack + " costs at least "
                    + CostReport.usd(cost.fixedUsd()) + " a month (fixed) plus " + CostReport.unpricedLines(cost.unpricedLines()) + " (" + String.join(", ", cost.unpricedTypes())
                    + "), so its budget of " + CostReport.usd(cost.budgetUsd().orElseThrow())
                    + " (platform:cost.monthlyBudgetUsd) cannot be checked; price them in src/main/resources/prices/");
            return cost.enforceBudget() ? ExitCodes.FAILED : exitCode;
        }
        if (cost.overBudget()) {
            stderr.println((cost.enforceBudget() ? "error: " : "warning: ") + "stack " + stack + " costs "
                    + CostReport.usd(cost.fixedUsd()) + " a month (fixed), over its budget of " + CostReport.usd(cost.budgetUsd().orElseThrow())
                    + " (platform:cost.monthlyBudgetUsd)");
            return cost.enforceBudget() ? ExitCodes.FAILED : exitCode;
        }
        return exitCode;
    }

    /** Runs a step of one stack; a failure is printed as one paragraph, its exit code put in {@code exitCode[0]} and null returned. */
    private <T> T handled(String stack, PrintWriter stderr, int[] exitCode, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (UsageFile.InvalidUsageException | InvalidConfigException e) {
            stderr.println("error: " + e.getMessage());
            exitCode[0] = ExitCodes.INVALID;
        } catch (PolicyException e) {
            stderr.println("error: " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(stderr);
            }
            exitCode[0] = e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED;
        } catch (PlanException e) {
            stderr.println("error: " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(stderr);
            }
            exitCode[0] = e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED;
        }
        return null;
    }

    private static String outcome(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.FAILED -> "exit 1 (a gate or the program failed, above)";
            default -> "exit 2 (invalid input, above)";
        };
    }

    private List<String> selectedStacks() {
        if (allStacks && !stacks.isEmpty()) {
            throw PlanException.invalidInput("give either --stack or --all-stacks, not both");
        }
        if (allStacks) {
            List<String> all = StackFile.stacks(projectDir);
            if (all.isEmpty()) {
                throw PlanException.invalidInput("no Pulumi.<stack>.yaml in " + projectDir.toAbsolutePath().normalize());
            }
            return all;
        }
        if (stacks.isEmpty()) {
            List<String> all = StackFile.stacks(projectDir);
            throw PlanException.invalidInput("name a stack with --stack NAME (this project has " + String.join(", ", all) + ") or use --all-stacks");
        }
        return List.copyOf(new LinkedHashSet<>(stacks));
    }
}
