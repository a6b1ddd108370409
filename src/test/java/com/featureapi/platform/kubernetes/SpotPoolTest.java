package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002's spot pool over the staging fixture's plan (platform:cluster.spotPool on): Karpenter installed as its docs
 * install it, its AWS side, the pool's objects by value, and the line between Karpenter and the cluster-autoscaler.
 */
class SpotPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "platform-staging";
    private static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
    private static final String NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static Plan staging() {
        return PlannedStacks.of("staging");
    }

    @Test
    void karpenterIsTheDocsInstallOfThePinnedChart() {
        Plan plan = staging();
        PlannedResource release = plan.one(RELEASE, "karpenter");
        assertThat(release.input("chart")).isEqualTo("oci://public.ecr.aws/karpenter/karpenter");
        assertThat(release.input("version")).isEqualTo("1.14.1");
        assertThat(release.input("repositoryOpts")).as("an OCI chart is its own reference; Helm takes no repository for it").isNull();
        assertThat(release.input("namespace")).isEqualTo("kube-system");
        assertThat(release.input("values.settings.clusterName")).isEqualTo(CLUSTER);
        assertThat(release.input("values.settings.interruptionQueue")).isEqualTo(CLUSTER);
        assertThat(release.input("values.serviceAccount.name")).isEqualTo("karpenter");
        assertThat(release.input("values.controller.image")).isEqualTo(Map.of("repository", "public.ecr.aws/karpenter/controller",
                "tag", "1.14.1", "digest", "sha256:445baefaaa689029cc12ac1f659b916b0b82fb14308ce536f8521fcf079116fa"));
        assertThat(release.input("values.controller.resources.requests")).isEqualTo(Map.of("cpu", "1", "memory", "1Gi"));
        assertThat(release.input("values.replicas")).as("staging's controllerReplicas: 1, not the chart's 2").isEqualTo(1L);
        assertThat(release.input("values.controller.env")).isEqualTo(List.of(Map.of("name", "AWS_REGION", "value", "us-east-1")));
        assertThat(release.dependencies()).contains(plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter").urn());
    }

    @Test
    void theControllerRunsOnlyOnManagedNodeGroups() {
        Object terms = staging().one(RELEASE, "karpenter")
                .input("values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
        assertThat(terms).isEqualTo(List.of(Map.of("matchExpressions", List.of(
                Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist"),
                Map.of("key", "eks.amazonaws.com/nodegroup", "operator", "Exists")))));
        assertThat(staging().one(RELEASE, "karpenter").input("values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"))
                .isEqualTo(List.of(Map.of("topologyKey", "kubernetes.io/hostname")));
    }

    @Test
    void theNodeClassIsAl2023WithTheEbsKeyImdsV2AndTaggedDiscovery() {
        Plan plan = staging();
        PlannedResource nodeClass = plan.one(NODE_CLASS, "spot");
        String entryPrincipal = String.valueOf(plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes").input("principalArn"));
        assertThat(nodeClass.input("spec.role")).as("the role whose access entry lets the nodes join")
                .isEqualTo(entryPrincipal.substring(entryPrincipal.lastIndexOf('/') + 1));
        assertThat(nodeClass.input("spec.amiSelectorTerms")).isEqualTo(List.of(Map.of("alias", "al2023@latest")));
        assertThat(nodeClass.input("spec.subnetSelectorTerms")).isEqualTo(List.of(Map.of("tags", Map.of("karpenter.sh/discovery", CLUSTER))));
        assertThat(nodeClass.input("spec.securityGroupSelectorTerms")).isEqualTo(List.of(Map.of("tags", Map.of("karpenter.sh/discovery", CLUSTER))));
        assertThat(nodeClass.input("spec.metadataOptions")).isEqualTo(Map.of("httpEndpoint", "enabled", "httpProtocolIPv6", "disabled",
                "httpPutResponseHopLimit", 1L, "httpTokens", "required"));
        // The EBS key, the one the default StorageClass encrypts volumes with.
        String ebsKey = String.valueOf(plan.one("kubernetes:storage.k8s.io/v1:StorageClass", "gp3").input("parameters.kmsKeyId"));
        assertThat(ebsKey).startsWith("arn:aws:kms:us-east-1:111111111111:key/");
        assertThat(nodeClass.input("spec.blockDeviceMappings")).isEqualTo(List.of(Map.of("deviceName", "/dev/xvda", "ebs", Map.of(
                "volumeSize", "50Gi", "volumeType", "gp3", "encrypted", true, "kmsKeyID", ebsKey, "deleteOnTermination", true))));
        assertThat(nodeClass.input("spec.tags")).isEqualTo(Map.of("Environment", "staging", "Owner", "platform-team", "CostCenter", "feature-api",
                "Project", "platform", "ManagedBy", "pulumi", "Stack", "staging", "Name", "platform-staging-spot"));
        assertThat(nodeClass.dependencies()).contains(plan.one(RELEASE, "karpenter").urn(),
                plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes").urn());
    }

    @Test
    void theNodePoolIsTheSeedsPoolOnKarpenterV1() {
        Plan plan = staging();
        PlannedResource pool = plan.one(NODE_POOL, "spot");
        assertThat(pool.input("spec.template.metadata.labels")).isEqualTo(Map.of("provisioner", "spot"));
        assertThat(pool.input("spec.template.spec.requirements")).isEqualTo(List.of(
                Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("spot")),
                Map.of("key", "node.kubernetes.io/instance-type", "operator", "In", "values", List.of("m5.large", "m5.xlarge", "m4.large", "m4.xlarge")),
                Map.of("key", "kubernetes.io/os", "operator", "In", "values", List.of("linux"))));
        assertThat(pool.input("spec.template.spec.taints")).isEqualTo(List.of(Map.of("key", "spot-instance", "value", "true", "effect", "NoSchedule")));
        assertThat(pool.input("spec.template.spec.nodeClassRef")).isEqualTo(Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass", "name", "spot"));
        assertThat(pool.input("spec.disruption")).isEqualTo(Map.of("consolidationPolicy", "WhenEmptyOrUnderutilized", "consolidateAfter", "30s",
                "budgets", List.of(Map.of("nodes", "10%"))));
        assertThat(pool.input("spec.limits")).isEqualTo(Map.of("cpu", "16"));
        assertThat(pool.dependencies()).contains(plan.one(RELEASE, "karpenter").urn(), plan.one(NODE_CLASS, "spot").urn());
    }

    /**
     * The autoscaler manages only the Auto Scaling groups it discovers by their tags, which EKS puts on the managed node
     * groups' groups; Karpenter's nodes are in no Auto Scaling group and carry none of those tags, and only pods that
     * tolerate the pool's taint can land on them, a taint no managed group has.
     */
    @Test
    void theAutoscalerAndKarpenterNeverManageTheSameNodes() {
        Plan plan = staging();
        PlannedResource autoscaler = plan.one(RELEASE, "cluster-autoscaler");
        assertThat(autoscaler.input("values.autoDiscovery.clusterName")).as("auto-discovery by the cluster's ASG tags").isEqualTo(CLUSTER);
        assertThat(autoscaler.input("values.autoscalingGroups")).as("no ASG named by hand").isNull();
        @SuppressWarnings("unchecked") Map<String, String> poolTags = (Map<String, String>) plan.one(NODE_CLASS, "spot").input("spec.tags");
        assertThat(poolTags.keySet()).noneMatch(k -> k.startsWith("k8s.io/cluster-autoscaler"));
        for (PlannedResource group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            assertThat(String.valueOf(group.input("taints"))).as(group.name()).doesNotContain("spot-instance");
            assertThat(String.valueOf(group.input("labels"))).as(group.name()).doesNotContain("karpenter.sh").doesNotContain("provisioner");
            assertThat(String.valueOf(group.input("capacityType"))).as("the managed groups stay On-Demand").isIn("null", "ON_DEMAND");
        }
        for (PlannedResource template : plan.ofType("aws:ec2/launchTemplate:LaunchTemplate")) {
            assertThat(String.valueOf(template.inputs())).as(template.name()).doesNotContain("karpenter.sh");
        }
    }

    @Test
    void onlyThePrivateSubnetsAndTheNodeGroupCarryTheDiscoveryTag() {
        Plan plan = staging();
        List<String> tagged = new ArrayList<>();
        for (PlannedResource r : plan.where(r -> String.valueOf(r.input("tags")).contains("karpenter.sh/discovery"))) {
            tagged.add(r.type() + " " + r.name());
        }
        assertThat(tagged).containsExactlyInAnyOrder("aws:ec2/subnet:Subnet private-us-east-1a", "aws:ec2/subnet:Subnet private-us-east-1b",
                "aws:ec2/subnet:Subnet private-us-east-1c", "aws:ec2/securityGroup:SecurityGroup node");
        @SuppressWarnings("unchecked") Map<String, String> nodeTags = (Map<String, String>) plan.one("aws:ec2/securityGroup:SecurityGroup", "node").input("tags");
        assertThat(nodeTags).containsEntry("karpenter.sh/discovery", CLUSTER);
    }

    @Test
    void theInterruptionQueueIsEncryptedAndFedByTheFiveRulesOfTheTemplate() throws Exception {
        Plan plan = staging();
        PlannedResource queue = plan.one("aws:sqs/queue:Queue", "karpenter-interruptions");
        assertThat(queue.input("name")).isEqualTo(CLUSTER);
        assertThat(queue.input("sqsManagedSseEnabled")).isEqualTo(true);
        assertThat(queue.input("messageRetentionSeconds")).isEqualTo(300L);
        String queueArn = "arn:aws:sqs:us-east-1:111111111111:" + CLUSTER;
        Map<String, String> patterns = Map.of(
                "scheduled-change", "{\"detail-type\":[\"AWS Health Event\"],\"source\":[\"aws.health\"]}",
                "spot-interruption", "{\"detail-type\":[\"EC2 Spot Instance Interruption Warning\"],\"source\":[\"aws.ec2\"]}",
                "rebalance", "{\"detail-type\":[\"EC2 Instance Rebalance Recommendation\"],\"source\":[\"aws.ec2\"]}",
                "instance-state-change", "{\"detail-type\":[\"EC2 Instance State-change Notification\"],\"source\":[\"aws.ec2\"]}",
                "capacity-reservation-interruption", "{\"detail-type\":[\"EC2 Capacity Reservation Instance Interruption Warning\"],\"source\":[\"aws.ec2\"]}");
        List<String> ruleArns = new ArrayList<>();
        patterns.forEach((name, pattern) -> {
            PlannedResource rule = plan.one("aws:cloudwatch/eventRule:EventRule", "karpenter-" + name);
            assertThat(rule.input("eventPattern")).as(name).isEqualTo(pattern);
            assertThat(plan.one("aws:cloudwatch/eventTarget:EventTarget", "karpenter-" + name).input("arn")).isEqualTo(queueArn);
            ruleArns.add("arn:aws:events:us-east-1:111111111111:rule/" + rule.input("name"));
        });
        assertThat(plan.ofType("aws:cloudwatch/eventRule:EventRule")).hasSize(5);
        JsonNode policy = JSON.readTree(String.valueOf(plan.one("aws:sqs/queuePolicy:QueuePolicy", "karpenter-interruptions").input("policy")));
        JsonNode send = policy.path("Statement").get(0);
        assertThat(send.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(send.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(send.path("Resource").asText()).isEqualTo(queueArn);
        List<String> sources = new ArrayList<>();
        send.path("Condition").path("ArnEquals").path("aws:SourceArn").forEach(n -> sources.add(n.asText()));
        assertThat(sources).containsExactlyInAnyOrderElementsOf(ruleArns);
        assertThat(policy.path("Statement").get(1).toString()).contains("\"Effect\":\"Deny\"").contains("aws:SecureTransport");
    }

    @Test
    void theNodesJoinThroughAnEc2LinuxAccessEntryOfTheirOwnRole() {
        Plan plan = staging();
        PlannedResource entry = plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes");
        assertThat(entry.input("type")).isEqualTo("EC2_LINUX");
        assertThat(String.valueOf(entry.input("principalArn"))).matches("arn:aws:iam::111111111111:role/karpenter-node-[0-9a-f]{7}");
        assertThat(plan.where(r -> r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment") && r.name().startsWith("karpenter-node-"))
                .stream().map(r -> String.valueOf(r.input("policyArn"))).toList()).containsExactlyInAnyOrder(
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    }

    @Test
    void productionHasNoPoolAndNoKarpenter() {
        Plan production = PlannedStacks.of("production");
        assertThat(production.where(r -> r.name().startsWith("karpenter") || r.type().contains("karpenter") || r.type().contains("sqs/"))).isEmpty();
        assertThat(String.valueOf(production.ofType("aws:ec2/subnet:Subnet").stream().map(PlannedResource::inputs).toList()))
                .doesNotContain("karpenter.sh/discovery");
    }
}
