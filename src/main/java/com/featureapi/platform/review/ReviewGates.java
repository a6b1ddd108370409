package com.featureapi.platform.review;

import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.review.ReviewMarkdown.Gate;

import java.util.ArrayList;
import java.util.List;

/** The checks that fail a review: a new mandatory policy violation, a monthly cost increase above a threshold. */
public final class ReviewGates {

    private ReviewGates() {
    }

    /**
     * @param threshold          the cost gate ({@code --fail-on-increase}), or null for none
     * @param failOnNewMandatory whether a new mandatory violation fails the review
     */
    public static List<Gate> evaluate(List<StackReview> reviews, IncreaseThreshold threshold, boolean failOnNewMandatory) {
        List<Gate> gates = new ArrayList<>();
        if (failOnNewMandatory) {
            List<String> found = new ArrayList<>();
            for (StackReview r : reviews) {
                for (PolicyChange p : r.newMandatoryViolations()) {
                    found.add(r.stack() + ": " + p.policy() + (p.resource().isEmpty() ? "" : " on " + p.resource()));
                }
            }
            gates.add(new Gate("no new mandatory policy violation", found.isEmpty(), String.join("; ", found)));
        }
        if (threshold != null) {
            List<String> over = new ArrayList<>();
            for (StackReview r : reviews) {
                CostDelta total = r.diff().totalCost();
                if (threshold.exceededBy(total)) {
                    over.add(r.stack() + " rises by " + CostReport.usd(total.deltaUsd())
                            + total.percent().map(p -> " (" + p.toPlainString() + "%)").orElse(" (from $0)"));
                }
            }
            gates.add(new Gate("monthly cost increase per stack at most " + threshold, over.isEmpty(), String.join("; ", over)));
        }
        return List.copyOf(gates);
    }
}
