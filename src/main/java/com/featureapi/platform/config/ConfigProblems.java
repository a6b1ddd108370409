package com.featureapi.platform.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading, so that all of them are reported together. */
final class ConfigProblems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String key, String value, String rule) {
        problems.add(new ConfigProblem(key, value, rule));
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
