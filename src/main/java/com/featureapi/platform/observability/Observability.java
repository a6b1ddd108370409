package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The observability and operations tier ({@code platform:observability:Observability}): the alerts topic, CloudWatch
 * alarms on the database and cache, the budget and cost anomaly detection, the account's audit trail; in the cluster
 * (on the Kubernetes tier's provider and namespaces) kube-prometheus-stack with the SLO and alert rules and the seed's
 * dashboard, Grafana's Tempo and CloudWatch datasources, the trace path (OpenTelemetry collector to Grafana Tempo on
 * S3), Fluent Bit to CloudWatch Logs, Velero and the logical database backup.
 */
public final class Observability extends ComponentResource {

    public static final String TYPE = "platform:observability:Observability";

    private final Output<String> alertsTopicArn;
    private final Optional<Output<String>> auditTrailArn;
    private final Release prometheusRelease;

    public Observability(String name, ObservabilityArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();

        var all = EnumSet.allOf(AlertsTopic.Publisher.class);
        var topic = new AlertsTopic(config, "alerts", ResourceNames.alertsTopic(config), config.namePrefix() + " alerts",
                args.alertsKeyArn(), all, config.monitoring().alertEmails(), child);
        var onCall = new AlertsTopic(config, "oncall", ResourceNames.onCallTopic(config), config.namePrefix() + " on-call",
                args.alertsKeyArn(), EnumSet.of(AlertsTopic.Publisher.CLOUDWATCH_ALARMS), config.monitoring().onCallEmails(), child);
        // Only Alertmanager's Watchdog publishes here (its role's grant); nobody subscribes, the alarm watches the count.
        var heartbeat = new AlertsTopic(config, "alerting-heartbeat", ResourceNames.heartbeatTopic(config), config.namePrefix() + " alerting heartbeat",
                args.alertsKeyArn(), EnumSet.noneOf(AlertsTopic.Publisher.class), List.of(), child);
        // Publishers start once the topic's policy lets them in.
        var afterTopicPolicy = CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(topic.policy()).build());
        new DataAlarms(config, args.databaseIdentifier(), args.cacheReplicationGroupId(), topic.arn(), afterTopicPolicy);
        new CostGuards(config, topic.arn(), topic.policy(), child);
        new AlertingHeartbeat(config, onCall.arn(),
                CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(onCall.policy()).build()));
        this.alertsTopicArn = topic.arn();
        var inCluster = args.cluster();
        var monitoring = new MonitoringStack(config, inCluster.workloads(),
                new MonitoringStack.AlertTopics(topic.arn(), onCall.arn(), heartbeat.arn()), this);
        new Tracing(config, inCluster.workloads(), inCluster.tracesBucket(), this);
        new LogShipping(config, inCluster.workloads(), inCluster.logsKeyArn(), this, child);
        new Backups(config, inCluster.workloads(), inCluster.veleroBucket(), inCluster.backupsBucket(), inCluster.s3KeyArn(),
                inCluster.databaseAddress(), inCluster.databasePort(), inCluster.databaseName(), this);
        this.prometheusRelease = monitoring.release();
        this.auditTrailArn = args.auditKeyArn()
                .map(key -> new AuditTrail(config, key, args.accessLogBucket(), child, config.environment().isProduction()).trailArn());

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("alertsTopicArn", alertsTopicArn);
        outputs.put("onCallTopicArn", onCall.arn());
        auditTrailArn.ifPresent(arn -> outputs.put("auditTrailArn", arn));
        registerOutputs(outputs);
    }

    /** The SNS topic every alert goes to. */
    public Output<String> alertsTopicArn() {
        return alertsTopicArn;
    }

    /** The kube-prometheus-stack release (its CRDs: ServiceMonitor, PrometheusRule). */
    public Release prometheusRelease() {
        return prometheusRelease;
    }

    /** The stack's CloudTrail trail, absent where the organization's trail records the account. */
    public Optional<Output<String>> auditTrailArn() {
        return auditTrailArn;
    }
}
