package com.featureapi.platform.edge;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.LogResourcePolicy;
import com.pulumi.aws.cloudwatch.LogResourcePolicyArgs;
import com.pulumi.aws.wafv2.WebAcl;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.WebAclLoggingConfiguration;
import com.pulumi.aws.wafv2.WebAclLoggingConfigurationArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldArgs;
import com.pulumi.aws.wafv2.inputs.WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge tier ({@code platform:edge:Edge}): the AWS WAF web ACL (regional) that the load balancer controller
 * associates with the app's ALB through the Ingress annotation {@code alb.ingress.kubernetes.io/wafv2-acl-arn}, and
 * its log group. Built before the Kubernetes tier, which takes {@link #webAclArn()}. Without
 * {@code platform:edge.webAcl} the tier is empty and the Ingress says "none", which makes the controller remove an
 * association it made before (an absent annotation would leave it in place).
 */
public final class Edge extends ComponentResource {

    public static final String TYPE = "platform:edge:Edge";
    /** Headers WAF's logs never keep: the app's bearer tokens and session cookies. */
    public static final List<String> REDACTED_HEADERS = List.of("authorization", "cookie");

    private final Optional<Output<String>> webAclArn;

    public Edge(String name, EdgeArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();
        if (!config.edge().webAcl()) {
            this.webAclArn = Optional.empty();
            registerOutputs(Map.of());
            return;
        }
        var child = CustomResourceOptions.builder().parent(this).build();
        String prefix = config.namePrefix();
        var acl = new WebAcl("web-acl", WebAclArgs.builder()
                .name(prefix + "-api")
                .description("feature-api ALB of " + prefix + ": per-IP rate limit and AWS managed rules")
                .scope("REGIONAL")
                .defaultAction(WebAclDefaultActionArgs.builder().allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(WebAclRules.of(config.edge(), prefix))
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true)
                        .sampledRequestsEnabled(true)
                        .metricName(prefix + "-api")
                        .build())
                .tags(NameTag.of(prefix + "-api"))
                .build(), child);

        String groupName = ResourceNames.webAclLogGroup(config);
        var logGroup = new LogGroup("web-acl-logs", LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(config.edge().logRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .tags(NameTag.of(groupName))
                .build(), child);
        // WAF delivers through CloudWatch Logs' log delivery service. Given explicitly (WAF would otherwise add one of
        // its own on first use, with the caller's logs:PutResourcePolicy), limited to this account's deliveries.
        var deliveryPolicy = new LogResourcePolicy("web-acl-log-delivery", LogResourcePolicyArgs.builder()
                .policyName(prefix + "-waf-log-delivery")
                .policyDocument(logDeliveryPolicy(config, groupName))
                .build(), child);
        new WebAclLoggingConfiguration("web-acl-logging", WebAclLoggingConfigurationArgs.builder()
                .resourceArn(acl.arn())
                .logDestinationConfigs(logGroup.arn().applyValue(List::of))
                .redactedFields(REDACTED_HEADERS.stream().map(header -> WebAclLoggingConfigurationRedactedFieldArgs.builder()
                        .singleHeader(WebAclLoggingConfigurationRedactedFieldSingleHeaderArgs.builder().name(header).build())
                        .build()).toList())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(deliveryPolicy).build());

        this.webAclArn = Optional.of(acl.arn());
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("webAclArn", acl.arn());
        outputs.put("logGroup", logGroup.name());
        registerOutputs(outputs);
    }

    /** The web ACL's ARN, when the stack has one. */
    public Optional<Output<String>> webAclArn() {
        return webAclArn;
    }

    /**
     * CloudWatch Logs' documented policy for vended logs ("Logs sent to CloudWatch Logs"): the delivery service may
     * create streams and put events into the web ACL's group only, for deliveries of this account.
     */
    static String logDeliveryPolicy(PlatformConfig config, String groupName) {
        return PolicyDocument.of(
                Statement.allow("logs:CreateLogStream", "logs:PutLogEvents").sid("AWSLogDeliveryWrite")
                        .service("delivery.logs.amazonaws.com")
                        .on(ResourceNames.logGroupArn(config, groupName) + ":log-stream:*")
                        .when("StringEquals", "aws:SourceAccount", config.accountId())
                        .when("ArnLike", "aws:SourceArn", "arn:aws:logs:" + config.region() + ":" + config.accountId() + ":*")).toJson();
    }
}
