package com.featureapi.platform.plan;

import com.featureapi.platform.ProjectDirectory;
import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.config.StackKeys;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs the real Pulumi program offline: the Pulumi Java SDK's own test engine executes it with the stack
 * file's config, {@link PlanMocks} answer for AWS, and {@link RecordingMonitor} records every
 * registration. The result is the {@link Plan} of what {@code pulumi up} would ask the engine to create.
 *
 * <p>The engine runs in update mode (not preview), so mock outputs resolve and every {@code apply} of the
 * program (IAM documents built from ARNs, kubeconfigs) runs and is recorded with values.
 */
public final class OfflineEngine {

    /** The program under plan: {@code App::define} in production, small programs in tests. */
    @FunctionalInterface
    public interface Program {
        void define(Context ctx, StackKeys keys);
    }

    private static final String DEFAULT_ACCOUNT = "123456789012";
    /**
     * The SDK's test engine keeps one deployment in static state ({@code PulumiTestInternal.cleanup} resets it),
     * so two runs in one JVM at the same time would mix their resources: runs take turns.
     */
    private static final Object ENGINE = new Object();
    private static final long TIMEOUT_SECONDS = 120;

    private final boolean verbose;
    private final PrintWriter diagnostics;
    private final Progress progress;

    /** An engine that prints the program's warnings to standard error. */
    public OfflineEngine(boolean verbose) {
        this(verbose, new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }

    /**
     * @param verbose     print the SDK's whole log (INFO and up, stack traces included), not just the
     *                    program's warnings and errors
     * @param diagnostics where those log lines go (the CLI's standard error)
     */
    public OfflineEngine(boolean verbose, PrintWriter diagnostics) {
        this(verbose, diagnostics, Progress.quiet());
    }

    /** @param progress where the program and chart phases say how long they took */
    public OfflineEngine(boolean verbose, PrintWriter diagnostics, Progress progress) {
        this.verbose = verbose;
        this.diagnostics = diagnostics;
        this.progress = progress;
    }

    /**
     * Plans a stack.
     *
     * @throws InvalidConfigException when the program rejects the stack's config (nothing was registered)
     * @throws PlanException          when the program fails for any other reason
     */
    public Plan run(StackFile stackFile, Program program) {
        return run(stackFile, program, Path.of("").toAbsolutePath());
    }

    /**
     * Plans a stack of the project in {@code projectDir}, where the program's local Helm charts are (as
     * {@code pulumi up} runs there): every release of a local chart is rendered into the plan.
     */
    public Plan run(StackFile stackFile, Program program, Path projectDir) {
        return run(stackFile, program, projectDir, registered -> { });
    }

    /**
     * Plans a stack and hands each registration to {@code registered} as the engine records it (on the SDK's
     * threads, in registration order), exactly as the plan will hold it: the policy phase judges resources while
     * the program still runs. Objects rendered from local charts come only with the returned plan.
     */
    public Plan run(StackFile stackFile, Program program, Path projectDir, Consumer<PlannedResource> registered) {
        synchronized (ENGINE) {
            ProjectDirectory.set(projectDir);
            try {
                return runAlone(stackFile, program, projectDir, registered);
            } finally {
                ProjectDirectory.set(null);
            }
        }
    }

    private Plan runAlone(StackFile stackFile, Program program, Path projectDir, Consumer<PlannedResource> registered) {
        String region = stackFile.config().getOrDefault("aws:region", "us-east-1");
        String account = stackFile.config().getOrDefault(stackFile.project() + ":accountId", DEFAULT_ACCOUNT);
        var mocks = new PlanMocks(region, account);
        Logger sdkLogger = SdkLog.logger(verbose, diagnostics);
        var log = PulumiTestInternal.mockLog(sdkLogger);
        var monitor = new RecordingMonitor(mocks, log, registered);
        var keys = new StackKeys(stackFile.config().keySet(), stackFile.secretKeys());
        try {
            TestResult result = progress.step("plan " + stackFile.stack() + ": the program (offline engine)", () -> runProgram(stackFile, program, mocks, sdkLogger, monitor, keys));
            failOnProgramErrors(stackFile, result, monitor);
            List<PlannedResource> resources = progress.step("plan " + stackFile.stack() + ": rendering local charts",
                            () -> RenderedCharts.addTo(monitor.recorded(), projectDir)).stream()
                    .sorted(Comparator.comparing(PlannedResource::urn))
                    .toList();
            return new Plan(stackFile.project(), stackFile.stack(), stackFile.maskedConfig(), resources, outputs(result));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanException("interrupted while planning stack " + stackFile.stack(), e);
        } catch (ExecutionException e) {
            throw failure(stackFile, e.getCause(), monitor);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    private TestResult runProgram(StackFile stackFile, Program program, PlanMocks mocks, Logger sdkLogger, RecordingMonitor monitor, StackKeys keys) {
        try {
            return PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(stackFile.project())
                            .stackName(stackFile.stack())
                            .preview(false)
                            .build())
                    .standardLogger(sdkLogger)
                    .config(stackFile.config(), stackFile.secretKeys())
                    .mocks(mocks)
                    .monitorDecorator(ignored -> monitor)
                    .build()
                    .runTestAsync(ctx -> program.define(ctx, keys))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanException("interrupted while planning stack " + stackFile.stack(), e);
        } catch (ExecutionException e) {
            throw failure(stackFile, e.getCause(), monitor);
        } catch (TimeoutException e) {
            throw new PlanException("the program did not finish within " + TIMEOUT_SECONDS + " s for stack " + stackFile.stack()
                    + "; an output that never resolves (a cycle between resources) is the usual cause", e);
        }
    }

    private static void failOnProgramErrors(StackFile stackFile, TestResult result, RecordingMonitor monitor) {
        for (Exception exception : result.exceptions()) {
            throw failure(stackFile, exception, monitor);
        }
        if (!result.errors().isEmpty() || result.exitCode() != 0) {
            // The SDK's error texts carry the JVM's command line and a stack trace after their first line.
            throw new PlanException("the program failed for stack " + stackFile.stack() + ": " + String.join("; ",
                    result.errors().stream().map(error -> error.lines().findFirst().orElse(error)).toList()));
        }
    }

    /** The user-facing exception for a program failure: config problems as they are, anything else wrapped. */
    private static RuntimeException failure(StackFile stackFile, Throwable thrown, RecordingMonitor monitor) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigException invalid) {
                return registeredBeforeValidation(monitor).isEmpty() ? invalid : new PlanException(
                        "the program registered " + registeredBeforeValidation(monitor) + " before rejecting the config of stack "
                                + stackFile.stack() + "; config must be validated before the first resource", invalid);
            }
            if (cause instanceof PlanException plan) {
                return plan;
            }
        }
        return new PlanException("the program failed for stack " + stackFile.stack() + ": " + rootMessage(thrown), thrown);
    }

    /** What the program itself registered: everything but the stack resource the SDK registers first. */
    private static List<String> registeredBeforeValidation(RecordingMonitor monitor) {
        return monitor.recorded().stream()
                .filter(r -> !r.type().equals("pulumi:pulumi:Stack"))
                .map(r -> r.type() + " " + r.name())
                .sorted()
                .toList();
    }

    private static String rootMessage(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage())
                .replace(StackFile.SECRET_PLACEHOLDER, StructValues.SECRET);
    }

    private static SortedMap<String, Object> outputs(TestResult result) throws InterruptedException, ExecutionException {
        SortedMap<String, Object> outputs = new TreeMap<>();
        for (Map.Entry<String, Output<?>> entry : result.outputs().entrySet()) {
            OutputData<?> data = PulumiTestInternal.extractOutputData(entry.getValue());
            Object value = data.isSecret() ? StructValues.SECRET : data.isKnown() ? StructValues.maskedDeep(data.getValueNullable()) : StructValues.UNKNOWN;
            outputs.put(entry.getKey(), value);
        }
        return outputs;
    }
}
