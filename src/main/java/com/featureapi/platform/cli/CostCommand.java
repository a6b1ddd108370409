package com.featureapi.platform.cli;

import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.Recommendation;
import com.featureapi.platform.cost.RecommendationReport;
import com.featureapi.platform.cost.Recommender;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlanReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code platform cost}: the monthly cost breakdown of an existing plan.json. */
@Command(name = "cost",
        mixinStandardHelpOptions = true,
        description = {"Price a plan.json: monthly cost per resource, per tier and in total (fixed and usage-based apart).",
                "With --recommend: savings recommendations instead (Graviton, reservations, spot, idle or oversized, EKS extended support),"
                        + " each with its monthly figure, risk and config key."})
final class CostCommand implements Callable<Integer> {

    enum Format { text, json, markdown }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", paramLabel = "FILE", required = true, description = "The plan to price (out/<stack>/plan.json).")
    private Path plan;

    @Option(names = "--usage", paramLabel = "FILE", description = "Usage file (default: cost-usage.<stack>.yaml in the current directory, if any).")
    private Path usage;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--recommend", description = "Savings recommendations from the plan, the price catalog and the usage file, largest first.")
    private boolean recommend;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PlanReader.PlanDocument document = PlanReader.read(plan);
            UsageFile usageFile = usage != null ? UsageFile.load(usage) : UsageFile.forStack(Path.of("."), document.plan().stack());
            CostEstimate estimate = CostEstimator.estimate(document.plan(), usageFile);
            if (recommend) {
                List<Recommendation> recommendations = Recommender.recommend(document.plan(), usageFile);
                out.print(switch (format) {
                    case text -> RecommendationReport.text(estimate, recommendations);
                    case json -> RecommendationReport.json(estimate, recommendations);
                    case markdown -> RecommendationReport.markdown(estimate, recommendations);
                });
                out.flush();
                return ExitCodes.OK;
            }
            out.print(switch (format) {
                case text -> CostReport.text(estimate);
                case json -> CostReport.json(estimate);
                case markdown -> CostReport.markdown(estimate);
            });
            out.flush();
            return ExitCodes.OK;
        } catch (PlanException | UsageFile.InvalidUsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        }
    }
}
