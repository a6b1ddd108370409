package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.review.ReviewMarkdown.Gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks that fail a review: a new mandatory policy violation, a monthly cost increase above a threshold (or an
 * unknown one), a stateful resource deleted or replaced in a stack where that is not allowed.
 */
public final class ReviewGates {

    private ReviewGates() {
    }

    /**
     * @param threshold          the cost gate ({@code --fail-on-increase}), or null for none
     * @param failOnNewMandatory whether a new mandatory violation fails the review
     */
    public static List<Gate> evaluate(List<StackReview> reviews, IncreaseThreshold threshold, boolean failOnNewMandatory) {
        return evaluate(reviews, threshold, failOnNewMandatory, s -> false);
    }

    /**
     * @param threshold          the cost gate ({@code --fail-on-increase}), or null for none
     * @param failOnNewMandatory whether a new mandatory violation fails the review
     * @param guardsData         the stacks where a deletion or replacement of a stateful resource fails the review
     *                           ({@code --fail-on-data-risk}); no gate when it holds for none of the reviewed stacks
     */
    public static List<Gate> evaluate(List<StackReview> reviews, IncreaseThreshold threshold, boolean failOnNewMandatory,
                                      java.util.function.Predicate<String> guardsData) {
        List<Gate> gates = new ArrayList<>();
        if (failOnNewMandatory) {
            List<String> found = new ArrayList<>();
            for (StackReview r : reviews) {
                for (PolicyChange p : r.newMandatoryViolations()) {
                    found.add(r.stack() + ": " + p.policy() + (p.resource().isEmpty() ? "" : " on " + p.resource()));
                }
            }
            gates.add(new Gate("no new mandatory policy violation", found.isEmpty(), String.join("; ", found),
                    reviews.stream().filter(r -> !r.newMandatoryViolations().isEmpty()).map(StackReview::stack).toList()));
        }
        if (threshold != null) {
            List<String> over = new ArrayList<>();
            List<String> overStacks = new ArrayList<>();
            for (StackReview r : reviews) {
                CostDelta total = r.diff().totalCost();
                if (threshold.exceededBy(total)) {
                    over.add(r.stack() + " " + increase(total));
                    overStacks.add(r.stack());
                }
            }
            gates.add(new Gate("monthly cost increase per stack at most " + threshold, over.isEmpty(), String.join("; ", over), overStacks));
        }
        List<StackReview> guarded = reviews.stream().filter(r -> guardsData.test(r.stack())).toList();
        if (!guarded.isEmpty()) {
            List<String> atRisk = new ArrayList<>();
            List<String> atRiskStacks = new ArrayList<>();
            for (StackReview r : guarded) {
                for (ResourceChange c : r.diff().changes()) {
                    if (c.stateful() && (c.kind() == ChangeKind.REMOVED || c.kind() == ChangeKind.REPLACED)) {
                        atRisk.add(r.stack() + ": " + (c.kind() == ChangeKind.REMOVED ? "deletes " : "replaces ") + c.type() + " " + c.name());
                        if (!atRiskStacks.contains(r.stack())) {
                            atRiskStacks.add(r.stack());
                        }
                    }
                }
            }
            gates.add(new Gate("no stateful resource deleted or replaced in " + String.join(", ", guarded.stream().map(StackReview::stack).toList()),
                    atRisk.isEmpty(), String.join("; ", atRisk), atRiskStacks));
        }
        return List.copyOf(gates);
    }

    /** "rises by $730.00 (35.5%)", or "has an unknown change (1 unpriced line: ...)" when it cannot be computed. */
    public static String increase(CostDelta total) {
        if (!total.known()) {
            return "has an unknown cost change (" + CostReport.unpricedLines(total.unpriced())
                    + "; an unpriced line is never read as $0)";
        }
        return "rises by " + CostReport.usd(total.deltaUsd()) + total.percent().map(p -> " (" + p.toPlainString() + "%)").orElse(" (from $0)");
    }
}
