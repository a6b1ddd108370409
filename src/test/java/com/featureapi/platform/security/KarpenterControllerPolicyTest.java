package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Karpenter controller's policy in the staging fixture's plan equals, by value, the six policy documents of Karpenter
 * v1.14's CloudFormation template (checked in as {@code iam/karpenter-controller-v1.14.1.json}) with its placeholders
 * filled in for this stack; its Pod Identity trust is kube-system/karpenter only.
 */
class KarpenterControllerPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "platform-staging";

    /** The Sids of the template of v1.14, in its order: a statement dropped from the file or the policy fails here. */
    private static final List<String> UPSTREAM_SIDS = List.of(
            "AllowScopedEC2InstanceAccessActions", "AllowScopedEC2LaunchTemplateAccessActions", "AllowScopedEC2InstanceActionsWithTags",
            "AllowScopedResourceCreationTagging", "AllowScopedResourceTagging", "AllowScopedDeletion",
            "AllowPassingInstanceRole", "AllowScopedInstanceProfileCreationActions", "AllowScopedInstanceProfileTagActions",
            "AllowScopedInstanceProfileActions", "AllowAPIServerEndpointDiscovery", "AllowInterruptionQueueActions",
            "AllowZonalShiftStatusReadOnly", "AllowRegionalReadActions", "AllowSSMReadActions", "AllowPricingReadActions",
            "AllowUnscopedInstanceProfileListAction", "AllowInstanceProfileReadActions");

    @Test
    void thePolicyIsTheVersionsTemplateFilledInForThisStack() throws Exception {
        Plan plan = PlannedStacks.of("staging");
        JsonNode policy = JSON.readTree(String.valueOf(plan.one("aws:iam/rolePolicy:RolePolicy", "karpenter").input("policy")));
        String nodeRoleArn = String.valueOf(plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes").input("principalArn"));

        JsonNode template;
        try (InputStream in = getClass().getResourceAsStream(WorkloadPolicies.KARPENTER_CONTROLLER_RESOURCE)) {
            template = JSON.readTree(in);
        }
        List<JsonNode> expected = new ArrayList<>();
        for (JsonNode document : template.path("policies")) {
            for (JsonNode statement : document.path("Statement")) {
                expected.add(JSON.readTree(statement.toString()
                        .replace("${AWS::Partition}", "aws").replace("${AWS::Region}", "us-east-1").replace("${AWS::AccountId}", "111111111111")
                        .replace("${ClusterName}", CLUSTER).replace("${KarpenterNodeRole.Arn}", nodeRoleArn)
                        .replace("${KarpenterInterruptionQueue.Arn}", "arn:aws:sqs:us-east-1:111111111111:" + CLUSTER)));
            }
        }
        List<JsonNode> actual = new ArrayList<>();
        policy.path("Statement").forEach(actual::add);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual.stream().map(s -> s.path("Sid").asText())).containsExactlyElementsOf(UPSTREAM_SIDS);
        assertThat(template.path("policies").fieldNames()).toIterable().containsExactly("KarpenterControllerNodeLifecyclePolicy",
                "KarpenterControllerIAMIntegrationPolicy", "KarpenterControllerEKSIntegrationPolicy", "KarpenterControllerInterruptionPolicy",
                "KarpenterControllerZonalShiftPolicy", "KarpenterControllerResourceDiscoveryPolicy");
    }

    @Test
    void keyStatementsByValue() throws Exception {
        Plan plan = PlannedStacks.of("staging");
        JsonNode policy = JSON.readTree(String.valueOf(plan.one("aws:iam/rolePolicy:RolePolicy", "karpenter").input("policy")));
        String nodeRoleArn = String.valueOf(plan.one("aws:eks/accessEntry:AccessEntry", "karpenter-nodes").input("principalArn"));
        JsonNode passRole = statement(policy, "AllowPassingInstanceRole");
        assertThat(passRole.path("Resource").asText()).as("PassRole of the pool's node role only").isEqualTo(nodeRoleArn);
        assertThat(passRole.path("Condition").path("StringEquals").path("iam:PassedToService").toString())
                .isEqualTo("[\"ec2.amazonaws.com\",\"ec2.amazonaws.com.cn\"]");
        JsonNode queue = statement(policy, "AllowInterruptionQueueActions");
        assertThat(queue.path("Resource").asText()).isEqualTo("arn:aws:sqs:us-east-1:111111111111:" + CLUSTER);
        assertThat(queue.path("Action").toString()).isEqualTo("[\"sqs:DeleteMessage\",\"sqs:GetQueueUrl\",\"sqs:ReceiveMessage\"]");
        JsonNode terminate = statement(policy, "AllowScopedDeletion");
        assertThat(terminate.path("Condition").path("StringEquals").path("aws:ResourceTag/kubernetes.io/cluster/" + CLUSTER).asText()).isEqualTo("owned");
        assertThat(terminate.path("Condition").path("StringLike").path("aws:ResourceTag/karpenter.sh/nodepool").asText()).isEqualTo("*");
        assertThat(statement(policy, "AllowAPIServerEndpointDiscovery").path("Resource").asText())
                .isEqualTo("arn:aws:eks:us-east-1:111111111111:cluster/" + CLUSTER);
        assertThat(policy.toString()).doesNotContain("${");
    }

    @Test
    void theRoleIsTrustedByPodIdentityForKubeSystemKarpenterOnly() throws Exception {
        Plan plan = PlannedStacks.of("staging");
        PlannedResource role = plan.one("aws:iam/role:Role", "karpenter");
        JsonNode trust = JSON.readTree(String.valueOf(role.input("assumeRolePolicy"))).path("Statement").get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("pods.eks.amazonaws.com");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:RequestTag/kubernetes-namespace").asText()).isEqualTo("kube-system");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:RequestTag/kubernetes-service-account").asText()).isEqualTo("karpenter");
        PlannedResource association = plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter");
        assertThat(association.input("namespace")).isEqualTo("kube-system");
        assertThat(association.input("serviceAccount")).isEqualTo("karpenter");
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode s : policy.path("Statement")) {
            if (s.path("Sid").asText().equals(sid)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }
}
