package com.featureapi.platform.observability.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Prometheus alerting rule.
 *
 * @param alert       the alert's name
 * @param expr        the PromQL expression; it fires for every series it returns
 * @param threshold   the number the expression compares with, as the runbook states it
 * @param forDuration how long the expression must hold before the alert fires ({@code for}), a Prometheus duration
 * @param severity    {@code critical} pages the on-call engineer, {@code warning} goes to the team's queue
 * @param summary     one line for the notification
 * @param runbook     anchor of the alert's section in {@code docs/operations.md}
 */
public record AlertRule(String alert, String expr, double threshold, String forDuration, Severity severity, String summary, String runbook) {

    public enum Severity { critical, warning }

    /** The rule as a PrometheusRule's {@code spec.groups[].rules[]} entry. */
    public Map<String, Object> toRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", alert);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("labels", Map.of("severity", severity.name()));
        rule.put("annotations", Map.of("summary", summary, "runbook_url", "docs/operations.md#" + runbook));
        return rule;
    }
}
