package com.featureapi.platform.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stateful monitoring on per-AZ node groups: a Prometheus or Alertmanager pod whose EBS volume is in one AZ can only
 * run there, and the cluster autoscaler can add a node in that AZ only through a group that lives in it alone.
 */
class PerAzNodeGroupsTest {

    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

    private static final java.util.function.Supplier<Plan> PER_AZ = PlannedStacks.sharedPerClass(() -> {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("per-az");
            return PlannedStacks.plan(StackFiles.copyEdited(dir, "production", config -> {
                ObjectNode monitoring = (ObjectNode) config.get("platform:cluster").get("nodeGroups").get(1);
                monitoring.put("perAz", true).put("minSize", 1).put("desiredSize", 1).put("maxSize", 2);
            }), "production");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    });

    @Test
    void aPerAzGroupIsOneNodeGroupInEachAzsPrivateSubnet() {
        Plan plan = PER_AZ.get();
        List<String> privateSubnets = plan.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(subnet -> subnet.name().startsWith("private-")).map(PlannedResource::name).sorted().toList();
        assertThat(privateSubnets).containsExactly("private-us-east-1a", "private-us-east-1b", "private-us-east-1c");
        assertThat(plan.ofType(NODE_GROUP)).extracting(PlannedResource::name, g -> g.input("nodeGroupNamePrefix"),
                        g -> ((List<?>) g.input("subnetIds")).size(), g -> g.input("scalingConfig"))
                .containsExactlyInAnyOrder(
                        tuple("app-nodes", "app-nodes-", 3, Map.of("minSize", 3L, "desiredSize", 3L, "maxSize", 10L)),
                        tuple("monitoring-nodes-us-east-1a", "monitoring-nodes-us-east-1a-", 1, Map.of("minSize", 1L, "desiredSize", 1L, "maxSize", 2L)),
                        tuple("monitoring-nodes-us-east-1b", "monitoring-nodes-us-east-1b-", 1, Map.of("minSize", 1L, "desiredSize", 1L, "maxSize", 2L)),
                        tuple("monitoring-nodes-us-east-1c", "monitoring-nodes-us-east-1c-", 1, Map.of("minSize", 1L, "desiredSize", 1L, "maxSize", 2L)));
        // The cluster's subnets are the private subnets in AZ order; each AZ's group has that AZ's one.
        List<?> clusterSubnets = (List<?>) plan.one("aws:eks/cluster:Cluster", "cluster").input("vpcConfig.subnetIds");
        assertThat(clusterSubnets).hasSize(3).doesNotHaveDuplicates();
        List<String> zones = List.of("us-east-1a", "us-east-1b", "us-east-1c");
        for (int i = 0; i < zones.size(); i++) {
            String az = zones.get(i);
            PlannedResource group = plan.one(NODE_GROUP, "monitoring-nodes-" + az);
            assertThat(group.input("subnetIds")).isEqualTo(List.of(clusterSubnets.get(i)));
            assertThat(group.propertyDependencies().get("subnetIds")).containsExactly(plan.one("aws:ec2/subnet:Subnet", "private-" + az).urn());
            assertThat(group.input("tags")).isEqualTo(Map.of("Name", "platform-production-monitoring-nodes-" + az, "PerAzGroup", "monitoring-nodes"));
            // Same labels, taints and template: the autoscaler's balance-similar-node-groups treats them as one shape.
            assertThat(group.input("labels")).isEqualTo(Map.of("workload", "monitoring"));
            assertThat(group.input("launchTemplate.id")).isEqualTo(plan.one(NODE_GROUP, "monitoring-nodes-us-east-1a").input("launchTemplate.id"));
        }
        assertThat(plan.ofType("aws:ec2/launchTemplate:LaunchTemplate")).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("app-nodes", "monitoring-nodes");
    }

    @Test
    void thePrometheusAndAlertmanagerPodsStillSelectTheMonitoringNodes() {
        PlannedResource release = PER_AZ.get().one("kubernetes:helm.sh/v3:Release", "kube-prometheus-stack");
        assertThat(release.input("values.prometheus.prometheusSpec.nodeSelector")).isEqualTo(Map.of("workload", "monitoring"));
        assertThat(release.input("values.alertmanager.alertmanagerSpec.nodeSelector")).isEqualTo(Map.of("workload", "monitoring"));
    }

    @Test
    void aPerAzNameTooLongForAnAzSuffixIsAConfigError(@TempDir Path dir) {
        Path project = StackFiles.copyEdited(dir, "production", config -> {
            ObjectNode monitoring = (ObjectNode) config.get("platform:cluster").get("nodeGroups").get(1);
            monitoring.put("perAz", true).put("name", "monitoring-nodes-long-1");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlannedStacks.plan(project, "production"))
                .hasMessageContaining("platform:cluster.nodeGroups[1].name = \"monitoring-nodes-long-1\": a perAz group's name may have at most 20 characters");
    }
}
