package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
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
import java.util.Set;

/**
 * An SNS topic of the stack's alerting, encrypted with the security tier's alerts key. Its policy lets exactly the
 * given AWS services of this account publish (each on behalf of this account only) and refuses plain HTTP; Alertmanager
 * publishes through its Pod Identity role (an IAM grant on the topic's ARN, so it needs no statement here).
 */
final class AlertsTopic {

    /** AWS services that publish alerts to a topic of the stack (each also allowed the key: KeyPolicies.ALERT_PUBLISHERS). */
    enum Publisher { CLOUDWATCH_ALARMS, BUDGETS, COST_ANOMALY_DETECTION }

    private final Topic topic;
    private final TopicPolicy policy;

    /**
     * @param resourceName the Pulumi name of the topic and its policy; e-mail subscriptions are {@code <name>-email-<n>}
     * @param topicName    the SNS topic's name
     * @param publishers   the AWS services the topic policy lets publish
     * @param emails       addresses to subscribe
     */
    AlertsTopic(PlatformConfig config, String resourceName, String topicName, String displayName, Output<String> alertsKeyArn,
                Set<Publisher> publishers, List<String> emails, CustomResourceOptions child) {
        this.topic = new Topic(resourceName, TopicArgs.builder()
                .name(topicName)
                .displayName(displayName)
                .kmsMasterKeyId(alertsKeyArn)
                .tags(NameTag.of(topicName))
                .build(), child);
        this.policy = new TopicPolicy(resourceName, TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(topic.arn().applyValue(arn -> policy(config, arn, publishers)))
                .build(), child);
        for (int i = 0; i < emails.size(); i++) {
            // E-mail subscriptions stay "pending confirmation" until the address confirms: Pulumi cannot confirm them.
            new TopicSubscription(resourceName + "-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build(), child);
        }
    }

    static String policy(PlatformConfig config, String topicArn, Set<Publisher> publishers) {
        List<Statement.Builder> statements = new ArrayList<>();
        if (publishers.contains(Publisher.CLOUDWATCH_ALARMS)) {
            statements.add(Statement.allow("sns:Publish").sid("CloudWatchAlarmsOfThisAccount").service("cloudwatch.amazonaws.com").on(topicArn)
                    .when("StringEquals", "aws:SourceAccount", config.accountId())
                    .when("ArnLike", "aws:SourceArn", "arn:aws:cloudwatch:" + config.region() + ":" + config.accountId() + ":alarm:*"));
        }
        if (publishers.contains(Publisher.BUDGETS)) {
            statements.add(Statement.allow("sns:Publish").sid("BudgetsOfThisAccount").service("budgets.amazonaws.com").on(topicArn)
                    .when("StringEquals", "aws:SourceAccount", config.accountId())
                    .when("ArnLike", "aws:SourceArn", "arn:aws:budgets::" + config.accountId() + ":*"));
        }
        if (publishers.contains(Publisher.COST_ANOMALY_DETECTION)) {
            statements.add(Statement.allow("sns:Publish").sid("CostAnomalyDetectionOfThisAccount").service("costalerts.amazonaws.com").on(topicArn)
                    .when("StringEquals", "aws:SourceAccount", config.accountId()));
        }
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
