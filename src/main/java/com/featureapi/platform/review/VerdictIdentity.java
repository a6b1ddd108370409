package com.featureapi.platform.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which verdicts of two plans are the same finding. A verdict is identified by its policy and the resource it is
 * about, not by its message: a message that quotes a value the change touched in passing (an image tag in an
 * advisory about digests) must not turn an accepted finding into a "new" and a "gone" on every image bump. When one
 * resource has several verdicts of one policy, equal messages pair first, then the rest pair in order; only what is
 * left over appeared or disappeared.
 */
final class VerdictIdentity {

    /** One verdict as a plan records it. */
    record Verdict(String policy, String level, String resource, String message) {
    }

    private VerdictIdentity() {
    }

    static List<PolicyChange> changes(List<Verdict> before, List<Verdict> after) {
        Map<String, List<Verdict>> b = byIdentity(before);
        Map<String, List<Verdict>> a = byIdentity(after);
        List<PolicyChange> result = new ArrayList<>();
        a.forEach((identity, heads) -> leftOver(heads, b.getOrDefault(identity, List.of())).forEach(v -> result.add(change(true, v))));
        b.forEach((identity, bases) -> leftOver(bases, a.getOrDefault(identity, List.of())).forEach(v -> result.add(change(false, v))));
        return List.copyOf(result);
    }

    /**
     * The verdicts of one side that the other side's verdicts of the same identity do not account for: equal messages
     * pair first; what remains on both sides is the same finding with a reworded message, paired in order.
     */
    private static List<Verdict> leftOver(List<Verdict> side, List<Verdict> other) {
        List<Verdict> others = new ArrayList<>(other);
        List<Verdict> unmatched = new ArrayList<>();
        for (Verdict v : side) {
            if (!removeSameMessage(others, v)) {
                unmatched.add(v);
            }
        }
        return unmatched.subList(Math.min(unmatched.size(), others.size()), unmatched.size());
    }

    private static boolean removeSameMessage(List<Verdict> from, Verdict v) {
        for (int i = 0; i < from.size(); i++) {
            if (from.get(i).message().equals(v.message())) {
                from.remove(i);
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<Verdict>> byIdentity(List<Verdict> verdicts) {
        Map<String, List<Verdict>> result = new LinkedHashMap<>();
        verdicts.forEach(v -> result.computeIfAbsent(v.policy() + "\n" + v.resource(), k -> new ArrayList<>()).add(v));
        return result;
    }

    private static PolicyChange change(boolean appeared, Verdict v) {
        return new PolicyChange(appeared, v.policy(), v.level(), v.resource(), v.message());
    }
}
