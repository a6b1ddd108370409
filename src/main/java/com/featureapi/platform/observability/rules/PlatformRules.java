package com.featureapi.platform.observability.rules;

import com.featureapi.platform.observability.rules.AlertRule.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The platform's SLOs and alert rules (docs/operations.md lists each with what to do when it fires).
 *
 * <p>SLOs of feature-api, measured on the metrics seed 002's dashboard uses ({@code http_requests_total},
 * {@code http_request_duration_seconds}, job {@code feature-api}):
 * <ul>
 *   <li>availability: 99.9% of requests over 30 days answer without a 5xx; alerted by multi-window burn rates
 *       (Google SRE workbook, "Alerting on SLOs"): 14.4x over 1 h and 5 min (2% of the month's budget in an hour)
 *       and 6x over 6 h and 30 min page, 3x over 1 day and 2 h opens a ticket;</li>
 *   <li>latency: the 99th percentile stays under 500 ms.</li>
 * </ul>
 */
public final class PlatformRules {

    /** Availability objective: the share of requests that must not fail. */
    public static final double AVAILABILITY_OBJECTIVE = 0.999;
    /** p99 latency objective in seconds. */
    public static final double LATENCY_P99_SECONDS = 0.5;
    /** Persistent volumes alert below this share of free space. */
    public static final double VOLUME_FREE_RATIO = 0.15;

    private final String appJob;
    private final String appNamespace;
    private final String monitoringNamespace;
    private final String prometheusJob;
    private final String alertmanagerJob;

    /**
     * @param appJob              the scrape job of the application ({@code feature-api})
     * @param appNamespace        its namespace (HPA and crash-loop alerts of the application)
     * @param monitoringNamespace namespace of Prometheus and Alertmanager
     * @param prometheusJob       scrape job of Prometheus itself (its Service's name)
     * @param alertmanagerJob     scrape job of Alertmanager (its Service's name)
     */
    public PlatformRules(String appJob, String appNamespace, String monitoringNamespace, String prometheusJob, String alertmanagerJob) {
        this.appJob = appJob;
        this.appNamespace = appNamespace;
        this.monitoringNamespace = monitoringNamespace;
        this.prometheusJob = prometheusJob;
        this.alertmanagerJob = alertmanagerJob;
    }

    public List<RuleGroup> groups() {
        return List.of(availability(), latency(), kubernetes(), monitoring());
    }

    /** Every alert of every group. */
    public List<AlertRule> alerts() {
        return groups().stream().flatMap(g -> g.alerts().stream()).toList();
    }

    static String errorRatio(String window) {
        return "feature_api:http_error_ratio:rate" + window;
    }

    private RuleGroup availability() {
        List<RecordingRule> ratios = new ArrayList<>();
        for (String window : List.of("5m", "30m", "1h", "2h", "6h", "1d")) {
            ratios.add(new RecordingRule(errorRatio(window),
                    "sum(rate(http_requests_total{job=\"" + appJob + "\",status_code=~\"5..\"}[" + window + "]))"
                            + " / sum(rate(http_requests_total{job=\"" + appJob + "\"}[" + window + "]))"));
        }
        double budget = 1 - AVAILABILITY_OBJECTIVE;
        return new RuleGroup("feature-api-availability-slo", ratios, List.of(
                burn("FeatureApiErrorBudgetBurnFast", 14.4, "1h", "5m", "2m", Severity.critical),
                burn("FeatureApiErrorBudgetBurnSlow", 6, "6h", "30m", "15m", Severity.critical),
                burn("FeatureApiErrorBudgetBurnTicket", 3, "1d", "2h", "1h", Severity.warning)));
    }

    /** Fires when both windows burn the budget at least {@code factor} times faster than the SLO allows. */
    private AlertRule burn(String name, double factor, String longWindow, String shortWindow, String forDuration, Severity severity) {
        double threshold = round(factor * (1 - AVAILABILITY_OBJECTIVE));
        String expr = errorRatio(longWindow) + " > " + number(threshold) + " and " + errorRatio(shortWindow) + " > " + number(threshold);
        return new AlertRule(name, expr, threshold, forDuration, severity,
                "feature-api burns its 30-day error budget " + number(factor) + "x too fast (5xx ratio above " + number(threshold * 100)
                        + "% over " + longWindow + " and " + shortWindow + ")", "feature-api-error-budget-burn");
    }

    private RuleGroup latency() {
        return new RuleGroup("feature-api-latency-slo", List.of(
                new RecordingRule("feature_api:http_request_duration_seconds:p99_rate5m",
                        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"" + appJob + "\"}[5m])))")),
                List.of(new AlertRule("FeatureApiLatencyP99High",
                        "feature_api:http_request_duration_seconds:p99_rate5m > " + number(LATENCY_P99_SECONDS), LATENCY_P99_SECONDS, "10m",
                        Severity.warning, "feature-api p99 latency above " + (int) (LATENCY_P99_SECONDS * 1000) + " ms for 10 minutes",
                        "feature-api-latency-p99-high")));
    }

    private RuleGroup kubernetes() {
        return new RuleGroup("platform-kubernetes", List.of(), List.of(
                new AlertRule("PodCrashLooping",
                        "max_over_time(kube_pod_container_status_waiting_reason{job=\"kube-state-metrics\",reason=\"CrashLoopBackOff\"}[5m]) >= 1",
                        1, "15m", Severity.warning, "Container {{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) is crash-looping",
                        "pod-crash-looping"),
                new AlertRule("FeatureApiHpaAtMaximum",
                        "kube_horizontalpodautoscaler_status_current_replicas{job=\"kube-state-metrics\",namespace=\"" + appNamespace + "\"}"
                                + " >= kube_horizontalpodautoscaler_spec_max_replicas{job=\"kube-state-metrics\",namespace=\"" + appNamespace + "\"}",
                        0, "15m", Severity.warning, "HPA {{ $labels.horizontalpodautoscaler }} has run at its maximum replicas for 15 minutes",
                        "hpa-at-maximum"),
                new AlertRule("NodeNotReady",
                        "kube_node_status_condition{job=\"kube-state-metrics\",condition=\"Ready\",status=\"true\"} == 0",
                        0, "15m", Severity.critical, "Node {{ $labels.node }} has not been Ready for 15 minutes", "node-not-ready"),
                new AlertRule("PersistentVolumeFillingUp",
                        "kubelet_volume_stats_available_bytes{job=\"kubelet\"} / kubelet_volume_stats_capacity_bytes{job=\"kubelet\"} < "
                                + number(VOLUME_FREE_RATIO) + " and kubelet_volume_stats_used_bytes{job=\"kubelet\"} > 0",
                        VOLUME_FREE_RATIO, "15m", Severity.warning,
                        "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has less than " + (int) (VOLUME_FREE_RATIO * 100) + "% free",
                        "persistent-volume-filling-up"),
                new AlertRule("PersistentVolumeFullInFourHours",
                        "predict_linear(kubelet_volume_stats_available_bytes{job=\"kubelet\"}[6h], 4 * 3600) < 0"
                                + " and kubelet_volume_stats_available_bytes{job=\"kubelet\"} / kubelet_volume_stats_capacity_bytes{job=\"kubelet\"} < "
                                + number(VOLUME_FREE_RATIO),
                        0, "1h", Severity.critical,
                        "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} will be full within four hours at the current rate",
                        "persistent-volume-filling-up")));
    }

    private RuleGroup monitoring() {
        return new RuleGroup("platform-monitoring", List.of(), List.of(
                new AlertRule("PrometheusDown",
                        "absent(up{job=\"" + prometheusJob + "\",namespace=\"" + monitoringNamespace + "\"} == 1)",
                        1, "5m", Severity.critical, "No Prometheus instance of the monitoring stack is up", "prometheus-down"),
                new AlertRule("AlertmanagerDown",
                        "absent(up{job=\"" + alertmanagerJob + "\",namespace=\"" + monitoringNamespace + "\"} == 1)",
                        1, "5m", Severity.critical, "No Alertmanager instance is up: alerts are not delivered", "alertmanager-down")));
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    /** 0.0144, 0.5, 6: no trailing zeros, no exponent. */
    static String number(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
