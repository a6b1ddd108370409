package com.featureapi.platform.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge tier as the plan shows it: the web ACL, its rules, its encrypted log group, and the ARN reaching the Ingress. */
class EdgeTierTest {

    private static final String WEB_ACL = "aws:wafv2/webAcl:WebAcl";
    private static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(PlannedResource acl) {
        return (List<Map<String, Object>>) acl.input("rules");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theWebAclAllowsByDefaultAndRunsTheRateLimitThenFourManagedGroups(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource acl = plan.one(WEB_ACL, "web-acl");
        assertThat(acl.parent()).isEqualTo(plan.one(Edge.TYPE, "edge").urn());
        assertThat(acl.input("name")).isEqualTo("platform-" + stack + "-api");
        assertThat(acl.input("scope")).isEqualTo("REGIONAL");
        assertThat(acl.input("defaultAction")).isEqualTo(Map.of("allow", Map.of()));
        assertThat(acl.input("visibilityConfig")).isEqualTo(Map.of("cloudwatchMetricsEnabled", true, "sampledRequestsEnabled", true,
                "metricName", "platform-" + stack + "-api"));

        List<Map<String, Object>> rules = rules(acl);
        assertThat(rules).extracting(r -> r.get("name"), r -> r.get("priority")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rate-limit-per-ip", 0L),
                org.assertj.core.groups.Tuple.tuple("aws-ip-reputation", 1L),
                org.assertj.core.groups.Tuple.tuple("aws-known-bad-inputs", 2L),
                org.assertj.core.groups.Tuple.tuple("aws-common", 3L),
                org.assertj.core.groups.Tuple.tuple("aws-sqli", 4L));
        // The fixtures' limit: 2,000 requests per client IP in 5 minutes, then blocked.
        assertThat(rules.get(0).get("action")).isEqualTo(Map.of("block", Map.of()));
        assertThat(rules.get(0).get("statement")).isEqualTo(Map.of("rateBasedStatement",
                Map.of("aggregateKeyType", "IP", "limit", 2000L, "evaluationWindowSec", 300L)));
        assertThat(rules.subList(1, 5)).extracting(r -> r.get("statement")).containsExactly(
                Map.of("managedRuleGroupStatement", Map.of("vendorName", "AWS", "name", "AWSManagedRulesAmazonIpReputationList")),
                Map.of("managedRuleGroupStatement", Map.of("vendorName", "AWS", "name", "AWSManagedRulesKnownBadInputsRuleSet")),
                Map.of("managedRuleGroupStatement", Map.of("vendorName", "AWS", "name", "AWSManagedRulesCommonRuleSet")),
                Map.of("managedRuleGroupStatement", Map.of("vendorName", "AWS", "name", "AWSManagedRulesSQLiRuleSet")));
        // A managed group keeps its own block actions: override "none", never "count".
        assertThat(rules.subList(1, 5)).allSatisfy(r -> {
            assertThat(r.get("overrideAction")).isEqualTo(Map.of("none", Map.of()));
            assertThat(r).doesNotContainKey("action");
        });
        assertThat(rules).allSatisfy(r -> assertThat(r.get("visibilityConfig")).isEqualTo(Map.of("cloudwatchMetricsEnabled", true,
                "sampledRequestsEnabled", true, "metricName", "platform-" + stack + "-" + r.get("name"))));
    }

    @Test
    void everyRequestIsLoggedToAnEncryptedGroupWithoutTokensOrCookies() throws Exception {
        Plan plan = PlannedStacks.of("production");
        PlannedResource group = plan.one("aws:cloudwatch/logGroup:LogGroup", "web-acl-logs");
        assertThat(group.input("name")).isEqualTo("aws-waf-logs-platform-production");
        assertThat(group.input("retentionInDays")).isEqualTo(365L);
        assertThat(group.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "logs"));
        assertThat(PlannedStacks.of("staging").one("aws:cloudwatch/logGroup:LogGroup", "web-acl-logs").input("retentionInDays")).isEqualTo(30L);

        PlannedResource logging = plan.one("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "web-acl-logging");
        PlannedResource policy = plan.one("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "web-acl-log-delivery");
        assertThat(logging.propertyDependencies().get("resourceArn")).containsExactly(plan.one(WEB_ACL, "web-acl").urn());
        assertThat(logging.propertyDependencies().get("logDestinationConfigs")).containsExactly(group.urn());
        assertThat(logging.input("logDestinationConfigs")).isEqualTo(
                List.of("arn:aws:logs:us-east-1:222222222222:log-group:aws-waf-logs-platform-production"));
        assertThat(logging.input("redactedFields")).isEqualTo(List.of(
                Map.of("singleHeader", Map.of("name", "authorization")), Map.of("singleHeader", Map.of("name", "cookie"))));
        assertThat(logging.dependencies()).contains(policy.urn());

        JsonNode document = new ObjectMapper().readTree(String.valueOf(policy.input("policyDocument")));
        assertThat(document.get("Statement")).hasSize(1);
        JsonNode statement = document.get("Statement").get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.get("Principal").get("Service").asText()).isEqualTo("delivery.logs.amazonaws.com");
        assertThat(statement.get("Action")).extracting(JsonNode::asText).containsExactly("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(statement.get("Resource").asText())
                .isEqualTo("arn:aws:logs:us-east-1:222222222222:log-group:aws-waf-logs-platform-production:log-stream:*");
        assertThat(statement.get("Condition").get("StringEquals").get("aws:SourceAccount").asText()).isEqualTo("222222222222");
        assertThat(statement.get("Condition").get("ArnLike").get("aws:SourceArn").asText()).isEqualTo("arn:aws:logs:us-east-1:222222222222:*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAclsArnReachesTheIngressThroughTheReleaseValues(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource acl = plan.one(WEB_ACL, "web-acl");
        String arn = String.valueOf(plan.one(Edge.TYPE, "edge").registeredOutputs().get("webAclArn"));
        assertThat(arn).matches("arn:aws:wafv2:us-east-1:" + PlannedStacks.account(stack) + ":regional/webacl/platform-" + stack
                + "-api/[0-9a-f-]{36}");
        PlannedResource release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api");
        assertThat(release.input("values.ingress.webAclArn")).isEqualTo(arn);
        assertThat(release.propertyDependencies().get("values")).contains(acl.urn());
        PlannedResource ingress = plan.ofType(INGRESS).stream().filter(i -> i.name().equals("feature-api/feature-api")).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) ingress.input("metadata.annotations")).get("alb.ingress.kubernetes.io/wafv2-acl-arn")).isEqualTo(arn);
    }
}
