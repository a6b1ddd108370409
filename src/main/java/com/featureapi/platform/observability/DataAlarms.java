package com.featureapi.platform.observability;

import com.featureapi.platform.config.AlarmThresholds;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch alarms on the database and every cache node, to the alerts topic, with the thresholds of
 * {@code platform:monitoring.alarms}. Every alarm also reports its return to OK, so an incident closes itself.
 */
final class DataAlarms {

    /** Five-minute periods, three in a row: a short spike never pages, a lasting problem pages within 15 minutes. */
    static final int PERIOD_SECONDS = 300;
    static final int EVALUATION_PERIODS = 3;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    private final List<MetricAlarm> alarms = new ArrayList<>();

    /**
     * @param databaseIdentifier the RDS instance identifier
     * @param replicationGroupId the Redis replication group id; node {@code n} is {@code <id>-00n}
     */
    DataAlarms(PlatformConfig config, Output<String> databaseIdentifier, Output<String> replicationGroupId,
               Output<String> topicArn, CustomResourceOptions child) {
        AlarmThresholds t = config.monitoring().alarms();
        Output<Map<String, String>> db = databaseIdentifier.applyValue(id -> Map.of("DBInstanceIdentifier", id));
        String prefix = config.namePrefix();
        alarm(prefix, "database-cpu", "AWS/RDS", "CPUUtilization", db, "GreaterThanThreshold", t.databaseCpuPercent(),
                "Database CPU above " + t.databaseCpuPercent() + "% for 15 minutes", topicArn, child);
        alarm(prefix, "database-free-storage", "AWS/RDS", "FreeStorageSpace", db, "LessThanThreshold", t.databaseFreeStorageGiB() * GIB,
                "Database free storage below " + t.databaseFreeStorageGiB() + " GiB (storage autoscaling is not keeping up or is at its maximum)", topicArn, child);
        alarm(prefix, "database-freeable-memory", "AWS/RDS", "FreeableMemory", db, "LessThanThreshold", t.databaseFreeableMemoryMiB() * MIB,
                "Database freeable memory below " + t.databaseFreeableMemoryMiB() + " MiB for 15 minutes", topicArn, child);
        alarm(prefix, "database-connections", "AWS/RDS", "DatabaseConnections", db, "GreaterThanThreshold", t.databaseConnections(),
                "More than " + t.databaseConnections() + " database connections for 15 minutes", topicArn, child);
        int nodes = config.cache().numCacheClusters();
        for (int n = 1; n <= nodes; n++) {
            String member = String.format("%03d", n);
            Output<Map<String, String>> node = replicationGroupId.applyValue(id -> Map.of("CacheClusterId", id + "-" + member));
            alarm(prefix, "cache-" + member + "-engine-cpu", "AWS/ElastiCache", "EngineCPUUtilization", node, "GreaterThanThreshold",
                    t.cacheEngineCpuPercent(), "Redis node " + member + " engine CPU above " + t.cacheEngineCpuPercent() + "% for 15 minutes", topicArn, child);
            alarm(prefix, "cache-" + member + "-memory", "AWS/ElastiCache", "DatabaseMemoryUsagePercentage", node, "GreaterThanThreshold",
                    t.cacheMemoryPercent(), "Redis node " + member + " memory above " + t.cacheMemoryPercent() + "% of maxmemory", topicArn, child);
            alarm(prefix, "cache-" + member + "-evictions", "AWS/ElastiCache", "Evictions", node, "GreaterThanThreshold",
                    t.cacheEvictions(), "Redis node " + member + " evicted more than " + t.cacheEvictions() + " keys per 5 minutes", topicArn, child);
            if (nodes > 1) {
                // Any node may be a replica after a failover, and the primary reports no ReplicationLag: missing
                // data is normal here, not a problem.
                alarm(prefix, "cache-" + member + "-replication-lag", "AWS/ElastiCache", "ReplicationLag", node, "GreaterThanThreshold",
                        t.cacheReplicationLagSeconds(), "Redis node " + member + " lags the primary by more than " + t.cacheReplicationLagSeconds() + " s", topicArn, child);
            }
        }
    }

    private void alarm(String prefix, String name, String namespace, String metric, Output<Map<String, String>> dimensions,
                       String comparison, double threshold, String description, Output<String> topicArn, CustomResourceOptions child) {
        alarms.add(new MetricAlarm(name, MetricAlarmArgs.builder()
                .name(prefix + "-" + name)
                .alarmDescription(description + ". Runbook: docs/operations.md#" + name.replaceAll("-\\d{3}-", "-"))
                .namespace(namespace)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(metric.equals("Evictions") ? "Sum" : "Average")
                .period(PERIOD_SECONDS)
                .evaluationPeriods(EVALUATION_PERIODS)
                .datapointsToAlarm(EVALUATION_PERIODS)
                .comparisonOperator(comparison)
                .threshold(threshold)
                // A database or node that stops reporting is caught by the Prometheus and RDS event paths; a
                // replica-only metric is absent on the primary.
                .treatMissingData("notBreaching")
                .alarmActions(topicArn.applyValue(List::of))
                .okActions(topicArn.applyValue(List::of))
                .tags(NameTag.of(prefix + "-" + name))
                .build(), child));
    }

    List<MetricAlarm> alarms() {
        return List.copyOf(alarms);
    }
}
