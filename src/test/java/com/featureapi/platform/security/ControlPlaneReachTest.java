package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches whom between the control plane, the nodes and the people and runners that deploy. */
class ControlPlaneReachTest {

    private static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

    private static String groupOf(Plan plan, PlannedResource rule, String input) {
        return plan.byUrn(rule.propertyDependencies().get(input).get(0)).name();
    }

    @Test
    void theWebhookPortsAreTheOnesThePinnedChartsServe() {
        assertThat(SecurityGroups.CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS).extracting(SecurityGroups.ControlPlanePort::port)
                .containsExactly(443, 9443, 10250);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theControlPlaneReachesEveryWebhookPortOnTheNodesBothWays(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (SecurityGroups.ControlPlanePort port : SecurityGroups.CONTROL_PLANE_TO_NODE_WEBHOOK_PORTS) {
            PlannedResource in = plan.one(INGRESS, "node-from-cluster-" + port.ruleSuffix());
            PlannedResource out = plan.one(EGRESS, "cluster-to-nodes-" + port.ruleSuffix());
            for (PlannedResource rule : List.of(in, out)) {
                assertThat(rule.input("ipProtocol")).isEqualTo("tcp");
                assertThat(rule.input("fromPort")).isEqualTo((long) port.port());
                assertThat(rule.input("toPort")).isEqualTo((long) port.port());
                assertThat((String) rule.input("description")).contains(port.summary()).hasSizeLessThanOrEqualTo(255);
            }
            assertThat(groupOf(plan, in, "securityGroupId")).isEqualTo("node");
            assertThat(groupOf(plan, in, "referencedSecurityGroupId")).isEqualTo("cluster");
            assertThat(groupOf(plan, out, "securityGroupId")).isEqualTo("cluster");
            assertThat(groupOf(plan, out, "referencedSecurityGroupId")).isEqualTo("node");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theVpnOfTheStackFileReachesThePrivateEndpointOn443Only(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<PlannedResource> fromCidrs = plan.where(r -> r.type().equals(INGRESS) && r.input("cidrIpv4") != null
                && groupOf(plan, r, "securityGroupId").equals("cluster"));
        assertThat(fromCidrs).extracting(PlannedResource::name, r -> r.input("cidrIpv4"), r -> r.input("fromPort"), r -> r.input("toPort"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cluster-from-10.200.0.0-22", "10.200.0.0/22", 443L, 443L));
        assertThat(plan.one("aws:eks/cluster:Cluster", "cluster").input("vpcConfig.endpointPublicAccess")).isEqualTo(false);
    }

    @Test
    void everyConfiguredRangeGetsItsOwnRuleAndNoneMeansOnlyTheNodes(@TempDir Path one, @TempDir Path none) {
        Plan runners = PlannedStacks.plan(StackFiles.copyEdited(one, "staging", config ->
                ((ObjectNode) config.get("platform:cluster")).putArray("endpointPrivateAccessCidrs").add("10.200.0.0/22").add("10.0.40.0/24")), "staging");
        assertThat(runners.where(r -> r.type().equals(INGRESS) && r.name().startsWith("cluster-from-")))
                .extracting(r -> r.input("cidrIpv4")).containsExactlyInAnyOrder("10.200.0.0/22", "10.0.40.0/24", null);
        Plan closed = PlannedStacks.plan(StackFiles.copyEdited(none, "staging", config ->
                ((ObjectNode) config.get("platform:cluster")).remove("endpointPrivateAccessCidrs")), "staging");
        assertThat(closed.where(r -> r.type().equals(INGRESS) && r.name().startsWith("cluster-from-")))
                .extracting(PlannedResource::name).containsExactly("cluster-from-nodes");
    }
}
