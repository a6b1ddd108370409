package com.featureapi.platform.cli;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.Progress;
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
import java.util.List;
import java.util.concurrent.Callable;

/** {@code platform check}: runs the policy packs on an existing plan.json (a plan of any commit, or one edited by hand). */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = "Run CrossGuard policy packs on an existing plan.json and print the verdicts.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no mandatory violation",
                "1:a mandatory policy is violated, or the analyzer could not run (no node or npm)",
                "2:unreadable plan, bad policy config or usage"})
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "The plan to check (out/<stack>/plan.json).")
    private Path plan;

    @Option(names = "--stack", paramLabel = "NAME", description = "Whose policy config to use (config/<NAME>.json of each pack); default: the plan's stack.")
    private String stack;

    @Option(names = "--policy-pack", paramLabel = "DIR", description = "CrossGuard pack, repeatable (default: <project-dir>/policies).")
    private List<Path> policyPacks = new ArrayList<>();

    @Option(names = "--project-dir", paramLabel = "DIR", description = "The Pulumi project (default: the current directory).", defaultValue = ".")
    private Path projectDir;

    @Option(names = "--verbose", description = "Show stack traces of failures.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress notes on stderr (they are off anyway when stderr is not a terminal).")
    private boolean quiet;

    boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            Plan document = PlanReader.read(plan).plan();
            String stackName = stack != null ? stack : document.stack();
            if (stackName.isEmpty()) {
                throw PolicyException.invalidInput(plan + " names no stack: give --stack NAME");
            }
            List<PolicyPackDir> packs = new ArrayList<>();
            if (policyPacks.isEmpty()) {
                packs.add(PolicyPackDir.of(projectDir.resolve("policies")));
            } else {
                policyPacks.forEach(p -> packs.add(PolicyPackDir.of(p)));
            }
            for (PolicyPackDir pack : packs) {
                refuseUnconfiguredStack(pack, stackName);
            }
            Progress progress = Progress.forCli(stderr, quiet);
            PolicyResult result;
            try (PolicyRunner runner = new PolicyRunner(packs, projectDir, PolicyLog.to(stderr))) {
                result = progress.step("check " + stackName + ": policies (CrossGuard analyzer)", () -> runner.run(document, stackName));
            }
            stdout.println("checked " + plan + " (stack " + stackName + ", " + countText(document) + ")");
            PolicyReport.print(result, stdout);
            stdout.flush();
            return result.mandatory() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        } catch (PlanException e) {
            stderr.println("error: " + e.getMessage());
            stderr.flush();
            return e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED;
        } catch (PolicyException e) {
            stderr.println("error: " + e.getMessage());
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(stderr);
            }
            stderr.flush();
            return e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED;
        }
    }

    /**
     * A pack with policy config for some stacks but not this one: a misspelt --stack (or a plan of a stack nobody
     * configured) would be judged by the policies' defaults, which are not any stack's rules.
     */
    private static void refuseUnconfiguredStack(PolicyPackDir pack, String stack) {
        if (java.nio.file.Files.isRegularFile(pack.configFile(stack))) {
            return;
        }
        java.util.TreeSet<String> configured = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(pack.configFile(stack).getParent())) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> configured.add(n.substring(0, n.length() - ".json".length())));
        } catch (java.io.IOException noConfigFolder) {
            return;
        }
        if (!configured.isEmpty()) {
            throw PolicyException.invalidInput("policy pack " + pack.dir() + " has no config for stack \"" + stack + "\" (config/" + stack
                    + ".json); it has config for " + String.join(", ", configured) + ": give --stack one of those, or add config/" + stack + ".json");
        }
    }

    private static String countText(Plan document) {
        return document.resources().size() + " resources";
    }
}
