package com.featureapi.platform.cli;

import com.featureapi.platform.App;
import com.featureapi.platform.plan.OfflineEngine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one call of {@code ./platform} printed and returned, as the CLI tests run it (in-process). */
record CliRun(int exitCode, String out, String err) {

    /** Runs the CLI on the real program. */
    static CliRun of(String... args) {
        return of(App::define, args);
    }

    /** Runs the CLI with {@code program} in place of the real one. */
    static CliRun of(OfflineEngine.Program program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlatformCli.run(new PrintWriter(out, true), new PrintWriter(err, true), program, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
