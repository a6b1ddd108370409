package com.featureapi.platform.observability.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Prometheus recording rule: the SLO's error ratios are computed once per window and reused by the burn-rate
 * alerts, so every alert reads the same numbers.
 *
 * @param record the recorded series' name ({@code level:metric:operations})
 * @param expr   the PromQL expression
 */
public record RecordingRule(String record, String expr) {

    public Map<String, Object> toRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("record", record);
        rule.put("expr", expr);
        return rule;
    }
}
