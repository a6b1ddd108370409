package com.featureapi.platform.review;

/**
 * One input that differs between the two plans, by dotted path ({@code scalingConfig.desiredSize}). Values are
 * as the plans record them, so a secret stays {@code [secret]}; {@code null} means absent on that side.
 *
 * @param path               the input's dotted path
 * @param before             base value as JSON text, or null
 * @param after              head value as JSON text, or null ({@value #KNOWN_AFTER_APPLY} for a value fed by a
 *                           resource that is replaced or created)
 * @param forcesReplacement  AWS (or Kubernetes) cannot change it in place: the resource is replaced
 * @param effect             what {@code pulumi up} does with the change
 */
public record PropertyChange(String path, String before, String after, boolean forcesReplacement, Effect effect) {

    public static final String KNOWN_AFTER_APPLY = "(known after apply)";

    /** What {@code pulumi up} does with a changed input. */
    public enum Effect {
        /** The change is applied (in place, or by a replacement when {@code forcesReplacement}). */
        APPLIED,
        /** The input is under {@code ignoreChanges}: the resource keeps its value; it applies only when created. */
        IGNORED,
        /** Fed by a resource that is replaced or created: its value is known only during the deployment. */
        KNOWN_AFTER_APPLY
    }

    /** An applied change. */
    public PropertyChange(String path, String before, String after, boolean forcesReplacement) {
        this(path, before, after, forcesReplacement, Effect.APPLIED);
    }

    public boolean ignored() {
        return effect == Effect.IGNORED;
    }

    /** How the change reads in a report: "ignored (applies only when created)", "known after apply", or "". */
    public String note() {
        return switch (effect) {
            case IGNORED -> "ignored (applies only when created)";
            case KNOWN_AFTER_APPLY -> "known after apply";
            case APPLIED -> "";
        };
    }
}
