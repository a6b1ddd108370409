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
import java.util.function.Function;

/**
 * A plan (in memory, or read and validated by {@code plan/PlanReader}) turned into the requests the Pulumi
 * engine sends an analyzer: {@code AnalyzeRequest} per resource with its inputs, options and provider, and
 * {@code AnalyzerResource}s with parent and (property) dependencies for {@code AnalyzeStack}. Manifests
 * rendered from local charts ({@code "rendered": true}) are sent like typed Kubernetes resources. A resource
 * streamed while the engine runs gets its request from {@link #analyzeRequest} with the resources registered
 * so far, the same code the whole plan's requests come from.
 */
final class AnalyzerRequests {

    private final Plan plan;
    private final Map<String, PlannedResource> byUrn = new HashMap<>();
    private final List<AnalyzeRequest> analyzeRequests = new ArrayList<>();

    AnalyzerRequests(Plan plan) {
        this.plan = plan;
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
        plan.resources().forEach(r -> analyzeRequests.add(analyzeRequest(r, byUrn::get)));
    }

    /** One request per resource, in the plan's order. */
    List<AnalyzeRequest> analyzeRequests() {
        return analyzeRequests;
    }

    /** The resources for {@code AnalyzeStack}: inputs, options and provider as in {@link #analyzeRequests()}, plus the graph. */
    List<AnalyzerResource> stackResources() {
        List<AnalyzerResource> list = new ArrayList<>();
        for (int i = 0; i < plan.resources().size(); i++) {
            PlannedResource r = plan.resources().get(i);
            AnalyzeRequest request = analyzeRequests.get(i);
            AnalyzerResource.Builder resource = AnalyzerResource.newBuilder()
                    .setType(r.type())
                    .setUrn(r.urn())
                    .setName(r.name())
                    .setProperties(request.getProperties())
                    .setOptions(request.getOptions())
                    .setParent(r.parent())
                    .addAllDependencies(r.dependencies());
            r.propertyDependencies().forEach((input, urns) ->
                    resource.putPropertyDependencies(input, AnalyzerPropertyDependencies.newBuilder().addAllUrns(urns).build()));
            if (request.hasProvider()) {
                resource.setProvider(request.getProvider());
            }
            list.add(resource.build());
        }
        return list;
    }

    /** The {@code Analyze} request of one resource; {@code resources} finds its provider by URN (null: not known). */
    static AnalyzeRequest analyzeRequest(PlannedResource r, Function<String, PlannedResource> resources) {
        AnalyzeRequest.Builder request = AnalyzeRequest.newBuilder()
                .setType(r.type())
                .setUrn(r.urn())
                .setName(r.name())
                .setProperties(Structs.struct(r.inputs()))
                .setOptions(options(r));
        provider(r, resources).ifPresent(request::setProvider);
        return request.build();
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
    private static Optional<AnalyzerProviderResource> provider(PlannedResource r, Function<String, PlannedResource> resources) {
        int cut = r.provider().lastIndexOf("::");
        if (cut < 0) {
            return Optional.empty();
        }
        PlannedResource provider = resources.apply(r.provider().substring(0, cut));
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
