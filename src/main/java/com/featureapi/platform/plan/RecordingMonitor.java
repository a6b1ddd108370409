package com.featureapi.platform.plan;

import com.featureapi.platform.catalog.SensitiveInputs;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The SDK's mock resource monitor, plus a record of every {@link RegisterResourceRequest} exactly as the
 * program sent it (parent, provider, dependencies and options included) and of the outputs each component
 * registered. Each registration is also handed, as recorded, to a listener (the policy phase streams it to the
 * analyzer while the program runs).
 */
final class RecordingMonitor extends MockMonitor {

    private final List<PlannedResource> recorded = new ArrayList<>();
    /** What each component registered with {@code registerOutputs}, by URN (the stack's own are the plan's outputs). */
    private final Map<String, SortedMap<String, Object>> registeredOutputs = new HashMap<>();

    private final Consumer<PlannedResource> registered;

    RecordingMonitor(Mocks mocks, Log log) {
        this(mocks, log, resource -> { });
    }

    RecordingMonitor(Mocks mocks, Log log, Consumer<PlannedResource> registered) {
        super(mocks, log);
        this.registered = registered;
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            record(request, response.getUrn());
            return response;
        });
    }

    @Override
    public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
        recordOutputs(Urns.real(request.getUrn()), StructValues.toMap(request.getOutputs()));
        return super.registerResourceOutputsAsync(request);
    }

    synchronized List<PlannedResource> recorded() {
        return recorded.stream()
                .map(r -> !r.custom() && registeredOutputs.containsKey(r.urn()) && !r.type().equals("pulumi:pulumi:Stack")
                        ? r.withRegisteredOutputs(registeredOutputs.get(r.urn())) : r)
                .toList();
    }

    private synchronized void recordOutputs(String urn, SortedMap<String, Object> outputs) {
        registeredOutputs.put(urn, outputs);
    }

    private synchronized void record(RegisterResourceRequest request, String urn) {
        SortedMap<String, List<String>> propertyDependencies = new TreeMap<>();
        request.getPropertyDependenciesMap().forEach((key, deps) ->
                propertyDependencies.put(key, deps.getUrnsList().stream().map(Urns::real).sorted().toList()));
        PlannedResource resource = new PlannedResource(
                Urns.real(urn),
                request.getType(),
                request.getName(),
                Urns.real(request.getParent()),
                request.getCustom(),
                Urns.real(request.getProvider()),
                SensitiveInputs.mask(request.getType(), request.getAdditionalSecretOutputsList(), StructValues.toMap(request.getObject())),
                request.getDependenciesList().stream().map(Urns::real).distinct().sorted().toList(),
                propertyDependencies,
                request.getProtect(),
                request.getRetainOnDelete(),
                request.getDeleteBeforeReplace(),
                request.getIgnoreChangesList().stream().sorted().toList(),
                request.getReplaceOnChangesList().stream().sorted().toList(),
                request.getAdditionalSecretOutputsList().stream().sorted().toList());
        recorded.add(resource);
        registered.accept(resource);
    }
}
