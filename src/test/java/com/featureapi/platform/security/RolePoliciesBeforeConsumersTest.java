package com.featureapi.platform.security;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever uses a role waits for the role's policies, not only for the role: created after them, deleted
 * before them (the RDS ENHANCED_MONITORING race; EKS node group permissions).
 */
class RolePoliciesBeforeConsumersTest {

    private static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    private static final String INLINE = "aws:iam/rolePolicy:RolePolicy";

    private static List<String> policiesOf(Plan plan, String role) {
        // <role>-<AWS managed policy>: "karpenter-node-Amazon..." belongs to karpenter-node, not to karpenter.
        return plan.where(r -> (r.type().equals(ATTACHMENT) && r.name().startsWith(role + "-")
                        && !r.name().substring(role.length() + 1).matches("[a-z].*-.*"))
                        || (r.type().equals(INLINE) && r.name().equals(role)))
                .stream().map(PlannedResource::urn).toList();
    }

    private static void waitsFor(PlannedResource consumer, String input, List<String> policies) {
        assertThat(policies).as("policies").isNotEmpty();
        assertThat(consumer.dependencies()).as(consumer.name() + " dependencies").containsAll(policies);
        assertThat(consumer.propertyDependencies().get(input)).as(consumer.name() + "." + input).containsAll(policies);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void clusterNodeGroupsMonitoringAndFlowLogsWaitForTheirRolesPolicies(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> cluster = policiesOf(plan, "eks-cluster");
        assertThat(cluster).hasSize(2); // AmazonEKSClusterPolicy and the envelope-encryption inline policy
        waitsFor(plan.one("aws:eks/cluster:Cluster", "cluster"), "roleArn", cluster);

        List<String> nodes = policiesOf(plan, "eks-node");
        assertThat(nodes).hasSize(3);
        for (PlannedResource group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            waitsFor(group, "nodeRoleArn", nodes);
        }
        if (stack.equals("staging")) {
            // The spot pool's nodes join through their access entry, which waits for the node role's policies.
            List<String> poolNodes = policiesOf(plan, "karpenter-node");
            assertThat(poolNodes).hasSize(3);
            waitsFor(plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes"), "principalArn", poolNodes);
        }
        waitsFor(plan.one("aws:rds/instance:Instance", "postgres"), "monitoringRoleArn", policiesOf(plan, "rds-monitoring"));
        waitsFor(plan.one("aws:ec2/flowLog:FlowLog", "vpc"), "iamRoleArn", policiesOf(plan, "flow-logs"));
        for (PlannedResource association : plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
            assertThat(association.dependencies()).as(association.name()).containsAll(policiesOf(plan, association.name()));
        }
    }

    @Test
    void s3ReplicationWaitsForItsRolesPolicy() {
        Plan plan = PlannedStacks.of("production");
        PlannedResource replication = plan.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "backups");
        assertThat(replication.dependencies()).contains(plan.one(INLINE, "backups-replication").urn());
    }
}
