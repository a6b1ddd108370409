package com.featureapi.platform.policy;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import pulumirpc.AnalyzerOuterClass.AnalyzeRequest;
import pulumirpc.AnalyzerOuterClass.AnalyzerPropertyDependencies;
import pulumirpc.AnalyzerOuterClass.AnalyzerProviderResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResource;
import pulumirpc.AnalyzerOuterClass.AnalyzerResourceOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan (in memory, or read and validated by {@code plan/PlanReader}) turned into the requests the Pulumi
 * engine sends an analyzer: {@code AnalyzeRequest} per resource with its inputs, options and provider, and
 * {@code AnalyzerResource}s with parent and (property) dependencies for {@code AnalyzeStack}. Manifests
 * rendered from local charts ({@code "rendered": true}) are sent like typed Kubernetes resources.
 */
final class AnalyzerRequests {

    private final Plan plan;
    private final Map<String, PlannedResource> byUrn = new HashMap<>();

    AnalyzerRequests(Plan plan) {
        this.plan = plan;
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
    }

    List<AnalyzeRequest> analyzeRequests() {
        List<AnalyzeRequest> requests = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            AnalyzeRequest.Builder request = AnalyzeRequest.newBuilder()
                    .setType(r.type())
                    .setUrn(r.urn())
                    .setName(r.name())
                    .setProperties(Structs.struct(r.inputs()))
                    .setOptions(options(r));
            provider(r).ifPresent(request::setProvider);
            requests.add(request.build());
        }
        return requests;
    }

    List<AnalyzerResource> stackResources() {
        List<AnalyzerResource> list = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            AnalyzerResource.Builder resource = AnalyzerResource.newBuilder()
                    .setType(r.type())
                    .setUrn(r.urn())
                    .setName(r.name())
                    .setProperties(Structs.struct(r.inputs()))
                    .setOptions(options(r))
                    .setParent(r.parent())
                    .addAllDependencies(r.dependencies());
            r.propertyDependencies().forEach((input, urns) ->
                    resource.putPropertyDependencies(input, AnalyzerPropertyDependencies.newBuilder().addAllUrns(urns).build()));
            provider(r).ifPresent(resource::setProvider);
            list.add(resource.build());
        }
        return list;
    }

    private static AnalyzerResourceOptions options(PlannedResource r) {
        return AnalyzerResourceOptions.newBuilder()
                .setProtect(r.protect())
                .setParent(r.parent())
                .setDeleteBeforeReplace(r.deleteBeforeReplace()).setDeleteBeforeReplaceDefined(true)
                .addAllIgnoreChanges(r.ignoreChanges())
                .addAllAdditionalSecretOutputs(r.additionalSecretOutputs())
                .build();
    }

    /** The resource's explicit provider (a {@code <urn>::<id>} reference) as the engine describes it to analyzers. */
    private Optional<AnalyzerProviderResource> provider(PlannedResource r) {
        int cut = r.provider().lastIndexOf("::");
        if (cut < 0) {
            return Optional.empty();
        }
        PlannedResource provider = byUrn.get(r.provider().substring(0, cut));
        if (provider == null) {
            return Optional.empty();
        }
        return Optional.of(AnalyzerProviderResource.newBuilder()
                .setType(provider.type())
                .setUrn(provider.urn())
                .setName(provider.name())
                .setProperties(Structs.struct(provider.inputs()))
                .build());
    }
}
