package com.featureapi.platform.plan;

import com.pulumi.test.Mocks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Answers the SDK test engine the way AWS would, through {@link MockOutputs}. */
final class PlanMocks implements Mocks {

    private final String region;
    private final String accountId;

    PlanMocks(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var request = new MockOutputs.Request(args.type, args.name, args.inputs, region, accountId);
        String id = MockOutputs.id(request);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), MockOutputs.state(request, id)));
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
