package com.featureapi.platform.config;

import java.util.Set;
import java.util.TreeSet;

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy, "retentionInDays"). */
final class LogRetention {

    static final Set<Integer> ALLOWED_DAYS = new TreeSet<>(Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653));

    static final String NAME = "CloudWatch Logs retention periods (days)";

    private LogRetention() {
    }
}
