package com.featureapi.platform.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown before any resource is registered when the stack configuration is invalid. Its message lists
 * every problem at once, so one edit of the stack file can fix them all.
 */
public final class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(String stack, List<ConfigProblem> problems) {
        super(message(stack, problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(String stack, List<ConfigProblem> problems) {
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "invalid configuration for stack \"" + stack + "\" (" + count + "):\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"))
                + "\nFix these in Pulumi." + stack + ".yaml (or with `pulumi config set`); nothing was created or changed.";
    }
}
