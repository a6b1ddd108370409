package com.featureapi.platform.plan;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Ctrl-C must undo, for every command: temporary folders, git worktrees, child processes (node, a child
 * JVM, Maven, npm). Whoever makes one registers its undo here and closes the registration when done; on
 * SIGINT or SIGTERM one shutdown hook silences the command's output (a thread still running must not print
 * a half-failed step or a stack trace), runs every registered undo, newest first, and prints one line. The
 * JVM then exits with 128 + the signal number (130 for Ctrl-C).
 */
public final class Interrupts {

    /** A registered undo; closing it (the work finished normally) unregisters it without running it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Map<Object, Runnable> UNDO = new LinkedHashMap<>();
    private static final AtomicBoolean FINISHED = new AtomicBoolean();
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();
    private static boolean hookInstalled;
    private static PrintStream realErr = System.err;

    private Interrupts() {
    }

    /** Registers {@code undo} to run should the process be interrupted before the registration is closed. */
    public static Registration onInterrupt(Runnable undo) {
        Object key = new Object();
        synchronized (UNDO) {
            installHook();
            UNDO.put(key, undo);
        }
        return () -> {
            synchronized (UNDO) {
                UNDO.remove(key);
            }
        };
    }

    /** Kills a child process and its descendants should the command be interrupted while it runs. */
    public static Registration onInterrupt(Process child) {
        return onInterrupt(() -> stop(child));
    }

    /** Stops a process and everything it started, forcibly after 2 s. */
    public static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Takes Ctrl-C (and SIGTERM) back from native code that took it: helm-java runs Helm's Go code in this process,
     * and once a chart is rendered Go's runtime holds SIGINT, which the JVM then never sees (a plan interrupted in
     * its policy phase ran to the end). Re-registered, the signal again exits 128 + its number through the hooks.
     */
    public static void reclaimSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.Signal.handle(signal, received -> Runtime.getRuntime().exit(128 + received.getNumber()));
        }
    }

    /**
     * A child process ended by SIGINT (exit value 130) was hit by the same Ctrl-C as this JVM: a terminal sends it to
     * the whole process group, and node or a child JVM may die before this JVM's hook starts. Waits up to 5 s for
     * the hook to take over, so the caller's error about the dead child is never printed; returns at once otherwise.
     */
    public static void awaitShutdownIfInterrupted(int childExitValue) {
        if (childExitValue != 130) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!SHUTTING_DOWN.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True once the shutdown hook runs: output of threads still working is dropped from then on. */
    public static boolean shuttingDown() {
        return SHUTTING_DOWN.get();
    }

    /** Called by {@code main} just before {@code System.exit}: the hook that then runs is no interrupt. */
    public static void finished() {
        FINISHED.set(true);
    }

    /** A writer that drops everything once the process is being interrupted (the CLI's stdout and stderr). */
    public static PrintWriter silencedOnInterrupt(OutputStream stream) {
        return new PrintWriter(new SilencedStream(stream), true, StandardCharsets.UTF_8);
    }

    /** Installs the hook now ({@code main} does, first thing): a Ctrl-C before anything was registered still gets its line. */
    public static void install() {
        synchronized (UNDO) {
            installHook();
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        realErr = System.err;
        Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::undoAll, "platform-interrupt"));
    }

    private static void undoAll() {
        boolean interrupted = !FINISHED.get();
        SHUTTING_DOWN.set(true);
        PrintStream err = realErr;
        if (interrupted) {
            // Libraries and the JVM's default handler print stack traces of threads that fail from here on.
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            Thread.setDefaultUncaughtExceptionHandler((thread, error) -> { });
        }
        List<Runnable> undo;
        synchronized (UNDO) {
            undo = new ArrayList<>(UNDO.values());
            UNDO.clear();
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).run();
            } catch (RuntimeException ignored) {
                // the next undo still runs; nothing may print now
            }
        }
        if (interrupted) {
            err.println("platform: interrupted; temporary files and child processes removed");
            err.flush();
        }
    }

    /** Passes bytes through until the shutdown hook starts. */
    private static final class SilencedStream extends OutputStream {
        private final OutputStream target;

        SilencedStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            if (!SHUTTING_DOWN.get()) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (!SHUTTING_DOWN.get()) {
                target.write(b, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            if (!SHUTTING_DOWN.get()) {
                target.flush();
            }
        }
    }
}
