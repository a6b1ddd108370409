package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Interrupts;
import com.featureapi.platform.plan.Plan;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A running pack and the gRPC client that drives it the way the Pulumi CLI does: {@code GetAnalyzerInfo}
 * once, then per stack {@code ConfigureStack}, {@code Configure} with the stack's policy config,
 * {@code Analyze} for every resource as the engine registers it and {@code AnalyzeStack} with all of them
 * ({@link AnalyzerSession}). One analyzer serves any number of stacks (and tests), so node starts once.
 */
public final class Analyzer implements AutoCloseable {

    private static final long CALL_TIMEOUT_SECONDS = 120;

    private final PolicyPackDir pack;
    private final AnalyzerProcess process;
    private final ManagedChannel channel;
    private final AnalyzerGrpc.AnalyzerBlockingStub stub;
    private final AnalyzerInfo info;
    /** The one lane of this analyzer's calls (see {@link AnalyzerSession}). */
    private final ExecutorService laneThread = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "policy-analyzer-lane");
        thread.setDaemon(true);
        return thread;
    });
    /** Done once the last analysis opened has finished; the next one starts after it. */
    private CompletableFuture<Void> lastSession = CompletableFuture.completedFuture(null);

    private Analyzer(PolicyPackDir pack, AnalyzerProcess process) {
        this.pack = pack;
        this.process = process;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", process.port()).usePlaintext()
                .maxInboundMessageSize(400 * 1024 * 1024).build();
        this.stub = AnalyzerGrpc.newBlockingStub(channel);
        this.info = call("GetAnalyzerInfo", stub -> stub.getAnalyzerInfo(com.google.protobuf.Empty.getDefaultInstance()));
    }

    /** Installs what the pack needs and starts it; close the result (try-with-resources) to stop node. */
    public static Analyzer start(PolicyPackDir pack, PolicyLog log) {
        return start(pack, log, pack.serveScript().isPresent());
    }

    /** Starts through the pack's {@code scripts/serve.js}, or with {@code serveScript} false as the Pulumi CLI does. */
    static Analyzer start(PolicyPackDir pack, PolicyLog log, boolean serveScript) {
        pack.prepare(log);
        AnalyzerProcess process = AnalyzerProcess.start(pack, serveScript);
        try {
            return new Analyzer(pack, process);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    public String packName() {
        return info.getName();
    }

    public String packVersion() {
        return info.getVersion();
    }

    public PolicyPackDir pack() {
        return pack;
    }

    AnalyzerInfo info() {
        return info;
    }

    /** Whether the node process still runs (false once closed). */
    boolean running() {
        return process.isAlive();
    }

    /**
     * Runs the pack over a finished plan with a stack's config file (absent: the policies' own levels and defaults):
     * an analysis into which nothing was streamed.
     */
    public List<Verdict> analyze(Plan plan, String stack, Optional<Path> configFile) {
        return open(plan.project(), stack, plan.config(), configFile).finish(plan);
    }

    /**
     * Starts the analysis of a stack whose plan is still being made: {@code config} is the stack's config as the
     * plan will show it (secrets masked). Analyses take turns in the order they are opened.
     */
    AnalyzerSession open(String project, String stack, SortedMap<String, String> config, Optional<Path> configFile) {
        synchronized (laneThread) {
            AnalyzerSession session = new AnalyzerSession(this, lastSession, project, stack, config, configFile);
            lastSession = session.done();
            return session;
        }
    }

    /**
     * Where every call of every analysis goes, one task at a time. After {@link #close()} a task runs on the caller's
     * thread instead, so that an analysis still queued fails at once (the channel is shut down) rather than hang.
     */
    Executor lane() {
        return task -> {
            try {
                laneThread.execute(task);
            } catch (RejectedExecutionException closed) {
                task.run();
            }
        };
    }

    ListenableFuture<AnalyzeResponse> analyzeAsync(AnalyzeRequest request) {
        return AnalyzerGrpc.newFutureStub(channel).withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).analyze(request);
    }

    /** The answer of a call sent with {@link #analyzeAsync}; its gRPC failure as thrown by a blocking call. */
    static AnalyzeResponse await(ListenableFuture<AnalyzeResponse> answer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException status ? status : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PolicyException.failure("interrupted while waiting for the policy analyzer", e);
        }
    }

    /** The command node was started with. */
    List<String> command() {
        return process.command();
    }

    /** Node's exit value once it has ended (waiting up to a second for it to); -1 while it runs. */
    int exitValue() {
        return process.exitValueSoon();
    }

    /** Whether node has ended (waiting up to a second for it to). */
    boolean ended() {
        return process.exitValueSoon() != -1;
    }

    private AnalyzerGrpc.AnalyzerBlockingStub stub() {
        return stub.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static Verdict verdict(AnalyzeDiagnostic d, String requestUrn) {
        // @pulumi/policy sends "<policy description>\n<violation message>"; the description is the policy's, not the finding's.
        String message = d.getMessage();
        if (!d.getDescription().isEmpty() && message.startsWith(d.getDescription() + "\n")) {
            message = message.substring(d.getDescription().length() + 1);
        }
        return new Verdict(d.getPolicyPackName(), d.getPolicyPackVersion(), d.getPolicyName(),
                d.getEnforcementLevel().name().toLowerCase(), d.getUrn().isEmpty() ? requestUrn : d.getUrn(), message);
    }

    /** A blocking call; a gRPC failure becomes the policy phase's error, naming the call and with node's stderr. */
    <T> T call(String what, Function<AnalyzerGrpc.AnalyzerBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub());
        } catch (StatusRuntimeException e) {
            Interrupts.awaitShutdownIfInterrupted(process.exitValueSoon());   // Ctrl-C reached node first: no error line
            String stderr = process.stderr().strip();
            throw PolicyException.failure("policy pack " + pack.dir() + ": " + what + " failed: " + e.getStatus().getDescription()
                    + (stderr.isEmpty() ? "" : "\n" + stderr), e);
        }
    }

    @Override
    public void close() {
        laneThread.shutdown();
        try {
            channel.shutdownNow();
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.close();
        }
    }
}
