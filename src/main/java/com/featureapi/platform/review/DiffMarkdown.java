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

    /** Everything but the title: alerts, cost, resources with the diagram, policy verdicts. */
    public static String body(PlanDiff diff, String diagram) {
        StringBuilder out = new StringBuilder();
        out.append(alerts(diff));
        out.append(cost(diff));
        out.append(resourcesHeading(diff));
        if (!diagram.isEmpty()) {
            out.append(diagram).append("\n");
        }
        out.append(resourceTable(diff.changes()));
        out.append(properties(diff.changes()));
        out.append(ignored(diff));
        out.append(policyVerdicts(diff.policyChanges()));
        return out.toString();
    }

    /** The caution block of stateful changes, or "" when there is none. */
    public static String alerts(PlanDiff diff) {
        if (diff.alerts().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("> [!CAUTION]\n> **").append(diff.alerts().size()).append(" stateful change").append(diff.alerts().size() == 1 ? "" : "s")
                .append(" to review**\n");
        diff.alerts().forEach(a -> out.append("> - ").append(escape(a.message())).append("\n"));
        return out.append("\n").toString();
    }

    /** The monthly cost line, the table by tier and the unpriced lines. */
    public static String cost(PlanDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("**Monthly cost:** ").append(before(diff.totalCost())).append(" → ")
                .append(after(diff.totalCost())).append(" (").append(signed(diff.totalCost())).append(")\n\n");
        out.append("| tier | before | after | change |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, CostDelta> tier : diff.costByTier().entrySet()) {
            CostDelta d = tier.getValue();
            out.append("| ").append(tier.getKey()).append(" | ").append(before(d)).append(" | ")
                    .append(after(d)).append(" | ").append(signed(d)).append(" |\n");
        }
        out.append("| **total** | **").append(before(diff.totalCost())).append("** | **")
                .append(after(diff.totalCost())).append("** | **").append(signed(diff.totalCost())).append("** |\n\n");
        if (!diff.unpriced().isEmpty()) {
            out.append("> [!WARNING]\n> **The cost change is unknown:** ").append(CostReport.unpricedLines(diff.baseCost().unpricedLines())).append(" before, ").append(diff.headCost().unpricedLines())
                    .append(" after (the totals above leave them out; they are never read as $0):\n");
            diff.unpriced().forEach(u -> out.append("> - ").append(u.side()).append(": `").append(u.type()).append("` ").append(escape(u.name()))
                    .append(", ").append(escape(u.label())).append(": ").append(escape(u.reason())).append("\n"));
            out.append("\n");
        }
        if (!diff.ceilings().isEmpty()) {
            out.append("| node group or pool | nodes min-max | instances at max, a month |\n|---|---|---:|\n");
            for (NodeGroupCeiling c : diff.ceilings()) {
                out.append("| ").append(escape(c.name())).append(" | ").append(range(c.minBefore(), c.maxBefore())).append(" → ")
                        .append(range(c.minAfter(), c.maxAfter())).append(" | ").append(ceilingSide(c.atMax().baseUsd(), c.atMax().baseUnpriced())).append(" → ")
                        .append(ceilingSide(c.atMax().headUsd(), c.atMax().headUnpriced())).append(" (").append(signed(c.atMax())).append(") |\n");
            }
            out.append("\nNode groups are priced at their desired size; the ceiling is what the autoscaler may run at most. A Karpenter"
                    + " NodePool has no node at rest; its ceiling is its limits.cpu filled with the allowed type dearest per vCPU.\n\n");
        }
        return out.toString();
    }

    static String resourcesHeading(PlanDiff diff) {
        return "### Resources: " + diff.count(ChangeKind.ADDED) + " added, " + diff.count(ChangeKind.REMOVED) + " removed, "
                + diff.count(ChangeKind.REPLACED) + " replaced, " + diff.count(ChangeKind.CHANGED) + " changed\n\n";
    }

    /** One row per changed resource with its cost delta; "" when nothing changed. */
    public static String resourceTable(List<ResourceChange> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("| | resource | tier | monthly cost |\n|---|---|---|---:|\n");
        for (ResourceChange c : changes) {
            out.append("| ").append(symbol(c.kind())).append(" | `").append(CostReport.shortType(c.type())).append("` ").append(escape(c.name()))
                    .append(c.stateful() ? " (stateful)" : "").append(c.stopsDeploy() ? " **deploy stops: protected**" : "")
                    .append(" | ").append(c.tier()).append(" | ")
                    .append(c.cost().changed() ? signed(c.cost()) : "").append(" |\n");
        }
        return out.append("\n").toString();
    }

    /** Inputs under ignoreChanges that differ on resources with no other change; "" when there is none. */
    public static String ignored(PlanDiff diff) {
        if (diff.ignored().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Ignored by `ignoreChanges` (the resource keeps its value; it applies only when created):\n\n");
        for (ResourceChange c : diff.ignored()) {
            for (PropertyChange p : c.ignoredProperties()) {
                out.append("- `").append(CostReport.shortType(c.type())).append("` ").append(escape(c.name())).append(": ")
                        .append(escape(p.path())).append(" ").append(cell(p.before())).append(" → ").append(cell(p.after()))
                        .append(" ignored (applies only when created)\n");
            }
        }
        return out.append("\n").toString();
    }

    /** The collapsed block of every changed input; "" when no resource has one. */
    public static String properties(List<ResourceChange> changes) {
        StringBuilder rows = new StringBuilder();
        for (ResourceChange c : changes) {
            if (c.properties().isEmpty() && c.protectBefore() == c.protectAfter()) {
                continue;
            }
            rows.append("#### ").append(symbol(c.kind())).append(" `").append(c.type()).append("` ").append(escape(c.name())).append("\n\n");
            if (c.stopsDeploy()) {
                rows.append("**The deploy will stop here: `").append(escape(c.name())).append("` is protected.** Runbook: [")
                        .append(PlanDiff.PROTECTED_RUNBOOK).append("](").append(PlanDiff.PROTECTED_RUNBOOK).append(").\n\n");
            }
            if (c.kind() == ChangeKind.REPLACED) {
                rows.append(c.stopsDeploy() ? "It would be replaced because " : "Replaced because ").append(String.join(", ", c.replacementCauses())).append(" cannot change in place.\n\n");
            }
            rows.append("| input | before | after |\n|---|---|---|\n");
            if (c.protectBefore() != c.protectAfter()) {
                rows.append("| _protect_ | ").append(c.protectBefore()).append(" | ").append(c.protectAfter()).append(" |\n");
            }
            for (PropertyChange p : c.properties()) {
                rows.append("| ").append(escape(p.path())).append(p.forcesReplacement() ? " (replaces)" : "")
                        .append(p.note().isEmpty() ? "" : " _" + p.note() + "_").append(" | ")
                        .append(cell(p.before())).append(" | ").append(cell(p.after())).append(" |\n");
            }
            rows.append("\n");
        }
        return rows.isEmpty() ? "" : "<details><summary>properties</summary>\n\n" + rows + "</details>\n\n";
    }

    /** The verdicts that appeared or disappeared. */
    public static String policyVerdicts(List<PolicyChange> policies) {
        StringBuilder out = new StringBuilder("### Policy verdicts\n\n");
        if (policies.isEmpty()) {
            return out.append("No verdict appeared or disappeared.\n").toString();
        }
        out.append("| | policy | level | resource | message |\n|---|---|---|---|---|\n");
        for (PolicyChange p : policies) {
            out.append("| ").append(p.appeared() ? "new" : "gone").append(" | ").append(escape(p.policy())).append(" | ").append(p.level())
                    .append(" | ").append(escape(p.resource().isEmpty() ? "(stack)" : ReviewMarkdown.shortResource(p.resource()))).append(" | ")
                    .append(escape(p.message())).append(" |\n");
        }
        return out.toString();
    }

    /** The base side of a cost: its priced sum, and " + unpriced" when that side has lines without a price (never a bare $0.00). */
    static String before(CostDelta d) {
        return CostReport.usd(d.baseUsd()) + (d.baseUnpriced() > 0 ? " + unpriced" : "");
    }

    /** The head side of a cost, as {@link #before}. */
    static String after(CostDelta d) {
        return CostReport.usd(d.headUsd()) + (d.headUnpriced() > 0 ? " + unpriced" : "");
    }

    /** One side of a node group's ceiling: its amount, or "unknown" when its instance type has no price (never $0.00). */
    static String ceilingSide(BigDecimal usd, long unpriced) {
        return unpriced > 0 ? "unknown" : CostReport.usd(usd);
    }

    static String signed(CostDelta d) {
        if (!d.known()) {
            return "unknown, " + CostReport.unpricedLines(d.unpriced());
        }
        BigDecimal delta = d.deltaUsd();
        String amount = (delta.signum() > 0 ? "+" : "") + CostReport.usd(delta);
        return amount + d.percent().map(p -> ", " + (p.signum() > 0 ? "+" : "") + p.toPlainString() + "%").orElse(d.baseUsd().signum() == 0 && delta.signum() != 0 ? ", new" : "");
    }

    private static String range(BigDecimal min, BigDecimal max) {
        return max == null ? "(new)" : (min == null ? "?" : min.toPlainString()) + "-" + max.toPlainString();
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

    static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
