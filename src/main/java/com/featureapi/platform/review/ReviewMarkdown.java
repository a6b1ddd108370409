package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;

import java.util.List;

/**
 * The review of a change as one Markdown document, the pull-request comment: a line per stack (resources
 * + / ~ / -, replacements, cost delta, new mandatory violations, data at risk), the gates' verdicts, then
 * per stack its stateful alerts, cost by tier, a Mermaid picture of what changes, the resources and the
 * policy verdicts that changed ({@link DiffMarkdown#body}).
 */
public final class ReviewMarkdown {

    /** A gate's outcome for the document: what it checks and, when it failed, why. */
    public record Gate(String name, boolean passed, String detail) {
    }

    private ReviewMarkdown() {
    }

    public static String render(String baseLabel, String headLabel, List<StackReview> stacks, List<Gate> gates) {
        StringBuilder out = new StringBuilder();
        out.append("## Platform review: `").append(baseLabel).append("` → `").append(headLabel).append("`\n\n");
        out.append("| stack | resources | replaced | monthly cost | new mandatory violations | data at risk |\n");
        out.append("|---|---|---:|---|---:|---:|\n");
        for (StackReview s : stacks) {
            PlanDiff d = s.diff();
            out.append("| [`").append(s.stack()).append("`](#").append(anchor(s.stack())).append(") | ").append(counts(d)).append(" | ")
                    .append(d.count(ChangeKind.REPLACED)).append(" | ").append(costLine(d)).append(" | ")
                    .append(s.newMandatoryViolations().size()).append(" | ")
                    .append(s.dataAtRisk() > 0 ? "**" + s.dataAtRisk() + "**" : "0").append(" |\n");
        }
        out.append('\n');
        for (Gate gate : gates) {
            out.append(gate.passed() ? "- [x] " : "- [ ] **failed:** ").append(gate.name())
                    .append(gate.detail().isEmpty() ? "" : ": " + gate.detail()).append('\n');
        }
        if (!gates.isEmpty()) {
            out.append('\n');
        }
        for (StackReview s : stacks) {
            out.append("## Stack `").append(s.stack()).append("`\n\n");
            out.append(summaryLine(s)).append("\n\n");
            if (!s.note().isEmpty()) {
                out.append("> ").append(s.note()).append("\n\n");
            }
            // hook: security-relevant changes that no policy needs to catch (SecurityCautions)
            out.append(SecurityCautions.markdown(SecurityCautions.between(s.base(), s.head())));
            out.append(DiffMarkdown.body(s.diff(), DiagramResources.markdown(s.diff(), s.base(), s.head()))).append('\n');
        }
        out.append("<sub>Offline plans of both commits (`./platform review`): computed ids and ARNs are stand-ins, prices are list prices of the catalog in `src/main/resources/prices/`.</sub>\n");
        return out.toString();
    }

    /** The stack's one line: what changes, what it costs, what it breaks. */
    public static String summaryLine(StackReview s) {
        PlanDiff d = s.diff();
        int mandatory = s.newMandatoryViolations().size();
        return "**" + s.stack() + ":** " + counts(d) + ", " + d.count(ChangeKind.REPLACED) + " replaced; monthly cost "
                + DiffMarkdown.signed(d.totalCost()) + " (" + CostReport.usd(d.totalCost().baseUsd()) + " → "
                + CostReport.usd(d.totalCost().headUsd()) + "); "
                + (mandatory == 0 ? "no new mandatory violation" : mandatory + " new mandatory violation" + (mandatory == 1 ? "" : "s"))
                + (s.dataAtRisk() > 0 ? "; **" + s.dataAtRisk() + " stateful resource" + (s.dataAtRisk() == 1 ? "" : "s") + " at risk**" : "");
    }

    static String counts(PlanDiff d) {
        return "+" + d.count(ChangeKind.ADDED) + " ~" + d.count(ChangeKind.CHANGED) + " -" + d.count(ChangeKind.REMOVED);
    }

    private static String costLine(PlanDiff d) {
        return CostReport.usd(d.totalCost().baseUsd()) + " → " + CostReport.usd(d.totalCost().headUsd()) + " (" + DiffMarkdown.signed(d.totalCost()) + ")";
    }

    /** GitHub's anchor of the heading "Stack `NAME`". */
    static String anchor(String stack) {
        return "stack-" + stack.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }
}
