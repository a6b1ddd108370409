package com.featureapi.platform.policy;

import java.io.PrintWriter;
import java.util.List;

/** The policy verdicts as the CLI prints them: grouped by enforcement level, each with its resource and message. */
public final class PolicyReport {

    private PolicyReport() {
    }

    public static void print(PolicyResult result, PrintWriter out) {
        for (PolicyResult.Pack pack : result.packs()) {
            out.println("policy pack " + pack.name() + "@" + pack.version() + " (" + pack.policies() + " policies, "
                    + (pack.config().isEmpty() ? "no stack config" : "config " + pack.config()) + ")");
        }
        out.println("policies: " + result.mandatory() + " mandatory, " + result.advisory() + " advisory violation"
                + (result.advisory() == 1 ? "" : "s"));
        group("mandatory", result.verdicts().stream().filter(Verdict::mandatory).toList(), out);
        group("advisory", result.verdicts().stream().filter(v -> !v.mandatory()).toList(), out);
    }

    private static void group(String level, List<Verdict> verdicts, PrintWriter out) {
        if (verdicts.isEmpty()) {
            return;
        }
        out.println(level + ":");
        for (Verdict v : verdicts) {
            out.println("  " + v.policy() + "  " + v.resource());
            out.println("      " + v.message());
        }
    }
}
