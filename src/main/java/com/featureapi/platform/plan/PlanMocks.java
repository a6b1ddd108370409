package com.featureapi.platform.plan;

import com.pulumi.test.Mocks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Answers the SDK test engine the way AWS would, through {@link MockOutputs}. */
final class PlanMocks implements Mocks {

    private static final String AWS_PROVIDER = "pulumi:providers:aws";

    private final String region;
    private final String accountId;

    PlanMocks(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** Region of each explicit AWS provider, by the id the mocks gave it (a provider reference ends in it). */
    private final Map<String, String> providerRegions = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var request = new MockOutputs.Request(args.type, args.name, args.inputs, regionOf(args.provider), accountId);
        String id = MockOutputs.id(request);
        if (AWS_PROVIDER.equals(args.type) && args.inputs.get("region") instanceof String providerRegion && !providerRegion.isEmpty()) {
            providerRegions.put(id, providerRegion);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), MockOutputs.state(request, id)));
    }

    /** The region a resource lives in: its provider's (a reference is {@code <provider urn>::<provider id>}), else the stack's. */
    private String regionOf(String providerReference) {
        if (providerReference == null || !providerReference.contains("::")) {
            return region;
        }
        return providerRegions.getOrDefault(providerReference.substring(providerReference.lastIndexOf("::") + 2), region);
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> CompletableFuture.completedFuture(Map.of(
                    "accountId", accountId, "arn", "arn:aws:iam::" + accountId + ":user/offline", "userId", "AIDAOFFLINE", "id", accountId));
            case "aws:index/getPartition:getPartition" -> CompletableFuture.completedFuture(Map.of(
                    "partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws"));
            case "aws:index/getRegion:getRegion" -> CompletableFuture.completedFuture(Map.of(
                    "name", region, "id", region, "endpoint", "ec2." + region + ".amazonaws.com"));
            default -> CompletableFuture.failedFuture(new PlanException("the offline engine cannot answer the invoke "
                    + args.token + "; the program should take this value from config instead (DESIGN.md: no live-account invokes)"));
        };
    }
}
