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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Interface endpoints: no project stack turns them on, so this plans staging with two of them. */
class InterfaceEndpointsTest {

    /** Shared by the tests, taken in {@code @BeforeEach} so that PIT credits each test with what it checks. */
    private static final Supplier<Plan> PLAN = PlannedStacks.sharedPerClass(() -> PlannedStacks.plan(
            StackFiles.copyEdited(TestProject.temporaryDirectory(), "staging", config -> {
                ArrayNode endpoints = ((ObjectNode) config.get("platform:network")).putArray("interfaceEndpoints");
                endpoints.add("ecr.api").add("sts");
            }), "staging"));
    private Plan plan;

    @BeforeEach
    void sharedPlan() {
        plan = PLAN.get();
    }

    @Test
    void eachServiceGetsAPrivateInterfaceEndpointInThePrivateSubnets() {
        List<String> privateSubnets = List.of("private-us-east-1a", "private-us-east-1b", "private-us-east-1c").stream()
                .map(name -> plan.one("aws:ec2/subnet:Subnet", name).urn()).toList();
        String group = plan.one("aws:ec2/securityGroup:SecurityGroup", "interface-endpoints").urn();
        assertThat(plan.where(r -> r.type().equals("aws:ec2/vpcEndpoint:VpcEndpoint") && "Interface".equals(r.input("vpcEndpointType"))))
                .extracting(PlannedResource::name, r -> r.input("serviceName"), r -> r.input("privateDnsEnabled"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ecr-api", "com.amazonaws.us-east-1.ecr.api", true),
                        org.assertj.core.groups.Tuple.tuple("sts", "com.amazonaws.us-east-1.sts", true));
        for (String name : List.of("ecr-api", "sts")) {
            PlannedResource endpoint = plan.one("aws:ec2/vpcEndpoint:VpcEndpoint", name);
            assertThat(endpoint.propertyDependencies().get("subnetIds")).containsExactlyInAnyOrderElementsOf(privateSubnets);
            assertThat(endpoint.propertyDependencies().get("securityGroupIds")).containsExactly(group);
            assertThat(endpoint.parent()).isEqualTo(plan.one("platform:network:Network", "network").urn());
        }
    }

    @Test
    void theirSecurityGroupAdmitsOnlyHttpsFromTheVpcAndNeverTheInternet() {
        PlannedResource group = plan.one("aws:ec2/securityGroup:SecurityGroup", "interface-endpoints");
        assertThat(group.inputs()).doesNotContainKeys("ingress", "egress");
        List<PlannedResource> rules = plan.where(r -> r.type().startsWith("aws:vpc/securityGroup")
                && r.propertyDependencies().getOrDefault("securityGroupId", List.of()).contains(group.urn()));
        assertThat(rules).extracting(PlannedResource::type, PlannedResource::name, r -> r.input("ipProtocol"), r -> r.input("fromPort"),
                r -> r.input("toPort"), r -> r.input("cidrIpv4")).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "interface-endpoints-https", "tcp", 443L, 443L, "10.0.0.0/16"));
        assertThat(plan.where(r -> r.type().startsWith("aws:vpc/securityGroup")))
                .noneMatch(r -> "0.0.0.0/0".equals(r.input("cidrIpv4")) && r.propertyDependencies()
                        .getOrDefault("securityGroupId", List.of()).contains(group.urn()));
    }
}
