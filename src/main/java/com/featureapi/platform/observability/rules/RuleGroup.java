package com.featureapi.platform.observability.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PrometheusRule's group: recording rules first, so the alerts of the group read fresh values. */
public record RuleGroup(String name, List<RecordingRule> recordingRules, List<AlertRule> alerts) {

    public RuleGroup {
        recordingRules = List.copyOf(recordingRules);
        alerts = List.copyOf(alerts);
    }

    public Map<String, Object> toGroup() {
        List<Map<String, Object>> rules = new ArrayList<>();
        recordingRules.forEach(r -> rules.add(r.toRule()));
        alerts.forEach(a -> rules.add(a.toRule()));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules);
        return group;
    }
}
