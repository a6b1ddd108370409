package com.featureapi.platform.observability;

import com.featureapi.platform.observability.rules.AlertRule;
import com.featureapi.platform.observability.rules.PlatformRules;
import com.featureapi.platform.observability.rules.RecordingRule;
import com.featureapi.platform.observability.rules.RuleGroup;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The SLO and alert rules: every expression through the real PromQL parser, every threshold and {@code for}. */
class PrometheusRulesTest {

    private static final PlatformRules RULES = new PlatformRules("feature-api", "feature-api", "monitoring",
            "kube-prometheus-prometheus", "kube-prometheus-alertmanager");

    /** Every expression of the PrometheusRule object in the production plan, as the cluster gets it. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> plannedExpressions() {
        PlannedResource rule = PlannedStacks.of("production").one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "platform-rules");
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Object group : (List<Object>) rule.input("spec.groups")) {
            for (Object entry : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Map<String, Object> r = (Map<String, Object>) entry;
                String name = (String) (r.containsKey("alert") ? r.get("alert") : r.get("record"));
                expressions.merge(name, (String) r.get("expr"), (a, b) -> a + " or " + b);
            }
        }
        return expressions;
    }

    @Test
    void everyPlannedExpressionParsesWithPrometheusGrammar() throws Exception {
        Map<String, String> expressions = plannedExpressions();
        assertThat(expressions).hasSize(RULES.alerts().size() + 7);
        assertThat(PromqlParser.errors(expressions)).allSatisfy((name, errors) -> assertThat(errors).as(name + ": " + expressions.get(name)).isEmpty());
    }

    @Test
    void aTypoInAnExpressionIsReportedByTheParser() throws Exception {
        String expr = RULES.alerts().get(0).expr();
        Map<String, String> broken = Map.of(
                "unclosed", RULES.alerts().get(RULES.alerts().size() - 1).expr().replaceFirst("\\)", ""),
                "operator", expr.replace(" > ", " >> "),
                "selector", "up{job=\"feature-api\"");
        assertThat(PromqlParser.errors(broken)).allSatisfy((name, errors) -> assertThat(errors).as(name).isNotEmpty());
    }

    @Test
    void theDashboardsQueriesParseToo() throws Exception {
        String dashboard = Files.readString(Path.of("src/main/resources/dashboards/feature-api.json"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard);
        Map<String, String> expressions = new LinkedHashMap<>();
        json.get("panels").forEach(panel -> panel.get("targets").forEach(target ->
                expressions.put(panel.get("title").asText() + " " + target.get("refId").asText(), target.get("expr").asText())));
        assertThat(expressions).hasSize(4);
        assertThat(PromqlParser.errors(expressions)).allSatisfy((name, errors) -> assertThat(errors).as(name).isEmpty());
    }

    @Test
    void alertsHaveTheirThresholdsForAndSeverity() {
        assertThat(RULES.alerts()).extracting(AlertRule::alert, AlertRule::threshold, AlertRule::forDuration, r -> r.severity().name())
                .containsExactly(
                        tuple("FeatureApiErrorBudgetBurnFast", 0.0144, "2m", "critical"),
                        tuple("FeatureApiErrorBudgetBurnSlow", 0.006, "15m", "critical"),
                        tuple("FeatureApiErrorBudgetBurnTicket", 0.003, "1h", "warning"),
                        tuple("FeatureApiLatencyP99High", 0.5, "10m", "warning"),
                        tuple("PodCrashLooping", 1.0, "15m", "warning"),
                        tuple("FeatureApiHpaAtMaximum", 0.0, "15m", "warning"),
                        tuple("NodeNotReady", 0.0, "15m", "critical"),
                        tuple("PersistentVolumeFillingUp", 0.15, "15m", "warning"),
                        tuple("PersistentVolumeFullInFourHours", 0.0, "1h", "critical"),
                        tuple("PrometheusDown", 1.0, "5m", "critical"),
                        tuple("AlertmanagerDown", 1.0, "5m", "critical"));
    }

    @Test
    void burnRateAlertsCompareTwoWindowsWithTheSameThreshold() {
        Map<String, String> byName = RULES.alerts().stream().collect(Collectors.toMap(AlertRule::alert, AlertRule::expr));
        assertThat(byName.get("FeatureApiErrorBudgetBurnFast"))
                .isEqualTo("feature_api:http_error_ratio:rate1h > 0.0144 and feature_api:http_error_ratio:rate5m > 0.0144");
        assertThat(byName.get("FeatureApiErrorBudgetBurnSlow"))
                .isEqualTo("feature_api:http_error_ratio:rate6h > 0.006 and feature_api:http_error_ratio:rate30m > 0.006");
        assertThat(byName.get("FeatureApiErrorBudgetBurnTicket"))
                .isEqualTo("feature_api:http_error_ratio:rate1d > 0.003 and feature_api:http_error_ratio:rate2h > 0.003");
        assertThat(byName.get("FeatureApiLatencyP99High")).isEqualTo("feature_api:http_request_duration_seconds:p99_rate5m > 0.5");
        assertThat(byName.get("FeatureApiHpaAtMaximum")).contains("namespace=\"feature-api\"");
        assertThat(byName.get("PrometheusDown")).isEqualTo("absent(up{job=\"kube-prometheus-prometheus\",namespace=\"monitoring\"} == 1)");
        RuleGroup availability = RULES.groups().get(0);
        assertThat(availability.recordingRules()).extracting(RecordingRule::record).containsExactly(
                "feature_api:http_error_ratio:rate5m", "feature_api:http_error_ratio:rate30m", "feature_api:http_error_ratio:rate1h",
                "feature_api:http_error_ratio:rate2h", "feature_api:http_error_ratio:rate6h", "feature_api:http_error_ratio:rate1d");
        assertThat(availability.recordingRules().get(0).expr()).isEqualTo(
                "sum(rate(http_requests_total{job=\"feature-api\",status_code=~\"5..\"}[5m])) / sum(rate(http_requests_total{job=\"feature-api\"}[5m]))");
    }

    @Test
    void everyAlertHasARunbookSectionInOperationsDoc() throws Exception {
        String doc = Files.readString(Path.of("docs/operations.md"));
        for (AlertRule alert : RULES.alerts()) {
            assertThat(doc).as(alert.alert()).contains("### " + alert.alert()).contains("{#" + alert.runbook() + "}");
        }
    }

    @Test
    void thePlannedRuleObjectIsInTheMonitoringNamespaceAfterTheRelease() {
        Plan plan = PlannedStacks.of("production");
        PlannedResource rule = plan.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "platform-rules");
        assertThat(rule.input("metadata.namespace")).isEqualTo("monitoring");
        assertThat(rule.dependencies()).contains(plan.one("kubernetes:helm.sh/v3:Release", "kube-prometheus-stack").urn());
        assertThat(((List<?>) rule.input("spec.groups")).stream().map(g -> ((Map<?, ?>) g).get("name").toString()).toList()).containsExactly(
                "feature-api-availability-slo", "feature-api-latency-slo", "platform-kubernetes", "platform-monitoring");
    }
}
