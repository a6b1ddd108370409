package com.featureapi.platform.plan;

import com.google.common.collect.ImmutableMap;
import com.pulumi.test.Mocks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PlanMocks} called as the SDK's engine calls it: regions by provider reference, and the invokes it answers. */
class PlanMocksUnitTest {

    private final PlanMocks mocks = new PlanMocks("us-east-1", "444444444444");

    @SuppressWarnings("unchecked")
    private Map<String, Object> register(String type, String name, Map<String, Object> inputs, String provider) {
        return (Map<String, Object>) mocks.newResourceAsync(new Mocks.ResourceArgs(type, name, inputs, provider, null)).join().state;
    }

    private String registerProvider(String name, Map<String, Object> inputs) {
        return mocks.newResourceAsync(new Mocks.ResourceArgs("pulumi:providers:aws", name, inputs, null, null)).join().id.orElseThrow();
    }

    private String keyArnWith(String providerReference) {
        return (String) register("aws:kms/key:Key", "k", Map.of(), providerReference).get("arn");
    }

    @Test
    void aResourceLivesInTheRegionOfTheProviderItsReferenceEndsIn() {
        String westId = registerProvider("west", Map.of("region", "us-west-2"));
        String west = "urn:pulumi:dev::platform::pulumi:providers:aws::west::" + westId;
        assertThat(keyArnWith(west)).startsWith("arn:aws:kms:us-west-2:444444444444:key/");
        // The stack's region: no provider, a reference that is not <urn>::<id>, a provider the mocks never saw.
        assertThat(keyArnWith(null)).startsWith("arn:aws:kms:us-east-1:444444444444:key/");
        assertThat(keyArnWith(westId)).startsWith("arn:aws:kms:us-east-1:");
        assertThat(keyArnWith("urn:pulumi:dev::platform::pulumi:providers:aws::other::unknown-id")).startsWith("arn:aws:kms:us-east-1:");
    }

    @Test
    void onlyAnAwsProviderWithARegionSetsOne() {
        String blank = "urn:pulumi:dev::platform::pulumi:providers:aws::blank::" + registerProvider("blank", Map.of("region", ""));
        assertThat(keyArnWith(blank)).startsWith("arn:aws:kms:us-east-1:");
        String noRegion = "urn:x::" + registerProvider("plain", Map.of("profile", "ops"));
        assertThat(keyArnWith(noRegion)).startsWith("arn:aws:kms:us-east-1:");
        // A Kubernetes provider has no AWS region, even when one of its inputs is called region.
        String k8sId = mocks.newResourceAsync(new Mocks.ResourceArgs("pulumi:providers:kubernetes", "k8s", Map.of("region", "eu-west-1"),
                null, null)).join().id.orElseThrow();
        assertThat(keyArnWith("urn:y::" + k8sId)).startsWith("arn:aws:kms:us-east-1:");
    }

    @Test
    void invokesAnswerWithTheStacksAccountPartitionAndRegion() {
        assertThat(mocks.callAsync(new Mocks.CallArgs("aws:index/getCallerIdentity:getCallerIdentity", ImmutableMap.of(), null)).join())
                .containsEntry("accountId", "444444444444").containsEntry("arn", "arn:aws:iam::444444444444:user/offline");
        assertThat(mocks.callAsync(new Mocks.CallArgs("aws:index/getPartition:getPartition", ImmutableMap.of(), null)).join())
                .containsEntry("partition", "aws").containsEntry("dnsSuffix", "amazonaws.com");
        assertThat(mocks.callAsync(new Mocks.CallArgs("aws:index/getRegion:getRegion", ImmutableMap.of(), null)).join())
                .containsEntry("name", "us-east-1").containsEntry("endpoint", "ec2.us-east-1.amazonaws.com");
        assertThatThrownBy(() -> mocks.callAsync(new Mocks.CallArgs("aws:ec2/getAmi:getAmi", ImmutableMap.of(), null)).join())
                .hasCauseInstanceOf(PlanException.class)
                .cause().hasMessage("the offline engine cannot answer the invoke aws:ec2/getAmi:getAmi; the program should take this value "
                        + "from config instead (DESIGN.md: no live-account invokes)");
    }
}
