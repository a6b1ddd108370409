package com.featureapi.platform.policy;

import java.io.PrintWriter;

/** Where progress notes of the policy phase go (stderr in the CLI, nowhere in tests). */
@FunctionalInterface
public interface PolicyLog {

    void info(String message);

    static PolicyLog to(PrintWriter err) {
        return message -> {
            err.println(message);
            err.flush();
        };
    }

    static PolicyLog quiet() {
        return message -> { };
    }
}
