package com.featureapi.platform.security;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The security tier's registered outputs: every key and role ARN, each the very value its consumer uses. */
class SecurityOutputsTest {

    private static final String RDS = "aws:rds/instance:Instance";
    private static final String EKS = "aws:eks/cluster:Cluster";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void keysAndRolesAreRegisteredAsTheirConsumersUseThem(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource security = plan.one("platform:security:Security", "security");
        java.util.List<String> keys = new java.util.ArrayList<>(java.util.List.of(
                "alertsKeyArn", "auditKeyArn", "ebsKeyArn", "eksKeyArn", "elasticacheKeyArn", "logsKeyArn", "rdsKeyArn", "s3KeyArn",
                "secretsKeyArn", "alertmanagerRoleArn", "cluster-autoscalerRoleArn", "database-backupRoleArn", "ebs-csiRoleArn",
                "eks-clusterRoleArn", "eks-nodeRoleArn", "external-secretsRoleArn", "feature-apiRoleArn", "flow-logsRoleArn",
                "fluent-bitRoleArn", "load-balancer-controllerRoleArn", "rds-monitoringRoleArn", "veleroRoleArn", "vpc-cniRoleArn",
                "external-dnsRoleArn", "tempoRoleArn", "grafanaRoleArn"));
        if (stack.equals("staging")) {
            keys.addAll(java.util.List.of("karpenter-nodeRoleArn", "karpenterRoleArn")); // the fixture's spot pool
        }
        assertThat(security.registeredOutputs()).containsOnlyKeys(keys.toArray(String[]::new));
        String account = PlannedStacks.account(stack);
        assertThat(security.registeredOutput("rdsKeyArn")).asString().startsWith("arn:aws:kms:us-east-1:" + account + ":key/")
                .isEqualTo(plan.one(RDS, "postgres").input("kmsKeyId"));
        assertThat(security.registeredOutput("rds-monitoringRoleArn")).isEqualTo(plan.one(RDS, "postgres").input("monitoringRoleArn"));
        assertThat(security.registeredOutput("eksKeyArn")).isEqualTo(plan.one(EKS, "cluster").input("encryptionConfig.provider.keyArn"));
        assertThat(security.registeredOutput("eks-clusterRoleArn")).asString().startsWith("arn:aws:iam::" + account + ":role/eks-cluster")
                .isEqualTo(plan.one(EKS, "cluster").input("roleArn"));
        assertThat(security.registeredOutput("eks-nodeRoleArn")).isEqualTo(plan.one("aws:eks/nodeGroup:NodeGroup", "app-nodes").input("nodeRoleArn"));
        assertThat(security.registeredOutput("logsKeyArn")).isEqualTo(plan.one("aws:cloudwatch/logGroup:LogGroup", "flow-logs").input("kmsKeyId"));
        assertThat(security.registeredOutput("flow-logsRoleArn")).isEqualTo(plan.one("aws:ec2/flowLog:FlowLog", "vpc").input("iamRoleArn"));
        for (PlannedResource association : plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
            assertThat(security.registeredOutput(association.name() + "RoleArn")).as(association.name()).isEqualTo(association.input("roleArn"));
        }

        PlannedResource groups = plan.one("platform:security:SecurityGroups", "security-groups");
        assertThat(groups.registeredOutputs()).containsOnlyKeys("albSecurityGroupId", "cacheSecurityGroupId", "clusterSecurityGroupId",
                "databaseSecurityGroupId", "nodeSecurityGroupId");
        assertThat(plan.one(RDS, "postgres").input("vpcSecurityGroupIds")).asList().containsExactly(groups.registeredOutput("databaseSecurityGroupId"));
        assertThat(plan.one("aws:elasticache/replicationGroup:ReplicationGroup", "redis").input("securityGroupIds")).asList()
                .containsExactly(groups.registeredOutput("cacheSecurityGroupId"));
        assertThat(plan.one(EKS, "cluster").input("vpcConfig.securityGroupIds")).asList()
                .containsExactly(groups.registeredOutput("clusterSecurityGroupId"));
        assertThat(groups.registeredOutputs().values()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat((String) id).matches("sg-[0-9a-f]{17}"));
    }
}
