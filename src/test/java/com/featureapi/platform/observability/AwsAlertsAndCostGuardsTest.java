package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.Tiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS side of the observability tier, read from the shared plans of both stacks. */
class AwsAlertsAndCostGuardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final String TOPIC = "aws:sns/topic:Topic";
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    /** Alarm name to "metric comparison threshold" for one stack. */
    private static Map<String, String> alarms(Plan plan) {
        Map<String, String> byName = new TreeMap<>();
        for (PlannedResource alarm : plan.ofType(ALARM)) {
            byName.put(alarm.name(), alarm.input("metricName") + " " + alarm.input("comparisonOperator") + " " + alarm.input("threshold"));
        }
        return byName;
    }

    @Test
    void productionAlarmsOnTheDatabaseAndEveryCacheNodeWithItsThresholds() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "database-cpu", "CPUUtilization GreaterThanThreshold 80",
                "database-free-storage", "FreeStorageSpace LessThanThreshold " + 20 * GIB,
                "database-freeable-memory", "FreeableMemory LessThanThreshold " + 2048 * MIB,
                "database-connections", "DatabaseConnections GreaterThanThreshold 800",
                "alerting-heartbeat", "NumberOfMessagesPublished LessThanThreshold 1"));
        for (String node : List.of("001", "002", "003")) {
            expected.put("cache-" + node + "-engine-cpu", "EngineCPUUtilization GreaterThanThreshold 75");
            expected.put("cache-" + node + "-memory", "DatabaseMemoryUsagePercentage GreaterThanThreshold 80");
            expected.put("cache-" + node + "-evictions", "Evictions GreaterThanThreshold 100");
            expected.put("cache-" + node + "-replication-lag", "ReplicationLag GreaterThanThreshold 10");
        }
        assertThat(alarms(PlannedStacks.of("production"))).isEqualTo(expected);
    }

    @Test
    void stagingHasOneCacheNodeSoNoReplicationLagAlarm() {
        assertThat(alarms(PlannedStacks.of("staging"))).isEqualTo(Map.of(
                "database-cpu", "CPUUtilization GreaterThanThreshold 90",
                "database-free-storage", "FreeStorageSpace LessThanThreshold " + 5 * GIB,
                "database-freeable-memory", "FreeableMemory LessThanThreshold " + 512 * MIB,
                "database-connections", "DatabaseConnections GreaterThanThreshold 400",
                "cache-001-engine-cpu", "EngineCPUUtilization GreaterThanThreshold 90",
                "cache-001-memory", "DatabaseMemoryUsagePercentage GreaterThanThreshold 90",
                "cache-001-evictions", "Evictions GreaterThanThreshold 1000",
                "alerting-heartbeat", "NumberOfMessagesPublished LessThanThreshold 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void alarmsWatchThisStacksResourcesAndNotifyTheTopicOnAlarmAndRecovery(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource topic = plan.one(TOPIC, "alerts");
        String topicArn = "arn:aws:sns:us-east-1:" + PlannedStacks.account(stack) + ":platform-" + stack + "-alerts";
        assertThat(topic.input("name")).isEqualTo("platform-" + stack + "-alerts");
        // The heartbeat alarm pages the on-call topic instead (AlertRoutingTest).
        for (PlannedResource alarm : plan.where(r -> r.type().equals(ALARM) && !r.name().equals("alerting-heartbeat"))) {
            assertThat(alarm.input("alarmActions")).as(alarm.name()).isEqualTo(List.of(topicArn));
            assertThat(alarm.input("okActions")).as(alarm.name()).isEqualTo(List.of(topicArn));
            assertThat(alarm.input("period")).isEqualTo(300L);
            assertThat(alarm.input("evaluationPeriods")).isEqualTo(3L);
            assertThat(alarm.input("datapointsToAlarm")).isEqualTo(3L);
            assertThat(alarm.input("name")).isEqualTo("platform-" + stack + "-" + alarm.name());
            assertThat(alarm.dependencies()).contains(plan.one("aws:sns/topicPolicy:TopicPolicy", "alerts").urn());
            assertThat(new Tiers(plan).of(alarm)).isEqualTo("observability");
            if (alarm.name().startsWith("database-")) {
                assertThat(alarm.input("namespace")).isEqualTo("AWS/RDS");
                assertThat(alarm.input("dimensions")).isEqualTo(Map.of("DBInstanceIdentifier", "platform-" + stack + "-postgres"));
                assertThat(alarm.propertyDependencies().get("dimensions")).containsExactly(plan.one("aws:rds/instance:Instance", "postgres").urn());
            } else {
                String node = alarm.name().substring("cache-".length(), "cache-".length() + 3);
                assertThat(alarm.input("namespace")).isEqualTo("AWS/ElastiCache");
                assertThat(alarm.input("dimensions")).isEqualTo(Map.of("CacheClusterId", "platform-" + stack + "-redis-" + node));
                assertThat(alarm.propertyDependencies().get("dimensions"))
                        .containsExactly(plan.one("aws:elasticache/replicationGroup:ReplicationGroup", "redis").urn());
            }
            assertThat(alarm.input("statistic")).isEqualTo(alarm.name().endsWith("evictions") ? "Sum" : "Average");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAlertsTopicIsEncryptedWithTheAlertsKeyAndOnlyThisAccountsServicesMayPublish(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        PlannedResource topic = plan.one(TOPIC, "alerts");
        assertThat(topic.propertyDependencies().get("kmsMasterKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "alerts"));
        JsonNode statements = JSON.readTree((String) plan.one("aws:sns/topicPolicy:TopicPolicy", "alerts").input("policy")).get("Statement");
        assertThat(statements).extracting(s -> s.get("Sid").asText() + " " + s.get("Effect").asText() + " " + s.get("Principal"))
                .containsExactly(
                        "CloudWatchAlarmsOfThisAccount Allow {\"Service\":\"cloudwatch.amazonaws.com\"}",
                        "BudgetsOfThisAccount Allow {\"Service\":\"budgets.amazonaws.com\"}",
                        "CostAnomalyDetectionOfThisAccount Allow {\"Service\":\"costalerts.amazonaws.com\"}",
                        "DenyInsecureTransport Deny {\"AWS\":\"*\"}");
        for (int i = 0; i < 3; i++) {
            assertThat(statements.get(i).get("Condition").get("StringEquals").get("aws:SourceAccount").asText()).isEqualTo(account);
        }
        assertThat(statements.get(0).get("Condition").get("ArnLike").get("aws:SourceArn").asText())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:" + account + ":alarm:*");
        assertThat(plan.ofType("aws:sns/topicSubscription:TopicSubscription")).isEmpty();
    }

    @Test
    void budgetsFollowEachStacksMonthlyBudgetWithSeed002Notifications() {
        for (var stack : Map.of("production", "2500", "staging", "900").entrySet()) {
            Plan plan = PlannedStacks.of(stack.getKey());
            PlannedResource budget = plan.one("aws:budgets/budget:Budget", "monthly");
            assertThat(budget.input("budgetType")).isEqualTo("COST");
            assertThat(budget.input("timeUnit")).isEqualTo("MONTHLY");
            assertThat(budget.input("limitAmount")).isEqualTo(stack.getValue());
            assertThat(budget.input("limitUnit")).isEqualTo("USD");
            String topicArn = "arn:aws:sns:us-east-1:" + PlannedStacks.account(stack.getKey()) + ":platform-" + stack.getKey() + "-alerts";
            assertThat(budget.input("notifications")).isEqualTo(List.of(
                    Map.of("notificationType", "ACTUAL", "comparisonOperator", "GREATER_THAN", "threshold", 80L,
                            "thresholdType", "PERCENTAGE", "subscriberSnsTopicArns", List.of(topicArn)),
                    Map.of("notificationType", "FORECASTED", "comparisonOperator", "GREATER_THAN", "threshold", 100L,
                            "thresholdType", "PERCENTAGE", "subscriberSnsTopicArns", List.of(topicArn))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void costAnomaliesOfTwentyPercentAlertTheTopicImmediately(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource monitor = plan.one("aws:costexplorer/anomalyMonitor:AnomalyMonitor", "services");
        assertThat(monitor.input("monitorType")).isEqualTo("DIMENSIONAL");
        assertThat(monitor.input("monitorDimension")).isEqualTo("SERVICE");
        PlannedResource subscription = plan.one("aws:costexplorer/anomalySubscription:AnomalySubscription", "services");
        assertThat(subscription.input("frequency")).isEqualTo("IMMEDIATE");
        assertThat(subscription.propertyDependencies().get("monitorArnLists")).containsExactly(monitor.urn());
        assertThat(subscription.input("subscribers")).isEqualTo(List.of(Map.of("type", "SNS",
                "address", "arn:aws:sns:us-east-1:" + PlannedStacks.account(stack) + ":platform-" + stack + "-alerts")));
        assertThat(subscription.input("thresholdExpression")).isEqualTo(Map.of("dimension", Map.of(
                "key", "ANOMALY_TOTAL_IMPACT_PERCENTAGE", "matchOptions", List.of("GREATER_THAN_OR_EQUAL"), "values", List.of("20"))));
    }
}
