package com.featureapi.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects every problem found while loading, so that all of them are reported together. */
final class ConfigProblems {

    private static final String SECRET = "[secret]";

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> secretKeys;

    ConfigProblems(Set<String> secretKeys) {
        this.secretKeys = secretKeys;
    }

    /** Records a problem; the value of a secret key is replaced by {@code [secret]}, even in an error. */
    void add(String key, String value, String rule) {
        problems.add(new ConfigProblem(key, value != null && isSecret(key) ? SECRET : value, rule));
    }

    private boolean isSecret(String keyPath) {
        int end = keyPath.length();
        for (char separator : new char[] {'.', '['}) {
            int at = keyPath.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return secretKeys.contains(keyPath.substring(0, end));
    }

    void missing(String key, String example) {
        problems.add(new ConfigProblem(key, null, "required key is missing; set it, for example " + example));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny(String stack) {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(stack, problems);
        }
    }
}
