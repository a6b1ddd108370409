package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A {@link PlanDiff} as GitHub/GitLab Markdown for a pull request: alerts first, then the cost delta, the
 * resources that change (each with its inputs in a collapsed block) and the policy verdicts.
 */
public final class DiffMarkdown {

    private DiffMarkdown() {
    }

    public static String render(PlanDiff diff) {
        return render(diff, "");
    }

    /** The diff with {@code diagram} (a fenced Mermaid block, see {@link DiagramResources}) above the resource table. */
    public static String render(PlanDiff diff, String diagram) {
        return "## Plan diff: `" + diff.baseStack() + "` → `" + diff.headStack() + "`\n\n" + body(diff, diagram);
    }

    /** Everything but the title: how {@link ReviewMarkdown} puts one stack's diff under its own heading. */
    public static String body(PlanDiff diff, String diagram) {
        StringBuilder out = new StringBuilder();
        if (!diff.alerts().isEmpty()) {
            out.append("> [!CAUTION]\n> **").append(diff.alerts().size()).append(" stateful change").append(diff.alerts().size() == 1 ? "" : "s")
                    .append(" to review**\n");
            diff.alerts().forEach(a -> out.append("> - ").append(escape(a.message())).append("\n"));
            out.append("\n");
        }
        out.append("**Monthly cost:** ").append(CostReport.usd(diff.totalCost().baseUsd())).append(" → ")
                .append(CostReport.usd(diff.totalCost().headUsd())).append(" (").append(signed(diff.totalCost())).append(")\n\n");
        out.append("| tier | before | after | change |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, CostDelta> tier : diff.costByTier().entrySet()) {
            CostDelta d = tier.getValue();
            out.append("| ").append(tier.getKey()).append(" | ").append(CostReport.usd(d.baseUsd())).append(" | ")
                    .append(CostReport.usd(d.headUsd())).append(" | ").append(signed(d)).append(" |\n");
        }
        out.append("| **total** | **").append(CostReport.usd(diff.totalCost().baseUsd())).append("** | **")
                .append(CostReport.usd(diff.totalCost().headUsd())).append("** | **").append(signed(diff.totalCost())).append("** |\n\n");
        long unpriced = diff.baseCost().unpricedLines() + diff.headCost().unpricedLines();
        if (unpriced > 0) {
            out.append("Unpriced lines: ").append(diff.baseCost().unpricedLines()).append(" before, ").append(diff.headCost().unpricedLines())
                    .append(" after (not in these totals).\n\n");
        }
        out.append("### Resources: ").append(diff.count(ChangeKind.ADDED)).append(" added, ").append(diff.count(ChangeKind.REMOVED))
                .append(" removed, ").append(diff.count(ChangeKind.REPLACED)).append(" replaced, ").append(diff.count(ChangeKind.CHANGED))
                .append(" changed\n\n");
        if (!diagram.isEmpty()) {
            out.append(diagram).append("\n");
        }
        if (!diff.changes().isEmpty()) {
            out.append("| | resource | tier | monthly cost |\n|---|---|---|---:|\n");
            for (ResourceChange c : diff.changes()) {
                out.append("| ").append(symbol(c.kind())).append(" | `").append(CostReport.shortType(c.type())).append("` ").append(escape(c.name()))
                        .append(c.stateful() ? " (stateful)" : "").append(" | ").append(c.tier()).append(" | ")
                        .append(c.cost().changed() ? signed(c.cost()) : "").append(" |\n");
            }
            out.append("\n<details><summary>properties</summary>\n\n");
            for (ResourceChange c : diff.changes()) {
                if (c.properties().isEmpty() && c.protectBefore() == c.protectAfter()) {
                    continue;
                }
                out.append("#### ").append(symbol(c.kind())).append(" `").append(c.type()).append("` ").append(escape(c.name())).append("\n\n");
                if (c.kind() == ChangeKind.REPLACED) {
                    out.append("Replaced because ").append(String.join(", ", c.replacementCauses())).append(" cannot change in place.\n\n");
                }
                out.append("| input | before | after |\n|---|---|---|\n");
                if (c.protectBefore() != c.protectAfter()) {
                    out.append("| _protect_ | ").append(c.protectBefore()).append(" | ").append(c.protectAfter()).append(" |\n");
                }
                for (PropertyChange p : c.properties()) {
                    out.append("| ").append(escape(p.path())).append(p.forcesReplacement() ? " (replaces)" : "").append(" | ")
                            .append(cell(p.before())).append(" | ").append(cell(p.after())).append(" |\n");
                }
                out.append("\n");
            }
            out.append("</details>\n\n");
        }
        List<PolicyChange> policies = diff.policyChanges();
        out.append("### Policy verdicts\n\n");
        if (policies.isEmpty()) {
            out.append("No verdict appeared or disappeared.\n");
        } else {
            out.append("| | policy | level | resource | message |\n|---|---|---|---|---|\n");
            for (PolicyChange p : policies) {
                out.append("| ").append(p.appeared() ? "new" : "gone").append(" | ").append(escape(p.policy())).append(" | ").append(p.level())
                        .append(" | ").append(escape(p.resource())).append(" | ").append(escape(p.message())).append(" |\n");
            }
        }
        return out.toString();
    }

    static String signed(CostDelta d) {
        BigDecimal delta = d.deltaUsd();
        String amount = (delta.signum() > 0 ? "+" : "") + CostReport.usd(delta);
        return amount + d.percent().map(p -> ", " + (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%").orElse(d.baseUsd().signum() == 0 && delta.signum() != 0 ? ", new" : "");
    }

    static String symbol(ChangeKind kind) {
        return switch (kind) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case REPLACED -> "+-";
            case CHANGED -> "~";
        };
    }

    private static String cell(String value) {
        if (value == null) {
            return "_(none)_";
        }
        String v = value.length() > 120 ? value.substring(0, 117) + "..." : value;
        return "`" + v.replace("|", "\\|").replace("`", "'").replace("\n", " ") + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
