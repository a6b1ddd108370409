package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 16: severities routed apart, and a dead man's switch outside the cluster (Alertmanager's Watchdog to a
 * heartbeat topic, a CloudWatch alarm on its missing publishes paging the on-call topic). Read from the shared plans.
 */
class AlertRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String topicArn(String stack, String topic) {
        return "arn:aws:sns:us-east-1:" + PlannedStacks.account(stack) + ":platform-" + stack + "-" + topic;
    }

    private static Map<String, Object> sns(String stack, String topic, String subject, boolean sendResolved) {
        Map<String, Object> sns = new LinkedHashMap<>();
        sns.put("topic_arn", topicArn(stack, topic));
        sns.put("sigv4", Map.of("region", "us-east-1"));
        sns.put("subject", subject + " (platform-" + stack + ")");
        sns.put("send_resolved", sendResolved);
        return sns;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void watchdogBeatsEveryMinuteCriticalPagesHourlyAndWarningsWaitFourHours(String stack) {
        PlannedResource kps = PlannedStacks.of(stack).one("kubernetes:helm.sh/v3:Release", "kube-prometheus-stack");
        assertThat(kps.input("values.alertmanager.config.route")).isEqualTo(Map.of(
                "receiver", "warning", "group_by", List.of("alertname", "namespace"),
                "group_wait", "30s", "group_interval", "5m", "repeat_interval", "4h",
                "routes", List.of(
                        // First: Watchdog's severity is "none", which the next route would swallow.
                        Map.of("matchers", List.of("alertname = \"Watchdog\""), "receiver", "heartbeat",
                                "group_wait", "0s", "group_interval", "1m", "repeat_interval", "1m"),
                        Map.of("matchers", List.of("severity =~ \"info|none\""), "receiver", "blackhole"),
                        Map.of("matchers", List.of("severity = \"critical\""), "receiver", "critical", "repeat_interval", "1h"),
                        Map.of("matchers", List.of("severity = \"warning\""), "receiver", "warning", "repeat_interval", "4h"))));
        assertThat(kps.input("values.alertmanager.config.receivers")).isEqualTo(List.of(
                Map.of("name", "blackhole"),
                Map.of("name", "heartbeat", "sns_configs", List.of(sns(stack, "alerting-heartbeat", "[HEARTBEAT] Watchdog", false))),
                Map.of("name", "critical", "sns_configs", List.of(sns(stack, "oncall",
                        "[{{ .Status | toUpper }}] [CRITICAL] {{ .CommonLabels.alertname }}", true))),
                Map.of("name", "warning", "sns_configs", List.of(sns(stack, "alerts",
                        "[{{ .Status | toUpper }}] [WARNING] {{ .CommonLabels.alertname }}", true)))));
        assertThat(kps.input("values.alertmanager.config.inhibit_rules")).isEqualTo(List.of(
                Map.of("source_matchers", List.of("severity = \"critical\""), "target_matchers", List.of("severity =~ \"warning|info\""),
                        "equal", List.of("namespace", "alertname")),
                Map.of("source_matchers", List.of("severity = \"warning\""), "target_matchers", List.of("severity = \"info\""),
                        "equal", List.of("namespace", "alertname"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void alertmanagerMayPublishToItsThreeTopicsOnlyThroughSnsWithTheAlertsKey(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        JsonNode policy = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "alertmanager").input("policy"));
        String alertsKey = "arn:aws:kms:us-east-1:" + PlannedStacks.account(stack) + ":key/";
        assertThat(policy.get("Statement")).hasSize(2);
        JsonNode publish = policy.get("Statement").get(0);
        assertThat(publish.get("Effect").asText()).isEqualTo("Allow");
        assertThat(publish.get("Action").asText()).isEqualTo("sns:Publish");
        assertThat(JSON.convertValue(publish.get("Resource"), List.class)).containsExactly(
                topicArn(stack, "alerts"), topicArn(stack, "oncall"), topicArn(stack, "alerting-heartbeat"));
        assertThat(publish.has("Condition")).isFalse();
        JsonNode kms = policy.get("Statement").get(1);
        assertThat(JSON.convertValue(kms.get("Action"), List.class)).containsExactly("kms:GenerateDataKey*", "kms:Decrypt");
        assertThat(kms.get("Resource").asText()).startsWith(alertsKey);
        assertThat(kms.get("Condition")).isEqualTo(JSON.readTree("{\"StringEquals\":{\"kms:ViaService\":\"sns.us-east-1.amazonaws.com\"}}"));
        // The role is the one the Pod Identity association gives Alertmanager's service account.
        PlannedResource association = plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "alertmanager");
        assertThat(association.input("namespace")).isEqualTo("monitoring");
        assertThat(association.input("serviceAccount")).isEqualTo("alertmanager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void aSilentHeartbeatTopicPagesTheOnCallTopicAfterFifteenMinutes(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource alarm = plan.one("aws:cloudwatch/metricAlarm:MetricAlarm", "alerting-heartbeat");
        assertThat(alarm.input("name")).isEqualTo("platform-" + stack + "-alerting-heartbeat");
        assertThat(alarm.input("namespace")).isEqualTo("AWS/SNS");
        assertThat(alarm.input("metricName")).isEqualTo("NumberOfMessagesPublished");
        assertThat(alarm.input("dimensions")).isEqualTo(Map.of("TopicName", "platform-" + stack + "-alerting-heartbeat"));
        assertThat(alarm.input("statistic")).isEqualTo("Sum");
        assertThat(alarm.input("period")).isEqualTo(300L);
        assertThat(alarm.input("evaluationPeriods")).isEqualTo(3L);
        assertThat(alarm.input("datapointsToAlarm")).isEqualTo(3L);
        assertThat(alarm.input("comparisonOperator")).isEqualTo("LessThanThreshold");
        assertThat(((Number) alarm.input("threshold")).doubleValue()).isEqualTo(1.0);
        // SNS reports nothing for a topic nobody publishes to: no data is the failure.
        assertThat(alarm.input("treatMissingData")).isEqualTo("breaching");
        assertThat(alarm.input("alarmActions")).isEqualTo(List.of(topicArn(stack, "oncall")));
        assertThat(alarm.input("okActions")).isEqualTo(List.of(topicArn(stack, "oncall")));
        assertThat((String) alarm.input("alarmDescription")).endsWith("Runbook: docs/operations.md#alerting-heartbeat");
        PlannedResource onCallPolicy = plan.one("aws:sns/topicPolicy:TopicPolicy", "oncall");
        assertThat(alarm.dependencies()).contains(onCallPolicy.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theNewTopicsAreEncryptedWithTheAlertsKeyAndOnlyCloudWatchMayPublishToOnCall(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String keyUrn = PlannedStacks.keyUrn(plan, "alerts");
        for (var topic : Map.of("oncall", "platform-" + stack + "-oncall", "alerting-heartbeat", "platform-" + stack + "-alerting-heartbeat").entrySet()) {
            PlannedResource resource = plan.one("aws:sns/topic:Topic", topic.getKey());
            assertThat(resource.input("name")).isEqualTo(topic.getValue());
            assertThat(resource.propertyDependencies().get("kmsMasterKeyId")).containsExactly(keyUrn);
        }
        JsonNode onCall = JSON.readTree((String) plan.one("aws:sns/topicPolicy:TopicPolicy", "oncall").input("policy"));
        assertThat(onCall.get("Statement")).hasSize(2);
        assertThat(onCall.get("Statement").get(0).get("Principal")).isEqualTo(JSON.readTree("{\"Service\":\"cloudwatch.amazonaws.com\"}"));
        assertThat(onCall.get("Statement").get(0).get("Condition")).isEqualTo(JSON.readTree(
                "{\"StringEquals\":{\"aws:SourceAccount\":\"" + PlannedStacks.account(stack) + "\"},"
                        + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:cloudwatch:us-east-1:" + PlannedStacks.account(stack) + ":alarm:*\"}}"));
        assertThat(onCall.get("Statement").get(1).get("Sid").asText()).isEqualTo("DenyInsecureTransport");
        JsonNode heartbeat = JSON.readTree((String) plan.one("aws:sns/topicPolicy:TopicPolicy", "alerting-heartbeat").input("policy"));
        assertThat(heartbeat.get("Statement")).hasSize(1);
        assertThat(heartbeat.get("Statement").get(0).get("Effect").asText()).isEqualTo("Deny");
        assertThat(plan.where(r -> r.type().equals("aws:sns/topicSubscription:TopicSubscription")
                && (r.name().startsWith("oncall-") || r.name().startsWith("alerting-heartbeat")))).isEmpty();
    }
}
