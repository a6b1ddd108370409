package com.featureapi.platform.review;

/**
 * A policy verdict present in one plan's {@code policy} section and not in the other.
 *
 * @param appeared  true when only the head has it (a new violation), false when it disappeared (fixed)
 * @param policy    policy name
 * @param level     enforcement level ({@code mandatory}, {@code advisory}...), "" when the plan does not say
 * @param resource  the resource's address (URN without the stack), "" for a stack-wide verdict
 * @param message   the verdict's message
 */
public record PolicyChange(boolean appeared, String policy, String level, String resource, String message) {
}
