package com.featureapi.platform.plan;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's mock resource monitor, plus a record of every {@link RegisterResourceRequest} exactly as the
 * program sent it: parent, provider, dependencies and options included.
 */
final class RecordingMonitor extends MockMonitor {

    private final List<PlannedResource> recorded = new ArrayList<>();

    RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        return super.registerResourceAsync(resource, request).thenApply(response -> {
            record(request, response.getUrn());
            return response;
        });
    }

    synchronized List<PlannedResource> recorded() {
        return List.copyOf(recorded);
    }

    private synchronized void record(RegisterResourceRequest request, String urn) {
        SortedMap<String, List<String>> propertyDependencies = new TreeMap<>();
        request.getPropertyDependenciesMap().forEach((key, deps) ->
                propertyDependencies.put(key, deps.getUrnsList().stream().map(Urns::real).sorted().toList()));
        recorded.add(new PlannedResource(
                Urns.real(urn),
                request.getType(),
                request.getName(),
                Urns.real(request.getParent()),
                request.getCustom(),
                Urns.real(request.getProvider()),
                StructValues.toMap(request.getObject()),
                request.getDependenciesList().stream().map(Urns::real).distinct().sorted().toList(),
                propertyDependencies,
                request.getProtect(),
                request.getRetainOnDelete(),
                request.getDeleteBeforeReplace(),
                request.getIgnoreChangesList().stream().sorted().toList(),
                request.getReplaceOnChangesList().stream().sorted().toList(),
                request.getAdditionalSecretOutputsList().stream().sorted().toList()));
    }
}
