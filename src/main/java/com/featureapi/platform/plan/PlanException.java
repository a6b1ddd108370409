package com.featureapi.platform.plan;

/** A problem the user can fix; its message is the whole explanation. */
public final class PlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean invalidInput;

    public PlanException(String message) {
        this(message, null, false);
    }

    public PlanException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private PlanException(String message, Throwable cause, boolean invalidInput) {
        super(message, cause);
        this.invalidInput = invalidInput;
    }

    /** A problem of the user's input (unknown stack, unreadable stack file, bad options): exit code 2. */
    public static PlanException invalidInput(String message) {
        return new PlanException(message, null, true);
    }

    public boolean isInvalidInput() {
        return invalidInput;
    }
}
