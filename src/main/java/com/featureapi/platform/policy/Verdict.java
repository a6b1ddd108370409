package com.featureapi.platform.policy;

/**
 * One violation reported by a policy.
 *
 * @param policyPack        the pack's name
 * @param policyPackVersion the pack's version (package.json)
 * @param policy            the policy's name
 * @param enforcementLevel  {@code mandatory} or {@code advisory} (as configured for the stack)
 * @param urn               the resource it is about; {@code ""} for a finding about the stack as a whole
 * @param message           what is wrong and how to fix it
 */
public record Verdict(String policyPack, String policyPackVersion, String policy, String enforcementLevel, String urn, String message) {

    public boolean mandatory() {
        return enforcementLevel.equals("mandatory");
    }

    /** {@code <type> <name>} of the resource, read from its URN, or {@code (stack)}. */
    public String resource() {
        if (urn.isEmpty()) {
            return "(stack)";
        }
        String[] parts = urn.split("::");
        if (parts.length < 4) {
            return urn;
        }
        String types = parts[parts.length - 2];
        return types.substring(types.lastIndexOf('$') + 1) + " " + parts[parts.length - 1];
    }
}
