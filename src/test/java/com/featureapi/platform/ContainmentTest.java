package com.featureapi.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every AWS resource lives inside a tier and goes through an account-locked provider of its region. A
 * resource created without {@code parent(this)} (or with the wrong provider) would otherwise be created by
 * Pulumi's default provider: no {@code allowedAccountIds} guard, no default tags, possibly the wrong region.
 */
class ContainmentTest {

    private static final Pattern TIER_COMPONENT = Pattern.compile("platform:[a-z]+:[A-Z][A-Za-z]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyAwsResourceIsInsideATierComponent(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<PlannedResource> aws = plan.where(r -> r.type().startsWith("aws:"));
        assertThat(aws).hasSizeGreaterThan(100);
        List<String> outside = aws.stream().filter(r -> tierAbove(plan, r).isEmpty())
                .map(r -> r.urn() + " (parents: " + parentChain(plan, r) + ")").toList();
        assertThat(outside).as("AWS resources with no platform:<tier>:<Name> component above them (missing parent(this)?)").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyTierComponentSitsDirectlyUnderTheStackAndNeedsNoProvider(String stack) {
        Plan plan = PlannedStacks.of(stack);
        String root = plan.one("pulumi:pulumi:Stack", "platform-" + stack).urn();
        List<PlannedResource> components = plan.where(r -> r.type().startsWith("platform:"));
        assertThat(components).extracting(PlannedResource::type).allMatch(type -> TIER_COMPONENT.matcher(type).matches())
                .contains("platform:network:Network", "platform:security:Security", "platform:security:SecurityGroups",
                        "platform:cluster:Cluster", "platform:data:Data");
        assertThat(components).allSatisfy(c -> {
            assertThat(c.parent()).as("parent of %s", c.urn()).isEqualTo(root);
            assertThat(c.custom()).isFalse();
        });
    }

    /**
     * The only AWS providers are the stack's explicit ones, each locked to the stack's account and carrying
     * the default tags, and each AWS resource uses the one of its region: the replica region's provider only
     * for the copies named after that region, the main one for everything else.
     */
    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyAwsResourceUsesTheAccountLockedProviderOfItsRegion(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        String region = plan.config().get("aws:region");
        Optional<String> replicaRegion = Optional.ofNullable(JSON.readTree(plan.config().get("platform:storage")).get("replicaRegion"))
                .map(node -> node.asText());
        assertThat(replicaRegion.isPresent()).isEqualTo(stack.equals("production"));

        String mainProvider = "urn:pulumi:" + stack + "::platform::pulumi:providers:aws::aws";
        Map<String, String> regionByProvider = new java.util.TreeMap<>(Map.of(mainProvider, region));
        replicaRegion.ifPresent(r -> regionByProvider.put(mainProvider + "-" + r, r));

        assertThat(plan.ofType("pulumi:providers:aws")).extracting(PlannedResource::urn)
                .containsExactlyInAnyOrderElementsOf(regionByProvider.keySet());
        for (PlannedResource provider : plan.ofType("pulumi:providers:aws")) {
            assertThat(provider.input("region")).isEqualTo(regionByProvider.get(provider.urn()));
            assertThat(provider.input("allowedAccountIds")).isEqualTo("[\"" + account + "\"]");
            assertThat(JSON.readTree((String) provider.input("defaultTags")).get("tags").get("Stack").asText()).isEqualTo(stack);
        }

        List<PlannedResource> aws = plan.where(r -> r.type().startsWith("aws:"));
        List<String> wrongProvider = new ArrayList<>();
        for (PlannedResource resource : aws) {
            String expected = replicaRegion.filter(r -> resource.name().endsWith("-" + r))
                    .map(r -> mainProvider + "-" + r).orElse(mainProvider);
            if (!providerUrn(resource.provider()).equals(expected)) {
                wrongProvider.add(resource.urn() + " uses " + providerUrn(resource.provider()) + ", not " + expected);
            }
        }
        assertThat(wrongProvider).as("AWS resources not on the account-locked provider of their region").isEmpty();
        if (replicaRegion.isPresent()) {
            assertThat(aws).filteredOn(r -> providerUrn(r.provider()).endsWith("-" + replicaRegion.get()))
                    .extracting(PlannedResource::type).contains("aws:s3/bucketV2:BucketV2", "aws:kms/key:Key",
                            "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
        }
    }

    /** A provider reference is {@code <provider URN>::<provider id>}; empty when the engine's default provider applies. */
    private static String providerUrn(String reference) {
        return reference.isEmpty() ? "(the default provider)" : reference.substring(0, reference.lastIndexOf("::"));
    }

    private static Optional<PlannedResource> tierAbove(Plan plan, PlannedResource resource) {
        String parent = resource.parent();
        while (!parent.isEmpty()) {
            PlannedResource above = plan.byUrn(parent);
            if (TIER_COMPONENT.matcher(above.type()).matches()) {
                return Optional.of(above);
            }
            parent = above.parent();
        }
        return Optional.empty();
    }

    private static List<String> parentChain(Plan plan, PlannedResource resource) {
        List<String> chain = new ArrayList<>();
        for (String parent = resource.parent(); !parent.isEmpty(); parent = plan.byUrn(parent).parent()) {
            chain.add(plan.byUrn(parent).type());
        }
        return chain;
    }
}
