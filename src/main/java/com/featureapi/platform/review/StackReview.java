package com.featureapi.platform.review;

import com.featureapi.platform.cost.Recommendation;
import com.featureapi.platform.cost.Recommender;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;

import java.util.List;

/**
 * One stack of a review: its diff and the two plans it came from (a stack that one commit does not have
 * is diffed against an empty plan of the other's config, so all of it is added or removed).
 *
 * @param stack  stack name
 * @param diff   the diff of the two plans
 * @param base   the plan at the base commit (empty when the base has no such stack)
 * @param head   the plan at the head commit (empty when the head has no such stack)
 * @param note   what a reader must know about this stack beyond the diff ("new stack", "stack removed"), or ""
 * @param savings the head's savings recommendations ({@code cost --recommend}), largest first; the review shows three
 */
public record StackReview(String stack, PlanDiff diff, Plan base, Plan head, String note, List<Recommendation> savings) {

    /** A review whose savings are those of the head without a usage file (none when there is no head plan). */
    public StackReview(String stack, PlanDiff diff, Plan base, Plan head, String note) {
        this(stack, diff, base, head, note, head == null ? List.of() : Recommender.recommend(head, UsageFile.empty()));
    }

    /** Policy verdicts of mandatory level that the head has and the base has not. */
    public List<PolicyChange> newMandatoryViolations() {
        return diff.policyChanges().stream().filter(p -> p.appeared() && "mandatory".equalsIgnoreCase(p.level())).toList();
    }

    /** Stateful resources the change deletes or replaces. */
    public long dataAtRisk() {
        return diff.changes().stream()
                .filter(c -> c.stateful() && (c.kind() == ChangeKind.REMOVED || c.kind() == ChangeKind.REPLACED))
                .count();
    }
}
