package com.featureapi.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code platform:monitoring}: the observability tier (metrics, alerts, logs, audit trail).
 *
 * @param prometheusRetentionDays days of metrics Prometheus keeps, 1 to 365; production at least 30 (seed 002)
 * @param prometheusStorageGiB    size of Prometheus' gp3 volume, 10 to 16384 GiB
 * @param alertmanagerStorageGiB  size of Alertmanager's gp3 volume (silences, notification log), 1 to 100 GiB (default 5)
 * @param logRetentionDays        retention of the container and kubelet log groups, a CloudWatch Logs retention
 *                                period (default 30)
 * @param auditTrail              true (default): this stack runs a multi-region CloudTrail trail for the account;
 *                                false where the organization's trail already records this account
 * @param auditLogRetentionDays   days the trail's bucket keeps log files, 1 to 3650 (default 365)
 * @param alertEmails             addresses subscribed to the alerts topic (warnings; each confirms by e-mail), may be empty
 * @param onCallEmails            addresses subscribed to the on-call topic (critical alerts and the dead man's switch),
 *                                may be empty (a paging tool subscribes over HTTPS instead)
 * @param alarms                  thresholds of the database and cache alarms
 * @param traceRetentionDays      days Grafana Tempo keeps traces in the traces bucket, 1 to 90 (default 14)
 */
public record MonitoringConfig(
        int prometheusRetentionDays,
        int prometheusStorageGiB,
        int alertmanagerStorageGiB,
        int logRetentionDays,
        boolean auditTrail,
        int auditLogRetentionDays,
        List<String> alertEmails,
        List<String> onCallEmails,
        AlarmThresholds alarms,
        int traceRetentionDays) {

    /** Days of metrics production keeps at least (seed 002: {@code retention: 30d}). */
    public static final int PRODUCTION_MIN_RETENTION_DAYS = 30;
    /** Two weeks of traces: enough to follow up an incident or a slow release, short enough to stay cheap. */
    public static final int DEFAULT_TRACE_RETENTION_DAYS = 14;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");

    public MonitoringConfig {
        alertEmails = List.copyOf(alertEmails);
        onCallEmails = List.copyOf(onCallEmails);
    }

    static MonitoringConfig read(ConfigNode node, Environment environment) {
        ConfigProblems problems = node.problems();
        int retention = node.integer("prometheusRetentionDays", environment.isProduction() ? PRODUCTION_MIN_RETENTION_DAYS : 15, 1, 365);
        if (environment.isProduction() && retention < PRODUCTION_MIN_RETENTION_DAYS) {
            problems.add(node.keyPath("prometheusRetentionDays"), Integer.toString(retention),
                    "production keeps at least " + PRODUCTION_MIN_RETENTION_DAYS + " days of metrics (seed 002: retention 30d)");
        }
        int storage = node.integer("prometheusStorageGiB", 50, 10, 16384);
        int alertmanagerStorage = node.integer("alertmanagerStorageGiB", 5, 1, 100);
        int logRetention = node.integerIn("logRetentionDays", 30, LogRetention.ALLOWED_DAYS, LogRetention.NAME);
        boolean auditTrail = node.bool("auditTrail", true);
        int auditRetention = node.integer("auditLogRetentionDays", 365, 1, 3650);
        List<String> emails = emails(node, "alertEmails");
        List<String> onCallEmails = emails(node, "onCallEmails");
        AlarmThresholds alarms = AlarmThresholds.read(node.object("alarms"));
        int traceRetention = node.integer("traceRetentionDays", DEFAULT_TRACE_RETENTION_DAYS, 1, 90);
        node.rejectUnknownKeys();
        return new MonitoringConfig(retention, storage, alertmanagerStorage, logRetention, auditTrail, auditRetention, emails, onCallEmails,
                alarms, traceRetention);
    }

    /** A list of e-mail addresses, each valid and listed once. */
    private static List<String> emails(ConfigNode node, String key) {
        List<String> emails = new ArrayList<>();
        List<String> given = node.strings(key);
        for (int i = 0; i < given.size(); i++) {
            String email = given.get(i);
            if (!EMAIL.matcher(email).matches()) {
                node.problems().add(node.keyPath(key) + "[" + i + "]", email, "is not an e-mail address such as oncall@example.com");
            } else if (emails.contains(email)) {
                node.problems().add(node.keyPath(key) + "[" + i + "]", email, "is listed twice; list each address once");
            } else {
                emails.add(email);
            }
        }
        return emails;
    }
}
