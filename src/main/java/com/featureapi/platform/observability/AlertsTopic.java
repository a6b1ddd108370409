package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The one SNS topic every alert of the stack goes to, encrypted with the security tier's alerts key. Its policy
 * lets exactly the publishers of this stack in: CloudWatch alarms of this account, AWS Budgets and Cost Anomaly
 * Detection on behalf of this account, and Alertmanager through its Pod Identity role (an IAM grant, so it needs no
 * statement here).
 */
final class AlertsTopic {

    private final Topic topic;
    private final TopicPolicy policy;

    AlertsTopic(PlatformConfig config, Output<String> alertsKeyArn, CustomResourceOptions child) {
        this.topic = new Topic("alerts", TopicArgs.builder()
                .name(ResourceNames.alertsTopic(config))
                .displayName(config.namePrefix() + " alerts")
                .kmsMasterKeyId(alertsKeyArn)
                .tags(NameTag.of(ResourceNames.alertsTopic(config)))
                .build(), child);
        this.policy = new TopicPolicy("alerts", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(topic.arn().applyValue(arn -> policy(config, arn)))
                .build(), child);
        for (int i = 0; i < config.monitoring().alertEmails().size(); i++) {
            // E-mail subscriptions stay "pending confirmation" until the address confirms: Pulumi cannot confirm them.
            new TopicSubscription("alerts-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(config.monitoring().alertEmails().get(i))
                    .build(), child);
        }
    }

    static String policy(PlatformConfig config, String topicArn) {
        List<Statement.Builder> statements = new ArrayList<>();
        statements.add(Statement.allow("sns:Publish").sid("CloudWatchAlarmsOfThisAccount").service("cloudwatch.amazonaws.com").on(topicArn)
                .when("StringEquals", "aws:SourceAccount", config.accountId())
                .when("ArnLike", "aws:SourceArn", "arn:aws:cloudwatch:" + config.region() + ":" + config.accountId() + ":alarm:*"));
        statements.add(Statement.allow("sns:Publish").sid("BudgetsOfThisAccount").service("budgets.amazonaws.com").on(topicArn)
                .when("StringEquals", "aws:SourceAccount", config.accountId())
                .when("ArnLike", "aws:SourceArn", "arn:aws:budgets::" + config.accountId() + ":*"));
        statements.add(Statement.allow("sns:Publish").sid("CostAnomalyDetectionOfThisAccount").service("costalerts.amazonaws.com").on(topicArn)
                .when("StringEquals", "aws:SourceAccount", config.accountId()));
        // Every publisher above is also allowed to use the topic's key (KeyPolicies.ALERT_PUBLISHERS).
        statements.add(Statement.deny("sns:Publish", "sns:Subscribe").sid("DenyInsecureTransport").aws("*").on(topicArn)
                .when("Bool", "aws:SecureTransport", "false"));
        return PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
    }

    Output<String> arn() {
        return topic.arn();
    }

    /** Alarms and notifications wait for the policy, or their first publish could be refused. */
    TopicPolicy policy() {
        return policy;
    }
}
