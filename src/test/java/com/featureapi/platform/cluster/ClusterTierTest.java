package com.featureapi.platform.cluster;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ClusterTierTest {

    private static final String CLUSTER = "aws:eks/cluster:Cluster";
    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    private static final String LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
    private static final String ADDON = "aws:eks/addon:Addon";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void controlPlaneIsPrivateEncryptedOnStandardSupport(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource cluster = plan.one(CLUSTER, "cluster");
        assertThat(cluster.input("name")).isEqualTo("platform-" + stack);
        assertThat(cluster.input("version")).isEqualTo("1.35");
        assertThat(cluster.input("upgradePolicy.supportType")).isEqualTo("STANDARD");
        assertThat(cluster.input("vpcConfig.endpointPrivateAccess")).isEqualTo(true);
        assertThat(cluster.input("vpcConfig.endpointPublicAccess")).isEqualTo(false);
        assertThat(cluster.input("vpcConfig.publicAccessCidrs")).isNull();
        assertThat(cluster.input("vpcConfig.subnetIds")).asList().hasSize(3);
        assertThat(cluster.propertyDependencies().get("vpcConfig")).contains(
                plan.one("aws:ec2/subnet:Subnet", "private-us-east-1a").urn(),
                plan.one("aws:ec2/securityGroup:SecurityGroup", "cluster").urn());
        assertThat(cluster.input("encryptionConfig.resources")).isEqualTo(List.of("secrets"));
        assertThat(cluster.propertyDependencies().get("encryptionConfig")).containsExactly(PlannedStacks.keyUrn(plan, "eks"));
        assertThat(cluster.input("enabledClusterLogTypes")).isEqualTo(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"));
        assertThat(cluster.input("accessConfig")).isEqualTo(Map.of("authenticationMode", "API", "bootstrapClusterCreatorAdminPermissions", false));
        assertThat(cluster.propertyDependencies().get("roleArn")).contains(plan.one("aws:iam/role:Role", "eks-cluster").urn());
    }

    @Test
    void configuredCidrsOpenAPublicEndpointToThemOnly(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "staging", config ->
                ((ObjectNode) config.get("platform:cluster")).putArray("endpointPublicAccessCidrs").add("198.51.100.0/24")), "staging");
        PlannedResource cluster = plan.one(CLUSTER, "cluster");
        assertThat(cluster.input("vpcConfig.endpointPublicAccess")).isEqualTo(true);
        assertThat(cluster.input("vpcConfig.publicAccessCidrs")).isEqualTo(List.of("198.51.100.0/24"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void controlPlaneLogsGoToAnEncryptedGroupCreatedFirst(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource group = plan.one("aws:cloudwatch/logGroup:LogGroup", "control-plane");
        assertThat(group.input("name")).isEqualTo("/aws/eks/platform-" + stack + "/cluster");
        assertThat(group.input("retentionInDays")).isEqualTo(stack.equals("production") ? 365L : 30L);
        assertThat(group.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "logs"));
        assertThat(plan.one(CLUSTER, "cluster").dependencies()).contains(group.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void accessEntriesGiveAdminAndViewToTheConfiguredRoles(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.where(r -> r.type().equals("aws:eks/accessEntry:AccessEntry") && !r.name().equals("karpenter-nodes")))
                .extracting(PlannedResource::name, r -> r.input("principalArn"), r -> r.input("type"))
                .containsExactlyInAnyOrder(
                        tuple("admin-platform-admins", "arn:aws:iam::" + PlannedStacks.account(stack) + ":role/platform-admins", "STANDARD"),
                        tuple("view-feature-api-developers", "arn:aws:iam::" + PlannedStacks.account(stack) + ":role/feature-api-developers", "STANDARD"));
        assertThat(plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation"))
                .extracting(PlannedResource::name, r -> r.input("policyArn"), r -> r.input("accessScope.type"))
                .containsExactlyInAnyOrder(
                        tuple("admin-platform-admins", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "cluster"),
                        tuple("view-feature-api-developers", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "cluster"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void fiveManagedAddonsWithPinnedVersionsAndSafeConflictResolution(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(ADDON)).extracting(r -> r.input("addonName"), r -> r.input("addonVersion")).containsExactlyInAnyOrder(
                tuple("vpc-cni", "v1.22.4-eksbuild.3"),
                tuple("coredns", "v1.13.2-eksbuild.31"),
                tuple("kube-proxy", "v1.35.3-eksbuild.29"),
                tuple("aws-ebs-csi-driver", "v1.66.0-eksbuild.1"),
                tuple("eks-pod-identity-agent", "v1.3.10-eksbuild.3"));
        assertThat(plan.ofType(ADDON)).allSatisfy(addon -> {
            assertThat(addon.input("resolveConflictsOnCreate")).isEqualTo("OVERWRITE");
            assertThat(addon.input("resolveConflictsOnUpdate")).isEqualTo("PRESERVE");
        });
        assertThat(plan.one(ADDON, "vpc-cni").input("configurationValues")).isEqualTo("{\"enableNetworkPolicy\":\"true\"}");
        assertThat(plan.one(ADDON, "vpc-cni").dependencies()).contains(
                plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "vpc-cni").urn(),
                plan.one(ADDON, "eks-pod-identity-agent").urn());
        assertThat(plan.one(ADDON, "aws-ebs-csi-driver").dependencies()).contains(
                plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "ebs-csi").urn(),
                plan.one(ADDON, "eks-pod-identity-agent").urn());
        assertThat(plan.ofType(ADDON)).allSatisfy(addon -> assertThat(addon.input("clusterName")).isEqualTo("platform-" + stack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void networkingAddonsComeBeforeTheNodesAndDeploymentsAfterThem(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> beforeNodes = List.of(plan.one(ADDON, "vpc-cni").urn(), plan.one(ADDON, "eks-pod-identity-agent").urn(),
                plan.one(ADDON, "kube-proxy").urn());
        List<String> nodeGroups = plan.ofType(NODE_GROUP).stream().map(PlannedResource::urn).toList();
        assertThat(nodeGroups).hasSize(stack.equals("production") ? 2 : 1);
        assertThat(plan.ofType(NODE_GROUP)).allSatisfy(group -> assertThat(group.dependencies()).containsAll(beforeNodes)
                .doesNotContain(plan.one(ADDON, "coredns").urn(), plan.one(ADDON, "aws-ebs-csi-driver").urn()));
        for (String addon : List.of("vpc-cni", "eks-pod-identity-agent", "kube-proxy")) {
            assertThat(plan.one(ADDON, addon).dependencies()).as(addon).doesNotContainAnyElementsOf(nodeGroups);
        }
        for (String addon : List.of("coredns", "aws-ebs-csi-driver")) {
            assertThat(plan.one(ADDON, addon).dependencies()).as(addon).containsAll(nodeGroups);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyWorkloadRoleIsAssociatedWithItsServiceAccount(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.where(r -> r.type().equals("aws:eks/podIdentityAssociation:PodIdentityAssociation") && !r.name().equals("karpenter")))
                .extracting(PlannedResource::name, r -> r.input("namespace"), r -> r.input("serviceAccount"))
                .containsExactlyInAnyOrder(
                        tuple("vpc-cni", "kube-system", "aws-node"),
                        tuple("ebs-csi", "kube-system", "ebs-csi-controller-sa"),
                        tuple("load-balancer-controller", "kube-system", "aws-load-balancer-controller"),
                        tuple("cluster-autoscaler", "kube-system", "cluster-autoscaler"),
                        tuple("external-secrets", "external-secrets", "external-secrets"),
                        tuple("velero", "velero", "velero"),
                        tuple("feature-api", "feature-api", "feature-api"),
                        tuple("fluent-bit", "monitoring", "fluent-bit"),
                        tuple("alertmanager", "monitoring", "alertmanager"),
                        tuple("database-backup", "velero", "database-backup"),
                        tuple("external-dns", "external-dns", "external-dns"),
                        // the tracing tier's (c2f1d39)
                        tuple("tempo", "monitoring", "tempo"),
                        tuple("grafana", "monitoring", "grafana"));
        // Karpenter's controller only where the fixture has the spot pool.
        assertThat(plan.where(r -> r.type().equals("aws:eks/podIdentityAssociation:PodIdentityAssociation") && r.name().equals("karpenter")))
                .extracting(r -> r.input("namespace"), r -> r.input("serviceAccount"))
                .containsExactlyElementsOf(stack.equals("staging") ? List.of(tuple("kube-system", "karpenter")) : List.of());
        for (PlannedResource association : plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
            assertThat(association.propertyDependencies().get("roleArn"))
                    .contains(plan.one("aws:iam/role:Role", association.name()).urn());
        }
    }

    @Test
    void stagingHasOneAppNodeGroupFromSeed002() {
        Plan staging = PlannedStacks.of("staging");
        assertThat(staging.ofType(NODE_GROUP))
                .extracting(PlannedResource::name, r -> r.input("instanceTypes"), r -> r.input("scalingConfig"), r -> r.input("labels"), r -> r.input("taints"))
                // Seed 002's m5.large group; 3 nodes at the least, not 2, for Karpenter's controller (ManagedNodeCapacityTest).
                .containsExactly(tuple("app-nodes", List.of("m5.large"), Map.of("minSize", 3L, "desiredSize", 3L, "maxSize", 4L),
                        Map.of("workload", "app"), List.of()));
        assertThat(staging.ofType(LAUNCH_TEMPLATE)).extracting(PlannedResource::name).containsExactly("app-nodes");
    }

    @Test
    void productionHasAppAndTaintedMonitoringNodeGroupsFromSeed002() {
        Plan production = PlannedStacks.of("production");
        assertThat(production.ofType(NODE_GROUP))
                .extracting(PlannedResource::name, r -> r.input("instanceTypes"), r -> r.input("scalingConfig"), r -> r.input("labels"), r -> r.input("taints"))
                .containsExactlyInAnyOrder(
                        tuple("app-nodes", List.of("m5.xlarge"), Map.of("minSize", 3L, "desiredSize", 3L, "maxSize", 10L), Map.of("workload", "app"), List.of()),
                        tuple("monitoring-nodes", List.of("m5.large"), Map.of("minSize", 2L, "desiredSize", 2L, "maxSize", 4L),
                                Map.of("workload", "monitoring"), List.of(Map.of("key", "monitoring", "value", "true", "effect", "NO_SCHEDULE"))));
        assertThat(production.ofType(LAUNCH_TEMPLATE)).extracting(PlannedResource::name).containsExactlyInAnyOrder("app-nodes", "monitoring-nodes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void nodeGroupsRunAl2023OnDemandInEveryPrivateSubnet(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(NODE_GROUP)).allSatisfy(group -> {
            assertThat(group.input("amiType")).isEqualTo("AL2023_x86_64_STANDARD");
            assertThat(group.input("version")).isEqualTo("1.35");
            assertThat(group.input("capacityType")).isEqualTo("ON_DEMAND");
            assertThat(group.input("updateConfig")).isEqualTo(Map.of("maxUnavailablePercentage", 33L));
            assertThat(group.input("subnetIds")).asList().hasSize(3);
            assertThat(group.input("clusterName")).isEqualTo("platform-" + stack);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAutoscalerOwnsDesiredSizeInBothStacks(String stack) {
        assertThat(PlannedStacks.of(stack).ofType(NODE_GROUP))
                .allSatisfy(group -> assertThat(group.ignoreChanges()).containsExactly("scalingConfig.desiredSize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void launchTemplatesRequireImdsV2AndEncryptTheRootVolume(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(LAUNCH_TEMPLATE)).extracting(PlannedResource::name)
                .containsExactlyInAnyOrderElementsOf(plan.ofType(NODE_GROUP).stream().map(PlannedResource::name).toList());
        assertThat(plan.ofType(LAUNCH_TEMPLATE)).allSatisfy(template -> {
            assertThat(template.input("metadataOptions")).isEqualTo(Map.of("httpEndpoint", "enabled", "httpTokens", "required", "httpPutResponseHopLimit", 1L));
            assertThat(template.input("blockDeviceMappings")).asList().hasSize(1);
            assertThat(template.input("blockDeviceMappings.0.deviceName")).isEqualTo("/dev/xvda");
            assertThat(template.input("blockDeviceMappings.0.ebs.volumeType")).isEqualTo("gp3");
            assertThat(template.input("blockDeviceMappings.0.ebs.volumeSize")).isEqualTo(stack.equals("production") ? 100L : 50L);
            assertThat(template.input("blockDeviceMappings.0.ebs.encrypted")).isEqualTo("true");
            assertThat(template.propertyDependencies().get("blockDeviceMappings")).containsExactly(PlannedStacks.keyUrn(plan, "ebs"));
            assertThat(template.inputs()).doesNotContainKeys("keyName", "vpcSecurityGroupIds", "userData", "imageId", "iamInstanceProfile");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void nodesGetNoPublicIpAndOnlyTheNodeSecurityGroup(String stack) {
        Plan plan = PlannedStacks.of(stack);
        String nodeGroupUrn = plan.one("aws:ec2/securityGroup:SecurityGroup", "node").urn();
        assertThat(plan.ofType(LAUNCH_TEMPLATE)).allSatisfy(template -> {
            assertThat(template.input("networkInterfaces")).asList().hasSize(1);
            assertThat(template.input("networkInterfaces.0.deviceIndex")).isEqualTo(0L);
            assertThat(template.input("networkInterfaces.0.associatePublicIpAddress")).isEqualTo("false");
            assertThat(template.input("networkInterfaces.0.deleteOnTermination")).isEqualTo("true");
            assertThat(template.input("networkInterfaces.0.securityGroups")).asList().hasSize(1);
            assertThat(template.propertyDependencies().get("networkInterfaces")).containsExactly(nodeGroupUrn);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void instancesVolumesAndInterfacesAreTaggedForCostAllocation(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(LAUNCH_TEMPLATE)).allSatisfy(template -> {
            List<Map<String, Object>> specs = tagSpecifications(template);
            assertThat(specs).extracting(spec -> spec.get("resourceType")).containsExactly("instance", "volume", "network-interface");
            assertThat(specs).allSatisfy(spec -> assertThat(tags(spec))
                    .containsEntry("Name", "platform-" + stack + "-" + template.name())
                    .containsEntry("Environment", stack)
                    .containsEntry("CostCenter", "feature-api")
                    .containsEntry("Owner", "platform-team")
                    .containsEntry("ManagedBy", "pulumi"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void nodeGroupsRunTheirOwnTemplateVersionAndAreReplaceable(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(NODE_GROUP)).allSatisfy(group -> {
            assertThat(group.input("nodeGroupNamePrefix")).isEqualTo(group.name() + "-");
            assertThat(group.inputs()).doesNotContainKeys("nodeGroupName", "remoteAccess", "diskSize");
            PlannedResource template = plan.one(LAUNCH_TEMPLATE, group.name());
            assertThat(group.input("launchTemplate.id")).asString().startsWith("lt-");
            assertThat(group.input("launchTemplate.version")).isEqualTo("1");
            assertThat(group.propertyDependencies().get("launchTemplate")).containsExactly(template.urn());
            assertThat(group.propertyDependencies().get("nodeRoleArn")).contains(plan.one("aws:iam/role:Role", "eks-node").urn());
            assertThat(group.propertyDependencies().get("subnetIds")).containsExactlyInAnyOrder(
                    plan.one("aws:ec2/subnet:Subnet", "private-us-east-1a").urn(),
                    plan.one("aws:ec2/subnet:Subnet", "private-us-east-1b").urn(),
                    plan.one("aws:ec2/subnet:Subnet", "private-us-east-1c").urn());
        });
    }

    @Test
    void desiredSizeIsManagedByPulumiWhenTheAutoscalerDoesNotOwnIt(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "staging", config ->
                ((ObjectNode) config.get("platform:cluster")).put("autoscalerOwnsDesiredSize", false)), "staging");
        assertThat(plan.one(NODE_GROUP, "app-nodes").ignoreChanges()).isEmpty();
        assertThat(plan.one(NODE_GROUP, "app-nodes").input("scalingConfig.desiredSize")).isEqualTo(3L);
    }

    @Test
    void spotCapacityAndOwnSizesComeFromConfig(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "staging", config -> {
            ObjectNode group = (ObjectNode) config.get("platform:cluster").get("nodeGroups").get(0);
            group.put("capacityType", "SPOT").put("diskSizeGiB", 80).put("maxUnavailablePercentage", 50);
        }), "staging");
        assertThat(plan.one(NODE_GROUP, "app-nodes").input("capacityType")).isEqualTo("SPOT");
        assertThat(plan.one(NODE_GROUP, "app-nodes").input("updateConfig.maxUnavailablePercentage")).isEqualTo(50L);
        assertThat(plan.one(LAUNCH_TEMPLATE, "app-nodes").input("blockDeviceMappings.0.ebs.volumeSize")).isEqualTo(80L);
    }

    @Test
    void gravitonInstanceTypesGetTheArmAmi(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "staging", config ->
                ((ObjectNode) config.get("platform:cluster").get("nodeGroups").get(0)).putArray("instanceTypes").add("m7g.large")), "staging");
        assertThat(plan.one(NODE_GROUP, "app-nodes").input("amiType")).isEqualTo("AL2023_ARM_64_STANDARD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theKubernetesProviderGetsASecretKubeconfig(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.one("pulumi:providers:kubernetes", "kubernetes").input("kubeconfig")).isEqualTo("[secret]");
        assertThat(plan.outputs()).containsEntry("kubeconfig", "[secret]").containsEntry("clusterName", "platform-" + stack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theKubernetesProviderWaitsForNodesAddonsAndAdminAccess(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.one("pulumi:providers:kubernetes", "kubernetes").dependencies())
                .containsAll(plan.ofType(NODE_GROUP).stream().map(PlannedResource::urn).toList())
                .containsAll(plan.ofType(ADDON).stream().map(PlannedResource::urn).toList())
                .contains(plan.one("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "admin-platform-admins").urn());
    }

    @Test
    void kubeconfigUsesTheAwsCliExecPlugin() {
        assertThat(Kubeconfig.render("platform-staging", "us-east-1", "https://x.eks.amazonaws.com", "Q0E="))
                .isEqualTo("{\"apiVersion\":\"v1\",\"clusters\":[{\"cluster\":{\"certificate-authority-data\":\"Q0E=\",\"server\":\"https://x.eks.amazonaws.com\"},"
                        + "\"name\":\"platform-staging\"}],\"contexts\":[{\"context\":{\"cluster\":\"platform-staging\",\"user\":\"platform-staging\"},"
                        + "\"name\":\"platform-staging\"}],\"current-context\":\"platform-staging\",\"kind\":\"Config\",\"users\":[{\"name\":\"platform-staging\","
                        + "\"user\":{\"exec\":{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"args\":[\"eks\",\"get-token\",\"--cluster-name\","
                        + "\"platform-staging\",\"--region\",\"us-east-1\",\"--output\",\"json\"],\"command\":\"aws\"}}}]}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tagSpecifications(PlannedResource template) {
        return (List<Map<String, Object>>) template.input("tagSpecifications");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(Map<String, Object> tagSpecification) {
        return (Map<String, String>) tagSpecification.get("tags");
    }
}
