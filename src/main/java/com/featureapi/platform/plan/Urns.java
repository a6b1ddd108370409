package com.featureapi.platform.plan;

/**
 * URNs as the Pulumi engine spells them. The SDK's test engine builds a child's URN from its parent's
 * whole type chain, the root stack's type included ({@code ...::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::main});
 * the real engine leaves the root stack out ({@code ...::aws:ec2/vpc:Vpc::main}). Plans use the real
 * spelling, so that they match {@code pulumi preview}, the state file and the policy pack's view.
 */
final class Urns {

    private static final String STACK_IN_CHAIN = "::pulumi:pulumi:Stack$";

    private Urns() {
    }

    /** The engine's spelling of a URN, or of a provider reference {@code <urn>::<id>}; other text unchanged. */
    static String real(String urnOrReference) {
        return urnOrReference.startsWith("urn:pulumi:") ? urnOrReference.replace(STACK_IN_CHAIN, "::") : urnOrReference;
    }
}
