package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.StatusRuntimeException;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzeResponse;
import pulumirpc.AnalyzerOuterClass.AnalyzeStackRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerStackConfigureRequest;
import pulumirpc.AnalyzerOuterClass.ConfigureAnalyzerRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One stack's analysis on one analyzer, fed while the engine runs: {@code ConfigureStack} and {@code Configure}
 * first, then an {@code Analyze} per resource as the engine registers it ({@link #submit}), and at the end
 * ({@link #finish}) the plan itself: each resource whose final request differs from the one streamed (or that was
 * never streamed, like rendered chart objects) is sent again, so the verdicts are always those of the final plan,
 * then {@code AnalyzeStack}. Verdicts come in the plan's order, then the stack's, exactly as one analysis of the
 * finished plan gives them.
 *
 * <p>All calls go through the analyzer's one lane (a single thread), in order; a session starts only once the
 * previous one on the same analyzer has finished and every call of it has been answered, because node keeps the
 * stack's config in process state that a later {@code Configure} would replace under a running analysis.
 */
final class AnalyzerSession {

    /** A request on its way, and when it was sent (node answers in that order). */
    private record Sent(AnalyzeRequest request, ListenableFuture<AnalyzeResponse> answer, long order) {
    }

    private final Analyzer analyzer;
    private final String stack;
    private final String project;
    private final SortedMap<String, String> config;
    private final Optional<Path> configFile;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The last task queued for the lane; guarded by {@code this}. */
    private CompletableFuture<Void> tail;
    private boolean closed;

    // Only the lane touches these (its tasks run one after another, each seeing the previous one's writes).
    private final Map<String, PlannedResource> registered = new HashMap<>();
    private final Map<String, Sent> streamed = new HashMap<>();
    private final List<Sent> inFlight = new ArrayList<>();
    private long sent;
    private int resent;
    private RuntimeException failure;

    AnalyzerSession(Analyzer analyzer, CompletableFuture<Void> previous, String project, String stack,
                    SortedMap<String, String> config, Optional<Path> configFile) {
        this.analyzer = analyzer;
        this.project = project;
        this.stack = stack;
        this.config = config;
        this.configFile = configFile;
        this.tail = previous.handleAsync((ignored, previousFailure) -> {
            attempt(() -> configure(project, config));
            return null;
        }, analyzer.lane());
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** Signals that this session's calls are all answered: the next session on the analyzer may configure node. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Queues the {@code Analyze} of a resource as the engine registered it; returns at once. */
    synchronized void submit(PlannedResource resource) {
        if (closed) {
            return;
        }
        tail = tail.thenRunAsync(() -> attempt(() -> {
            registered.put(resource.urn(), resource);
            AnalyzeRequest request = AnalyzerRequests.analyzeRequest(resource, registered::get);
            Sent previous = streamed.put(resource.urn(), send(request));
            if (previous != null) {
                inFlight.add(previous);   // registered twice (cannot happen with the SDK): the last one counts
            }
        }), analyzer.lane());
    }

    /**
     * The verdicts of {@code plan}, the finished plan of this session's stack: what was streamed is reused when its
     * request equals the plan's, anything else is sent now. Blocks until node has answered.
     */
    List<Verdict> finish(Plan plan) {
        CompletableFuture<List<Verdict>> verdicts;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the analysis of stack " + stack + " was already finished or cancelled");
            }
            closed = true;
            verdicts = tail.handleAsync((ignored, laneFailure) -> {
                try {
                    if (failure != null) {
                        throw failure;
                    }
                    return verdicts(plan);
                } finally {
                    awaitAll();
                    done.complete(null);
                }
            }, analyzer.lane());
        }
        try {
            return verdicts.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PolicyException.failure("interrupted while waiting for the policy analyzer", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Drops the analysis (the engine failed): the calls already sent are awaited, so the next session starts clean. */
    synchronized void cancel() {
        if (closed) {
            return;
        }
        closed = true;
        tail.handleAsync((ignored, laneFailure) -> {
            awaitAll();
            done.complete(null);
            return null;
        }, analyzer.lane());
    }

    /** How many resources {@link #finish} sent because their streamed request was missing or differed. */
    int resent() {
        return resent;
    }

    private void attempt(Runnable step) {
        if (failure != null) {
            return;
        }
        try {
            step.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void configure(String withProject, SortedMap<String, String> withConfig) {
        Map<String, pulumirpc.AnalyzerOuterClass.PolicyConfig> policyConfig =
                PolicyPackConfig.resolve(analyzer.info(), configFile.filter(Files::isRegularFile));
        AnalyzerStackConfigureRequest.Builder stackRequest = AnalyzerStackConfigureRequest.newBuilder()
                .setStack(stack).setProject(withProject).setDryRun(true);
        withConfig.forEach((key, value) -> {
            stackRequest.putConfig(key, value);
            if (value.equals("[secret]")) {
                stackRequest.addConfigSecretKeys(key);
            }
        });
        analyzer.call("ConfigureStack", stub -> stub.configureStack(stackRequest.build()));
        analyzer.call("Configure", stub -> stub.configure(ConfigureAnalyzerRequest.newBuilder().putAllPolicyConfig(policyConfig).build()));
    }

    private Sent send(AnalyzeRequest request) {
        return new Sent(request, analyzer.analyzeAsync(request), sent++);
    }


    private List<Verdict> verdicts(Plan plan) {
        if (!plan.project().equals(project) || !plan.config().equals(config)) {
            // The stack node was configured with is not the plan's: nothing streamed counts.
            inFlight.addAll(streamed.values());
            streamed.clear();
            awaitAll();
            configure(plan.project(), plan.config());
        }
        AnalyzerRequests requests = new AnalyzerRequests(plan);
        List<Sent> answers = new ArrayList<>();
        for (AnalyzeRequest request : requests.analyzeRequests()) {
            Sent streamedOne = streamed.remove(request.getUrn());
            if (streamedOne != null && streamedOne.request().toByteString().equals(request.toByteString())) {
                answers.add(streamedOne);
            } else {
                if (streamedOne != null) {
                    inFlight.add(streamedOne);
                }
                resent++;
                answers.add(send(request));
            }
        }
        inFlight.addAll(streamed.values());   // registered but not in the plan: their verdicts are not the plan's
        streamed.clear();
        inFlight.addAll(answers);

        List<Verdict> verdicts = new ArrayList<>();
        List<AnalyzeResponse> responses = new ArrayList<>();
        List<Sent> failed = new ArrayList<>();
        for (Sent answer : answers) {
            try {
                responses.add(Analyzer.await(answer.answer()));
            } catch (StatusRuntimeException e) {
                responses.add(null);
                failed.add(answer);
            }
        }
        if (!failed.isEmpty()) {
            // A policy that throws fails its own call: the first such resource in the plan's order is named, as when
            // the plan was sent in that order. When node died, every call after the one it died on failed too: that
            // one is named (the first sent that failed), not whichever of the others sorts first.
            Sent named = analyzer.ended() ? failed.stream().min(Comparator.comparingLong(Sent::order)).orElseThrow() : failed.get(0);
            analyzer.call("Analyze " + named.request().getUrn(), stub -> Analyzer.await(named.answer()));
        }
        for (int i = 0; i < answers.size(); i++) {
            String urn = answers.get(i).request().getUrn();
            responses.get(i).getDiagnosticsList().forEach(d -> verdicts.add(Analyzer.verdict(d, urn)));
        }
        AnalyzeStackRequest stackAnalysis = AnalyzeStackRequest.newBuilder().addAllResources(requests.stackResources()).build();
        analyzer.call("AnalyzeStack", stub -> stub.analyzeStack(stackAnalysis)).getDiagnosticsList()
                .forEach(d -> verdicts.add(Analyzer.verdict(d, "")));
        return verdicts;
    }

    /** Waits for every call this session sent, whatever the answer (node must be idle before the next session). */
    private void awaitAll() {
        inFlight.addAll(streamed.values());
        for (Sent call : inFlight) {
            try {
                call.answer().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | RuntimeException e) {
                // its failure, if it matters, was reported by the verdicts
            }
        }
    }
}
