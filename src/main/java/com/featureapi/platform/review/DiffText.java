package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;

import java.util.Map;

/** A {@link PlanDiff} for the terminal. */
public final class DiffText {

    private DiffText() {
    }

    public static String render(PlanDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("plan diff ").append(diff.baseStack()).append(" -> ").append(diff.headStack()).append('\n');
        for (Alert a : diff.alerts()) {
            out.append("!! ").append(a.message()).append('\n');
        }
        out.append("\nmonthly cost: ").append(DiffMarkdown.before(diff.totalCost())).append(" -> ")
                .append(DiffMarkdown.after(diff.totalCost())).append(" (").append(DiffMarkdown.signed(diff.totalCost())).append(")\n");
        for (Map.Entry<String, CostDelta> tier : diff.costByTier().entrySet()) {
            out.append(String.format("  %-16s %14s -> %14s  %s%n", tier.getKey(), DiffMarkdown.before(tier.getValue()),
                    DiffMarkdown.after(tier.getValue()), DiffMarkdown.signed(tier.getValue())));
        }
        for (UnpricedLine u : diff.unpriced()) {
            out.append("  unpriced (").append(u.side()).append("): ").append(u.type()).append(' ').append(u.name()).append(", ")
                    .append(u.label()).append(": ").append(u.reason()).append('\n');
        }
        for (NodeGroupCeiling c : diff.ceilings()) {
            out.append("  node group ").append(c.name()).append(" at max (").append(c.maxBefore() == null ? "new" : c.maxBefore().toPlainString())
                    .append(" -> ").append(c.maxAfter()).append(" nodes): ").append(DiffMarkdown.ceilingSide(c.atMax().baseUsd(), c.atMax().baseUnpriced())).append(" -> ")
                    .append(DiffMarkdown.ceilingSide(c.atMax().headUsd(), c.atMax().headUnpriced())).append(" (").append(DiffMarkdown.signed(c.atMax())).append(")\n");
        }
        out.append("\nresources: ").append(diff.count(ChangeKind.ADDED)).append(" added, ").append(diff.count(ChangeKind.REMOVED))
                .append(" removed, ").append(diff.count(ChangeKind.REPLACED)).append(" replaced, ").append(diff.count(ChangeKind.CHANGED))
                .append(" changed\n");
        for (ResourceChange c : diff.changes()) {
            out.append(String.format("%-2s %s %s%s%s%n", DiffMarkdown.symbol(c.kind()), c.type(), c.name(),
                    c.stateful() ? " (stateful)" : "", c.cost().changed() ? "  " + DiffMarkdown.signed(c.cost()) : ""));
            if (c.stopsDeploy()) {
                out.append("     the deploy will stop here: ").append(c.name()).append(" is protected (see ").append(PlanDiff.PROTECTED_RUNBOOK).append(")\n");
            }
            if (c.protectBefore() != c.protectAfter()) {
                out.append("     protect: ").append(c.protectBefore()).append(" -> ").append(c.protectAfter()).append('\n');
            }
            if (c.kind() != ChangeKind.ADDED) {
                for (PropertyChange p : c.properties()) {
                    out.append("     ").append(p.path()).append(": ").append(p.before() == null ? "(none)" : p.before()).append(" -> ")
                            .append(p.after() == null ? "(none)" : p.after()).append(p.forcesReplacement() ? "  [forces replacement]" : "")
                            .append(p.note().isEmpty() ? "" : "  [" + p.note() + "]").append('\n');
                }
            }
        }
        for (ResourceChange c : diff.ignored()) {
            for (PropertyChange p : c.ignoredProperties()) {
                out.append("=  ").append(c.type()).append(' ').append(c.name()).append(": ").append(p.path()).append(": ").append(p.before())
                        .append(" -> ").append(p.after()).append("  [ignored (applies only when created)]\n");
            }
        }
        out.append("\npolicy verdicts: ").append(diff.policyChanges().isEmpty() ? "none appeared or disappeared" : "").append('\n');
        for (PolicyChange p : diff.policyChanges()) {
            out.append(p.appeared() ? "  new:  " : "  gone: ").append(p.policy()).append(p.level().isEmpty() ? "" : " (" + p.level() + ")")
                    .append(p.resource().isEmpty() ? "" : " on " + p.resource()).append(": ").append(p.message()).append('\n');
        }
        return out.toString();
    }
}
