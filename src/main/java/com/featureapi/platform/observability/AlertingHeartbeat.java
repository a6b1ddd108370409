package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The dead man's switch, outside the cluster: Alertmanager sends kube-prometheus-stack's always-firing {@code Watchdog}
 * alert to the heartbeat topic every minute, and this CloudWatch alarm pages the on-call topic when the topic has seen
 * no publish for 15 minutes. A dead Prometheus (no rule evaluation), a dead Alertmanager, a lost Pod Identity
 * association, a broken role or key grant, or a cluster gone altogether all stop the publishes, and none of them can
 * report itself. SNS reports its metrics in five-minute periods and reports nothing for a topic without publishes, so
 * a missing datapoint is the failure itself: missing data is breaching.
 */
final class AlertingHeartbeat {

    static final String NAME = "alerting-heartbeat";
    static final int PERIOD_SECONDS = 300;
    /** Three silent five-minute periods: a restart of Alertmanager or Prometheus (a minute or two) never pages. */
    static final int EVALUATION_PERIODS = 3;

    private final MetricAlarm alarm;

    AlertingHeartbeat(PlatformConfig config, Output<String> onCallTopicArn, CustomResourceOptions child) {
        String name = config.namePrefix() + "-" + NAME;
        this.alarm = new MetricAlarm(NAME, MetricAlarmArgs.builder()
                .name(name)
                .alarmDescription("No Watchdog heartbeat from Alertmanager for 15 minutes: Prometheus, Alertmanager or the cluster is down, "
                        + "and no other alert can reach you. Runbook: docs/operations.md#" + NAME)
                .namespace("AWS/SNS")
                .metricName("NumberOfMessagesPublished")
                .dimensions(Map.of("TopicName", ResourceNames.heartbeatTopic(config)))
                .statistic("Sum")
                .period(PERIOD_SECONDS)
                .evaluationPeriods(EVALUATION_PERIODS)
                .datapointsToAlarm(EVALUATION_PERIODS)
                .comparisonOperator("LessThanThreshold")
                .threshold(1.0)
                .treatMissingData("breaching")
                .alarmActions(onCallTopicArn.applyValue(List::of))
                .okActions(onCallTopicArn.applyValue(List::of))
                .tags(NameTag.of(name))
                .build(), child);
    }

    MetricAlarm alarm() {
        return alarm;
    }
}
