package com.featureapi.platform.kubernetes;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Pod Security Admission levels, as namespace labels. */
enum PodSecurity {
    PRIVILEGED, BASELINE, RESTRICTED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Labels that enforce this level and audit and warn at {@code restricted}, so that anything weaker than
     * restricted shows up in the audit log and in {@code kubectl} warnings even where it is allowed.
     */
    Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        labels.put("pod-security.kubernetes.io/enforce", label());
        labels.put("pod-security.kubernetes.io/enforce-version", "latest");
        labels.put("pod-security.kubernetes.io/audit", RESTRICTED.label());
        labels.put("pod-security.kubernetes.io/warn", RESTRICTED.label());
        return labels;
    }
}
