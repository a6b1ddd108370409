package com.featureapi.platform.policy;

/** A policy phase that could not run: a missing tool, a bad pack or config, an unreadable plan. */
public final class PolicyException extends RuntimeException {

    private final boolean invalidInput;

    private PolicyException(String message, Throwable cause, boolean invalidInput) {
        super(message, cause);
        this.invalidInput = invalidInput;
    }

    /** The environment or the analyzer failed (exit code 1). */
    public static PolicyException failure(String message, Throwable cause) {
        return new PolicyException(message, cause, false);
    }

    public static PolicyException failure(String message) {
        return new PolicyException(message, null, false);
    }

    /** What the user gave is wrong: an unreadable plan, a bad config file, a pack folder that is not a pack (exit code 2). */
    public static PolicyException invalidInput(String message) {
        return new PolicyException(message, null, true);
    }

    public static PolicyException invalidInput(String message, Throwable cause) {
        return new PolicyException(message, cause, true);
    }

    public boolean isInvalidInput() {
        return invalidInput;
    }
}
