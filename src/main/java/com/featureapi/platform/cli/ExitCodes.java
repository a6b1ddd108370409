package com.featureapi.platform.cli;

/** The exit codes of every command (DESIGN.md). */
final class ExitCodes {

    static final int OK = 0;
    /** A mandatory policy was violated, or the program failed for a reason other than its config. */
    static final int FAILED = 1;
    /** Invalid config or usage: nothing was planned for the stack. */
    static final int INVALID = 2;

    private ExitCodes() {
    }
}
