package com.featureapi.platform.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code platform:edge}: what stands in front of the app's ALB. An AWS WAF (v2, regional) web ACL with AWS's managed
 * rule groups and a per-IP rate limit, logged to an encrypted log group.
 *
 * @param webAcl                 whether the stack has the web ACL (default true, also for an internal ALB: see
 *                               docs/decisions.md row 23); production with an internet-facing ALB must keep it
 * @param rateLimitRequests      requests one client IP may send within {@code rateLimitWindowSeconds} before WAF
 *                               blocks it, 10 to 2,000,000,000 (WAF's range; default 2,000)
 * @param rateLimitWindowSeconds the window WAF counts over: 60, 120, 300 (default) or 600 seconds (WAF's choices)
 * @param logRetentionDays       retention of the web ACL's log group, a CloudWatch Logs period (default 90;
 *                               production at least 30)
 */
public record EdgeConfig(boolean webAcl, int rateLimitRequests, int rateLimitWindowSeconds, int logRetentionDays) {

    /** WAF's bounds of a rate-based rule's limit (AWS WAF developer guide, "Rate-based rule high-level settings"). */
    public static final int MIN_RATE_LIMIT = 10;
    public static final int MAX_RATE_LIMIT = 2_000_000_000;
    /** The evaluation windows WAF offers. */
    public static final Set<Integer> RATE_WINDOWS = new TreeSet<>(Set.of(60, 120, 300, 600));
    static final int PRODUCTION_MIN_LOG_RETENTION_DAYS = 30;

    static EdgeConfig read(ConfigNode node, Environment environment, boolean internetFacing) {
        boolean webAcl = node.bool("webAcl", true);
        if (!webAcl && environment.isProduction() && internetFacing) {
            node.problems().add(node.keyPath("webAcl"), "false",
                    "production's internet-facing ALB must have a web ACL (managed rules and the rate limit); remove the key or set it true");
        }
        int limit = node.integer("rateLimitRequests", 2000, MIN_RATE_LIMIT, MAX_RATE_LIMIT);
        int window = node.integerIn("rateLimitWindowSeconds", 300, RATE_WINDOWS, "WAF rate-based rule evaluation windows (seconds)");
        int retention = node.integerIn("logRetentionDays", 90, LogRetention.ALLOWED_DAYS, LogRetention.NAME);
        if (environment.isProduction() && retention < PRODUCTION_MIN_LOG_RETENTION_DAYS) {
            node.problems().add(node.keyPath("logRetentionDays"), Integer.toString(retention),
                    "production keeps the web ACL's logs at least " + PRODUCTION_MIN_LOG_RETENTION_DAYS + " days");
        }
        node.rejectUnknownKeys();
        return new EdgeConfig(webAcl, limit, window, retention);
    }
}
