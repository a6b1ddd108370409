package com.featureapi.platform.cli;

import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.review.ChangeKind;
import com.featureapi.platform.review.DiagramResources;
import com.featureapi.platform.review.DiffJson;
import com.featureapi.platform.review.DiffMarkdown;
import com.featureapi.platform.review.DiffText;
import com.featureapi.platform.review.IncreaseThreshold;
import com.featureapi.platform.review.PlanDiff;
import com.featureapi.platform.review.ResourceChange;
import com.featureapi.platform.review.ReviewGates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code platform diff}: what changes between two plan.json files, with the cost delta. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = "Compare two plans: resources added, removed, replaced and changed, stateful alerts, policy verdicts, monthly cost delta.")
final class DiffCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", paramLabel = "FILE", required = true, description = "The plan before the change.")
    private Path base;

    @Option(names = "--head", paramLabel = "FILE", required = true, description = "The plan after the change.")
    private Path head;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--fail-on-increase", paramLabel = "N%|USD", description = "Exit 1 when the monthly cost rises by more than this: 10%% or 100 (US dollars).")
    private String failOnIncrease;

    @Option(names = "--fail-on-data-risk", description = "Exit 1 when a stateful resource (database, cache, bucket, key, secret, log group, volume, cluster) is deleted or replaced.")
    private boolean failOnDataRisk;

    @Option(names = "--usage-dir", paramLabel = "DIR", defaultValue = ".", description = "Where cost-usage.<stack>.yaml files are (default: the current directory).")
    private Path usageDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            IncreaseThreshold threshold = failOnIncrease == null ? null : IncreaseThreshold.parse(failOnIncrease);
            PlanReader.PlanDocument before = PlanReader.read(base);
            PlanReader.PlanDocument after = PlanReader.read(head);
            PlanDiff diff = PlanDiff.between(before, after, UsageFile.forStack(usageDir, before.plan().stack()),
                    UsageFile.forStack(usageDir, after.plan().stack()));
            out.print(switch (format) {
                case text -> DiffText.render(diff);
                case markdown -> DiffMarkdown.render(diff, DiagramResources.markdown(diff, before.plan(), after.plan()));
                case json -> DiffJson.render(diff);
            });
            out.flush();
            int exitCode = ExitCodes.OK;
            if (threshold != null && threshold.exceededBy(diff.totalCost())) {
                err.println(diff.totalCost().known()
                        ? "error: the monthly cost " + ReviewGates.increase(diff.totalCost()) + ", above --fail-on-increase " + threshold
                        : "error: the monthly cost change is unknown (" + CostReport.unpricedLines(diff.totalCost().unpriced()) + ", listed above; an unpriced line is never read as $0),"
                        + " so --fail-on-increase " + threshold + " fails");
                exitCode = ExitCodes.FAILED;
            }
            if (failOnDataRisk) {
                for (ResourceChange c : diff.changes()) {
                    if (c.stateful() && (c.kind() == ChangeKind.REMOVED || c.kind() == ChangeKind.REPLACED)) {
                        err.println("error: " + (c.kind() == ChangeKind.REMOVED ? "deletes " : "replaces ") + c.type() + " " + c.name()
                                + " (stateful), refused by --fail-on-data-risk");
                        exitCode = ExitCodes.FAILED;
                    }
                }
            }
            err.flush();
            return exitCode;
        } catch (IllegalArgumentException | PlanException | UsageFile.InvalidUsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }
}
