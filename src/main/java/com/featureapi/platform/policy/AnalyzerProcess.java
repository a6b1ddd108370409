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
 * The CrossGuard analyzer of one pack, started as the Pulumi CLI starts it:
 * {@code node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> .} in the pack's folder,
 * which prints the port of its gRPC server on the first line of stdout. The process is stopped by
 * {@link #close()} and, should the command be interrupted first (Ctrl-C), by {@link Interrupts}.
 */
final class AnalyzerProcess implements AutoCloseable {

    /** The engine address the analyzer is given; it only logs to the engine, which the offline tools do not serve. */
    static final String NO_ENGINE = "127.0.0.1:0";
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Interrupts.Registration onInterrupt;
    private final StringBuffer stderr = new StringBuffer();
    private final int port;

    private AnalyzerProcess(Process process, PolicyPackDir pack) {
        this.process = process;
        this.onInterrupt = Interrupts.onInterrupt(this::stop);
        Thread drain = new Thread(() -> drain(process), "policy-analyzer-stderr");
        drain.setDaemon(true);
        drain.start();
        this.port = readPort(pack);
    }

    static AnalyzerProcess start(PolicyPackDir pack) {
        List<String> command = List.of(NodeTools.node(), pack.runPolicyPack().toString(), NO_ENGINE, ".");
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
            return new AnalyzerProcess(process, pack);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
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

    @Override
    public void close() {
        stop();
        onInterrupt.close();
    }
}
