package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.featureapi.platform.security.PolicyJson.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** The inline and attached policies of the roles, by value. */
class RolePoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    private static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    private static JsonNode statements(PlannedResource policy) throws Exception {
        return JSON.readTree((String) policy.input("policy")).get("Statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void flowLogRoleHasAwsDocumentedActionsOnTheFlowLogGroupOnly(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        String group = "arn:aws:logs:us-east-1:" + account + ":log-group:/aws/vpc/platform-" + stack + "/flow-logs";
        JsonNode statements = statements(plan.one(ROLE_POLICY, "flow-logs"));
        assertThat(statements).hasSize(2);
        assertThat(texts(statements.get(0).get("Action")))
                .containsExactly("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams");
        assertThat(texts(statements.get(0).get("Resource"))).containsExactly(group, group + ":*");
        assertThat(texts(statements.get(1).get("Action"))).containsExactly("logs:DescribeLogGroups");
        assertThat(texts(statements.get(1).get("Resource"))).containsExactly("arn:aws:logs:us-east-1:" + account + ":log-group:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void appRoleHasNoCloudWatchAgentPolicyAndOnlyItsOwnSecretsDatabaseAndCache(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        assertThat(plan.ofType(ATTACHMENT).stream().filter(a -> a.name().startsWith("feature-api-")).map(PlannedResource::name))
                .as("managed policies of the app role").isEmpty();
        JsonNode statements = statements(plan.one(ROLE_POLICY, "feature-api"));
        List<String> actions = new ArrayList<>();
        statements.forEach(s -> actions.addAll(texts(s.get("Action"))));
        assertThat(actions).containsExactly("secretsmanager:GetSecretValue", "kms:Decrypt", "elasticache:Connect", "rds-db:connect");
        for (JsonNode statement : statements) {
            assertThat(texts(statement.get("Resource"))).as(statement.toString()).noneMatch(r -> r.equals("*"));
        }
        assertThat(texts(statements.get(1).get("Condition").get("StringEquals").get("kms:ViaService")))
                .containsExactly("secretsmanager.us-east-1.amazonaws.com");
        assertThat(texts(statements.get(3).get("Resource")))
                .containsExactly("arn:aws:rds-db:us-east-1:" + account + ":dbuser:*/feature_api");
    }

    /** The README of the checked-in policies names the constant that loads each file: it must exist and point at it. */
    @Test
    void iamReadmeNamesTheConstantThatLoadsTheCheckedInPolicy() throws Exception {
        String readme = Files.readString(Path.of("src/main/resources/iam/README.md"));
        Matcher constants = Pattern.compile("`(\\w+)\\.([A-Z_]+)`").matcher(readme);
        List<String> named = new ArrayList<>();
        while (constants.find()) {
            Class<?> owner = Class.forName("com.featureapi.platform.security." + constants.group(1));
            var field = owner.getDeclaredField(constants.group(2));
            field.setAccessible(true);
            String resource = (String) field.get(null);
            assertThat(RolePoliciesTest.class.getResource(resource)).as(resource).isNotNull();
            assertThat(readme).contains("`" + resource.substring(resource.lastIndexOf('/') + 1) + "`");
            named.add(constants.group(0));
        }
        assertThat(named).containsExactly("`WorkloadPolicies.LOAD_BALANCER_CONTROLLER_RESOURCE`", "`WorkloadPolicies.KARPENTER_CONTROLLER_RESOURCE`");
    }
}
