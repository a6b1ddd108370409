package com.featureapi.platform.cost;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;

/**
 * One way to spend less on a stack, priced from the plan, the catalog and the usage file.
 *
 * @param kind        what sort of saving it is
 * @param resource    the resource it is about, as {@code <type>::<name>} (the usage file's address)
 * @param action      what to do, in words ({@code m5.xlarge -> m6g.xlarge})
 * @param configKey   the config key to change ({@code platform:cluster.nodeGroups[0].instanceTypes}), or what to do
 *                    instead when no key of the stack changes (a reservation is a purchase)
 * @param currentUsd  the monthly cost of what changes, today; empty when a price is missing
 * @param proposedUsd the monthly cost of the same after the change; empty when a price is missing
 * @param basis       how the figure is computed, with the unit prices and their sources, so a reader can redo it
 * @param risk        how much can go wrong
 * @param riskNote    what can go wrong, and what to check first
 * @param estimate    true when the figure rests on an estimate (a spot discount), not a list price
 */
public record Recommendation(
        Kind kind,
        String resource,
        String action,
        String configKey,
        Optional<BigDecimal> currentUsd,
        Optional<BigDecimal> proposedUsd,
        String basis,
        Risk risk,
        String riskNote,
        boolean estimate) {

    /** The sorts of savings, each with its name in JSON and Markdown. */
    public enum Kind {
        GRAVITON("graviton"),
        RESERVED("reserved"),
        SPOT("spot"),
        OVERSIZED("oversized"),
        IDLE("idle"),
        EKS_EXTENDED_SUPPORT("eks-extended-support"),
        SINGLE_NAT("single-nat");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How much can go wrong: low (nothing running changes), medium (a restart or replacement), high (capacity can vanish). */
    public enum Risk {
        LOW, MEDIUM, HIGH;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Monthly saving, current less proposed; empty (unknown, never 0) when either side has no price. */
    public Optional<BigDecimal> savingsUsd() {
        return currentUsd.isPresent() && proposedUsd.isPresent() ? Optional.of(currentUsd.get().subtract(proposedUsd.get())) : Optional.empty();
    }

    /** Largest known saving first; unknown savings after every known one; then by resource and kind, so the order is stable. */
    public static final Comparator<Recommendation> BY_SAVINGS = Comparator
            .comparing((Recommendation r) -> r.savingsUsd().isEmpty())
            .thenComparing(r -> r.savingsUsd().orElse(BigDecimal.ZERO), Comparator.reverseOrder())
            .thenComparing(Recommendation::resource)
            .thenComparing(Recommendation::kind);
}
