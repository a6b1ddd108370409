package com.featureapi.platform.cluster;

import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.PlatformConfigLoader;
import com.featureapi.platform.config.PulumiConfigSource;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The component on its own, from the real production stack config but with placeholder security inputs, so
 * every key, role and group can be checked by value (in the whole-stack plan they are mock outputs) and the
 * contract with the security tier can be broken on purpose.
 */
class ClusterComponentTest {

    private static final String ACCOUNT = "222222222222";
    private static final String EKS_KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/eks-placeholder";
    private static final String LOGS_KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/logs-placeholder";
    private static final String EBS_KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/ebs-placeholder";
    private static final String CLUSTER_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/cluster-placeholder";
    private static final String NODE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/node-placeholder";
    private static final String CLUSTER_SG = "sg-0c1a57e4000000001";
    private static final String NODE_SG = "sg-0n0de000000000002";
    private static final List<String> PRIVATE_SUBNETS = List.of("subnet-private-a", "subnet-private-b", "subnet-private-c");

    private static Plan plan;

    private static WorkloadRole role(String name, String namespace, String serviceAccount) {
        return new WorkloadRole(name, namespace, serviceAccount, Output.of("arn:aws:iam::" + ACCOUNT + ":role/" + name + "-placeholder"));
    }

    private static List<WorkloadRole> addonRoles() {
        return List.of(role("vpc-cni", "kube-system", "aws-node"), role("ebs-csi", "kube-system", "ebs-csi-controller-sa"),
                role("feature-api", "feature-api", "feature-api"));
    }

    private static Plan planWith(List<WorkloadRole> roles) {
        OfflineEngine.Program program = (ctx, keys) -> {
            PlatformConfig config = PlatformConfigLoader.load(new PulumiConfigSource(ctx, keys), ctx.projectName(), ctx.stackName());
            var security = new ClusterSecurity(Output.of(CLUSTER_ROLE), Output.of(NODE_ROLE), Output.of(EKS_KEY), Output.of(LOGS_KEY),
                    Output.of(EBS_KEY), Output.of(CLUSTER_SG), Output.of(NODE_SG), roles);
            new Cluster("cluster", new ClusterArgs(config, PRIVATE_SUBNETS.stream().map(Output::of).toList(), security), ComponentResourceOptions.builder().build());
        };
        return new OfflineEngine(false).run(FixtureStacks.load("production"), program);
    }

    /** Shared by the tests, taken in {@code @BeforeEach} so that PIT credits each test with what it checks. */
    private static final java.util.function.Supplier<Plan> PLAN = PlannedStacks.sharedPerClass(() -> planWith(addonRoles()));

    @BeforeEach
    void sharedPlan() {
        plan = PLAN.get();
    }

    @Test
    void controlPlaneUsesTheGivenRoleSubnetsGroupAndKeys() {
        PlannedResource cluster = plan.one("aws:eks/cluster:Cluster", "cluster");
        assertThat(cluster.input("roleArn")).isEqualTo(CLUSTER_ROLE);
        assertThat(cluster.input("vpcConfig.subnetIds")).isEqualTo(PRIVATE_SUBNETS);
        assertThat(cluster.input("vpcConfig.securityGroupIds")).isEqualTo(List.of(CLUSTER_SG));
        assertThat(cluster.input("encryptionConfig")).isEqualTo(Map.of("resources", List.of("secrets"), "provider", Map.of("keyArn", EKS_KEY)));
        assertThat(cluster.input("bootstrapSelfManagedAddons")).isEqualTo(false);
        assertThat(plan.one("aws:cloudwatch/logGroup:LogGroup", "control-plane").input("kmsKeyId")).isEqualTo(LOGS_KEY);
        assertThat(plan.one("aws:cloudwatch/logGroup:LogGroup", "control-plane").input("retentionInDays")).isEqualTo(365L);
    }

    @Test
    void nodesUseTheGivenRoleGroupAndVolumeKey() {
        assertThat(plan.ofType("aws:eks/nodeGroup:NodeGroup")).hasSize(2).allSatisfy(group -> {
            assertThat(group.input("nodeRoleArn")).isEqualTo(NODE_ROLE);
            assertThat(group.input("subnetIds")).isEqualTo(PRIVATE_SUBNETS);
        });
        assertThat(plan.ofType("aws:ec2/launchTemplate:LaunchTemplate")).hasSize(2).allSatisfy(template -> {
            assertThat(template.input("blockDeviceMappings.0.ebs.kmsKeyId")).isEqualTo(EBS_KEY);
            assertThat(template.input("networkInterfaces.0.securityGroups")).isEqualTo(List.of(NODE_SG));
            assertThat(template.input("namePrefix")).isEqualTo("platform-production-" + template.name() + "-");
        });
    }

    @Test
    void everyRoleGetsAnAssociationWithItsArn() {
        assertThat(plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation"))
                .extracting(PlannedResource::name, r -> r.input("namespace"), r -> r.input("serviceAccount"), r -> r.input("roleArn"), r -> r.input("clusterName"))
                .containsExactlyInAnyOrder(
                        tuple("vpc-cni", "kube-system", "aws-node", "arn:aws:iam::" + ACCOUNT + ":role/vpc-cni-placeholder", "platform-production"),
                        tuple("ebs-csi", "kube-system", "ebs-csi-controller-sa", "arn:aws:iam::" + ACCOUNT + ":role/ebs-csi-placeholder", "platform-production"),
                        tuple("feature-api", "feature-api", "feature-api", "arn:aws:iam::" + ACCOUNT + ":role/feature-api-placeholder", "platform-production"));
    }

    @Test
    void everythingIsAChildOfTheComponent() {
        String component = plan.one(Cluster.TYPE, "cluster").urn();
        assertThat(plan.where(r -> !r.type().equals(Cluster.TYPE) && !r.type().equals("pulumi:pulumi:Stack")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.parent()).as(r.urn()).isEqualTo(component));
    }

    @Test
    void aMissingAddonRoleIsNamed() {
        List<WorkloadRole> withoutCni = new ArrayList<>(addonRoles());
        withoutCni.remove(0);
        assertThatThrownBy(() -> planWith(withoutCni))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("the vpc-cni add-on needs a Pod Identity role named \"vpc-cni\" for kube-system/aws-node, "
                        + "but the security tier provides only [ebs-csi, feature-api]");
    }

    @Test
    void anAddonRoleScopedToAnotherServiceAccountIsRefused() {
        List<WorkloadRole> misScoped = List.of(role("vpc-cni", "kube-system", "aws-node"), role("ebs-csi", "kube-system", "ebs-csi-node-sa"));
        assertThatThrownBy(() -> planWith(misScoped))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("the Pod Identity role \"ebs-csi\" is scoped to kube-system/ebs-csi-node-sa, "
                        + "but the aws-ebs-csi-driver add-on runs as kube-system/ebs-csi-controller-sa");
    }

    @Test
    void twoRolesOfOneNameAreRefused() {
        List<WorkloadRole> twice = new ArrayList<>(addonRoles());
        twice.add(role("feature-api", "other", "other"));
        assertThatThrownBy(() -> planWith(twice))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("two Pod Identity roles of the security tier are named \"feature-api\"");
    }
}
