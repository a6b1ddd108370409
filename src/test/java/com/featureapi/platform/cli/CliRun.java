package com.featureapi.platform.cli;

import com.featureapi.platform.App;
import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.plan.OfflineEngine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** What one call of {@code ./platform} printed and returned, as the CLI tests run it (in-process). */
record CliRun(int exitCode, String out, String err) {

    /** Runs the CLI on the real program. */
    static CliRun of(String... args) {
        return of(App::define, args);
    }

    /**
     * Runs the CLI with {@code program} in place of the real one. A {@code plan} or {@code check} that names no
     * {@code --project-dir} runs on the tests' fixture project ({@link FixtureStacks#project()}), never on the
     * live stack files of the working directory, which change in every ordinary pull request.
     */
    static CliRun of(OfflineEngine.Program program, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlatformCli.run(new PrintWriter(out, true), new PrintWriter(err, true), program, onFixtureProject(args));
        return new CliRun(code, out.toString(), err.toString());
    }

    private static String[] onFixtureProject(String[] args) {
        List<String> all = List.of(args);
        boolean readsProject = !all.isEmpty() && (all.get(0).equals("plan") || all.get(0).equals("check"));
        if (!readsProject || all.stream().anyMatch(a -> a.equals("--project-dir") || a.startsWith("--project-dir="))) {
            return args;
        }
        List<String> with = new ArrayList<>(all);
        with.addAll(1, List.of("--project-dir", FixtureStacks.project().toString()));
        return with.toArray(String[]::new);
    }
}
