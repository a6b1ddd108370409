package com.featureapi.platform.plan;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Notes on stderr about long work (a build, an npm install, the phases of a plan, the commits of a review) and
 * how long each took. On when stderr is a terminal; off with {@code --quiet} or when output goes to a file or
 * a pipe. {@code PLATFORM_PROGRESS=1} turns it on anyway (CI logs), {@code PLATFORM_PROGRESS=0} off.
 */
public final class Progress {

    private static final Progress QUIET = new Progress(null);

    private final PrintWriter err;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /** Progress for the CLI: on for a terminal unless {@code quiet}, as {@code PLATFORM_PROGRESS} says otherwise. */
    public static Progress forCli(PrintWriter err, boolean quiet) {
        String forced = System.getenv("PLATFORM_PROGRESS");
        boolean on = forced != null && !forced.isBlank() ? !forced.equals("0") : !quiet && System.console() != null;
        return on ? new Progress(err) : QUIET;
    }

    public static Progress to(PrintWriter err) {
        return new Progress(err);
    }

    public static Progress quiet() {
        return QUIET;
    }

    public boolean on() {
        return err != null;
    }

    /** One line, as is. */
    public void note(String line) {
        if (err != null) {
            err.println(line);
            err.flush();
        }
    }

    /** Runs {@code work}, announcing it first and printing its duration after ("what: 1.2 s"). */
    public <T> T step(String what, Supplier<T> work) {
        note(what + " ...");
        long start = System.nanoTime();
        T result = work.get();
        note(what + ": done in " + seconds(System.nanoTime() - start));
        return result;
    }

    public void step(String what, Runnable work) {
        step(what, () -> {
            work.run();
            return null;
        });
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
