package com.featureapi.platform.edge;

import com.featureapi.platform.config.EdgeConfig;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the app's web ACL, in evaluation order (priority = position). First the per-IP rate limit, so a flood
 * is cut before any other rule looks at it; then AWS's managed groups, cheapest first: the IP reputation list (25
 * WCUs), known bad inputs (200), the core rule set (700) and SQL injection (200), 1,127 WCUs with the rate rule's
 * 2, within the 1,500 a web ACL's price includes (AWS WAF developer guide, "AWS Managed Rules rule groups list").
 * Every managed group keeps its own actions (override "none": its blocking rules block) at AWS's default version,
 * which AWS updates with new signatures.
 */
public final class WebAclRules {

    /** One AWS managed rule group: its name at AWS and the short name of its rule and metric. */
    public record ManagedGroup(String awsName, String ruleName) {
    }

    public static final String RATE_LIMIT_RULE = "rate-limit-per-ip";

    /** After the rate limit, in this order. */
    public static final List<ManagedGroup> MANAGED_GROUPS = List.of(
            new ManagedGroup("AWSManagedRulesAmazonIpReputationList", "aws-ip-reputation"),
            new ManagedGroup("AWSManagedRulesKnownBadInputsRuleSet", "aws-known-bad-inputs"),
            new ManagedGroup("AWSManagedRulesCommonRuleSet", "aws-common"),
            new ManagedGroup("AWSManagedRulesSQLiRuleSet", "aws-sqli"));

    private WebAclRules() {
    }

    static List<WebAclRuleArgs> of(EdgeConfig edge, String metricPrefix) {
        List<WebAclRuleArgs> rules = new ArrayList<>();
        rules.add(WebAclRuleArgs.builder()
                .name(RATE_LIMIT_RULE)
                .priority(0)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder().build()).build())
                .statement(WebAclRuleStatementArgs.builder()
                        .rateBasedStatement(WebAclRuleStatementRateBasedStatementArgs.builder()
                                // The client's address as the ALB sees it: X-Forwarded-For could be forged to dodge the limit.
                                .aggregateKeyType("IP")
                                .limit(edge.rateLimitRequests())
                                .evaluationWindowSec(edge.rateLimitWindowSeconds())
                                .build())
                        .build())
                .visibilityConfig(visibility(metricPrefix, RATE_LIMIT_RULE))
                .build());
        for (int i = 0; i < MANAGED_GROUPS.size(); i++) {
            ManagedGroup group = MANAGED_GROUPS.get(i);
            rules.add(WebAclRuleArgs.builder()
                    .name(group.ruleName())
                    .priority(i + 1)
                    .overrideAction(WebAclRuleOverrideActionArgs.builder().none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                    .statement(WebAclRuleStatementArgs.builder()
                            .managedRuleGroupStatement(WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS")
                                    .name(group.awsName())
                                    .build())
                            .build())
                    .visibilityConfig(visibility(metricPrefix, group.ruleName()))
                    .build());
        }
        return rules;
    }

    static WebAclRuleVisibilityConfigArgs visibility(String metricPrefix, String rule) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metricPrefix + "-" + rule)
                .build();
    }
}
