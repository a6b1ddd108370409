package com.featureapi.platform.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.featureapi.platform.plan.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding a fourth AZ must not rename (and so replace) any existing subnet or NAT gateway. */
class StableSubnetsTest {

    private static final List<String> STABLE_TYPES = List.of(
            "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/routeTable:RouteTable");

    private static Plan threeZones;
    private static Plan fourZones;

    /** Shared by the tests, taken in {@code @BeforeEach} so that PIT credits each test with what it checks. */
    private static final Supplier<Plan> FOUR_ZONES = PlannedStacks.sharedPerClass(() -> PlannedStacks.plan(
            StackFiles.copyEdited(TestProject.temporaryDirectory(), "production", config -> {
                ObjectNode network = (ObjectNode) config.get("platform:network");
                ((ArrayNode) network.get("availabilityZones")).add("us-east-1d");
                ObjectNode subnets = (ObjectNode) network.get("subnets");
                Map.of("public", "10.0.4.0/24", "private", "10.0.40.0/24", "database", "10.0.202.0/24").forEach((role, cidr) ->
                        ((ArrayNode) subnets.get(role)).addObject().put("availabilityZone", "us-east-1d").put("cidr", cidr));
            }), "production"));

    @BeforeEach
    void planBoth() {
        threeZones = PlannedStacks.of("production");
        fourZones = FOUR_ZONES.get();
    }

    private static Map<String, PlannedResource> byUrn(Plan plan) {
        return plan.where(r -> STABLE_TYPES.contains(r.type())).stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
    }

    @Test
    void everyExistingSubnetNatAndTableKeepsItsUrnAndInputs() {
        Map<String, PlannedResource> before = byUrn(threeZones);
        Map<String, PlannedResource> after = byUrn(fourZones);
        assertThat(after.keySet()).containsAll(before.keySet());
        before.forEach((urn, resource) -> assertThat(after.get(urn).inputs()).as(urn).isEqualTo(resource.inputs()));
    }

    @Test
    void theNewZoneOnlyAddsItsOwnResources() {
        Map<String, PlannedResource> before = byUrn(threeZones);
        assertThat(byUrn(fourZones).values().stream().filter(r -> !before.containsKey(r.urn())).map(PlannedResource::name))
                .containsExactlyInAnyOrder("public-us-east-1d", "private-us-east-1d", "database-us-east-1d",
                        "nat-us-east-1d", "nat-us-east-1d", "private-us-east-1d");
    }
}
