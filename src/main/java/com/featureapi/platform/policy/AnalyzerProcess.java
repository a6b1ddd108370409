package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Interrupts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CrossGuard analyzer of one pack: node in the pack's folder, printing the port of @pulumi/policy's gRPC server on
 * the first line of stdout. A pack with {@code scripts/serve.js} (this project's) starts through it: the compiled
 * pack without ts-node and with V8's code cache, about 0.7 s of CPU less per start (docs/performance.md); any other
 * pack as the Pulumi CLI starts it, {@code node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> .}.
 * The process is stopped by {@link #close()} and, should the command be interrupted first (Ctrl-C), by
 * {@link Interrupts}.
 */
final class AnalyzerProcess implements AutoCloseable {

    /** The engine address the analyzer is given; it only logs to the engine, which the offline tools do not serve. */
    static final String NO_ENGINE = "127.0.0.1:0";
    private static final long START_TIMEOUT_SECONDS = 120;
    /** How long node may take to exit after its stdin is closed before it is stopped. */
    private static final long STOP_GRACE_MILLIS = 2_000;

    private final Process process;
    private final List<String> command;
    private final Interrupts.Registration onInterrupt;
    private final StringBuffer stderr = new StringBuffer();
    private final int port;
    /** Whether node exits by itself once its stdin is closed (serve.js does; run-policy-pack does not). */
    private final boolean exitsAtEndOfInput;

    private AnalyzerProcess(Process process, List<String> command, PolicyPackDir pack, boolean exitsAtEndOfInput) {
        this.process = process;
        this.command = command;
        this.exitsAtEndOfInput = exitsAtEndOfInput;
        this.onInterrupt = Interrupts.onInterrupt(this::stop);
        Thread drain = new Thread(() -> drain(process), "policy-analyzer-stderr");
        drain.setDaemon(true);
        drain.start();
        this.port = readPort(pack);
    }

    /** Starts through the pack's {@code scripts/serve.js} or, with {@code serveScript} false, through run-policy-pack. */
    static AnalyzerProcess start(PolicyPackDir pack, boolean serveScript) {
        List<String> command = serveScript
                ? List.of(NodeTools.node(), pack.serveScript().orElseThrow().toString())
                : List.of(NodeTools.node(), pack.runPolicyPack().toString(), NO_ENGINE, ".");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(pack.dir().toFile());
            // @pulumi/pulumi registers its vendored ts-node 7, whose disk cache is a folder in the system temp
            // directory (ts-node-<hash>); the pack is compiled JavaScript, so the cache only leaves a folder behind.
            builder.environment().put("TS_NODE_CACHE", "false");
            process = builder.start();
        } catch (IOException e) {
            throw PolicyException.failure("cannot start the policy analyzer of " + pack.dir() + ": " + e.getMessage(), e);
        }
        try {
            return new AnalyzerProcess(process, command, pack, serveScript);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    List<String> command() {
        return command;
    }

    int port() {
        return port;
    }

    private int readPort(PolicyPackDir pack) {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                String line = stdout.readLine();
                Thread rest = new Thread(() -> {
                    try {
                        stdout.lines().forEach(l -> { });
                    } catch (java.io.UncheckedIOException closed) {
                        // node was stopped (an invalid stack config ends the command while node starts): nothing to print
                    }
                }, "policy-analyzer-stdout");
                rest.setDaemon(true);
                rest.start();
                return line;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            close();
            throw PolicyException.failure("the policy analyzer of " + pack.dir() + " printed no port within " + START_TIMEOUT_SECONDS + " s" + stderrText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw PolicyException.failure("interrupted while starting the policy analyzer", e);
        } catch (ExecutionException e) {
            close();
            throw PolicyException.failure("cannot read from the policy analyzer: " + e.getCause().getMessage(), e);
        }
        if (line == null || !line.trim().matches("\\d+")) {
            waitBriefly();
            close();
            throw PolicyException.failure("the policy analyzer of " + pack.dir() + " did not start"
                    + (line == null ? "" : " (it printed \"" + line + "\" instead of its port)") + stderrText());
        }
        return Integer.parseInt(line.trim());
    }

    private void waitBriefly() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stderrText() {
        String text = stderr.toString().strip();
        return text.isEmpty() ? "" : ":\n" + text;
    }

    private void drain(Process p) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (stderr.length() < 20_000) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** What the analyzer wrote on stderr so far (errors of the pack's code). */
    String stderr() {
        return stderr.toString();
    }

    /** The exit value of node once it has ended, within a second of the call; -1 while it runs. */
    int exitValueSoon() {
        try {
            return process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void stop() {
        Interrupts.stop(process);
    }

    /**
     * Closes node's stdin first: serve.js then exits on its own, which lets it save its code cache (v8-compile-cache
     * rewrites the whole file at every exit, a few milliseconds); run-policy-pack ignores stdin and is stopped at once.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!exitsAtEndOfInput || !process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                stop();
            }
        } catch (IOException e) {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } finally {
            onInterrupt.close();
        }
    }
}
