package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Interrupts;
import com.featureapi.platform.plan.Plan;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import pulumirpc.AnalyzerGrpc;
import pulumirpc.AnalyzerOuterClass.AnalyzeDiagnostic;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerInfo;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running pack and the gRPC client that drives it the way the Pulumi CLI does: {@code GetAnalyzerInfo}
 * once, then per stack {@code ConfigureStack}, {@code Configure} with the stack's policy config,
 * {@code Analyze} for every resource and {@code AnalyzeStack} with all of them. One analyzer serves any
 * number of stacks (and tests), so node starts once.
 */
public final class Analyzer implements AutoCloseable {

    private static final long CALL_TIMEOUT_SECONDS = 120;

    private final PolicyPackDir pack;
    private final AnalyzerProcess process;
    private final ManagedChannel channel;
    private final AnalyzerGrpc.AnalyzerBlockingStub stub;
    private final AnalyzerInfo info;

    private Analyzer(PolicyPackDir pack, AnalyzerProcess process) {
        this.pack = pack;
        this.process = process;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", process.port()).usePlaintext()
                .maxInboundMessageSize(400 * 1024 * 1024).build();
        this.stub = AnalyzerGrpc.newBlockingStub(channel);
        this.info = call("GetAnalyzerInfo", () -> stub().getAnalyzerInfo(com.google.protobuf.Empty.getDefaultInstance()));
    }

    /** Installs what the pack needs and starts it; close the result (try-with-resources) to stop node. */
    public static Analyzer start(PolicyPackDir pack, PolicyLog log) {
        pack.prepare(log);
        AnalyzerProcess process = AnalyzerProcess.start(pack);
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
     * Runs the pack over a plan with a stack's config file (absent: the policies' own levels and defaults).
     * One analysis at a time: {@code ConfigureStack} and {@code Configure} set the node process's state for the
     * {@code Analyze} calls that follow, so two interleaved analyses would judge one plan by the other's config.
     */
    public synchronized List<Verdict> analyze(Plan plan, String stack, Optional<Path> configFile) {
        Map<String, pulumirpc.AnalyzerOuterClass.PolicyConfig> config = PolicyPackConfig.resolve(info, configFile.filter(Files::isRegularFile));
        AnalyzerStackConfigureRequest.Builder stackRequest = AnalyzerStackConfigureRequest.newBuilder()
                .setStack(stack).setProject(plan.project()).setDryRun(true);
        plan.config().forEach((key, value) -> {
            stackRequest.putConfig(key, value);
            if (value.equals("[secret]")) {
                stackRequest.addConfigSecretKeys(key);
            }
        });
        call("ConfigureStack", () -> stub().configureStack(stackRequest.build()));
        call("Configure", () -> stub().configure(ConfigureAnalyzerRequest.newBuilder().putAllPolicyConfig(config).build()));

        // The engine analyzes each resource as its step comes; here every resource is known, so the
        // requests go out together and node answers them back to back instead of one round trip each.
        AnalyzerRequests resources = new AnalyzerRequests(plan);
        List<AnalyzeRequest> requests = resources.analyzeRequests();
        AnalyzerGrpc.AnalyzerFutureStub futures = AnalyzerGrpc.newFutureStub(channel).withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<com.google.common.util.concurrent.ListenableFuture<pulumirpc.AnalyzerOuterClass.AnalyzeResponse>> answers = new ArrayList<>();
        requests.forEach(request -> answers.add(futures.analyze(request)));
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String urn = requests.get(i).getUrn();
            com.google.common.util.concurrent.ListenableFuture<pulumirpc.AnalyzerOuterClass.AnalyzeResponse> answer = answers.get(i);
            call("Analyze " + urn, () -> {
                try {
                    return answer.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof StatusRuntimeException status ? status : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw PolicyException.failure("interrupted while waiting for the policy analyzer", e);
                }
            }).getDiagnosticsList().forEach(d -> verdicts.add(verdict(d, urn)));
        }
        AnalyzeStackRequest stackAnalysis = AnalyzeStackRequest.newBuilder().addAllResources(resources.stackResources()).build();
        call("AnalyzeStack", () -> stub().analyzeStack(stackAnalysis)).getDiagnosticsList()
                .forEach(d -> verdicts.add(verdict(d, "")));
        return verdicts;
    }

    private AnalyzerGrpc.AnalyzerBlockingStub stub() {
        return stub.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static Verdict verdict(AnalyzeDiagnostic d, String requestUrn) {
        // @pulumi/policy sends "<policy description>\n<violation message>"; the description is the policy's, not the finding's.
        String message = d.getMessage();
        if (!d.getDescription().isEmpty() && message.startsWith(d.getDescription() + "\n")) {
            message = message.substring(d.getDescription().length() + 1);
        }
        return new Verdict(d.getPolicyPackName(), d.getPolicyPackVersion(), d.getPolicyName(),
                d.getEnforcementLevel().name().toLowerCase(), d.getUrn().isEmpty() ? requestUrn : d.getUrn(), message);
    }

    private <T> T call(String what, java.util.function.Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            Interrupts.awaitShutdownIfInterrupted(process.exitValueSoon());   // Ctrl-C reached node first: no error line
            String stderr = process.stderr().strip();
            throw PolicyException.failure("policy pack " + pack.dir() + ": " + what + " failed: " + e.getStatus().getDescription()
                    + (stderr.isEmpty() ? "" : "\n" + stderr), e);
        }
    }

    @Override
    public void close() {
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
