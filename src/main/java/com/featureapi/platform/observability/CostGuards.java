package com.featureapi.platform.observability;

import com.featureapi.platform.config.CostConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.budgets.Budget;
import com.pulumi.aws.budgets.BudgetArgs;
import com.pulumi.aws.budgets.inputs.BudgetNotificationArgs;
import com.pulumi.aws.costexplorer.AnomalyMonitor;
import com.pulumi.aws.costexplorer.AnomalyMonitorArgs;
import com.pulumi.aws.costexplorer.AnomalySubscription;
import com.pulumi.aws.costexplorer.AnomalySubscriptionArgs;
import com.pulumi.aws.costexplorer.inputs.AnomalySubscriptionSubscriberArgs;
import com.pulumi.aws.costexplorer.inputs.AnomalySubscriptionThresholdExpressionArgs;
import com.pulumi.aws.costexplorer.inputs.AnomalySubscriptionThresholdExpressionDimensionArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * Cost guards of the account (each stack runs in its own account, {@code platform:accountId}): a monthly AWS
 * Budgets budget of {@code platform:cost.monthlyBudgetUsd} that alerts on actual and forecast spend, and Cost
 * Anomaly Detection per AWS service with an immediate alert above the anomaly threshold (seed 002's
 * {@code cost-monitoring} ConfigMap, made real). Both publish to the alerts topic.
 */
final class CostGuards {

    CostGuards(PlatformConfig config, Output<String> topicArn, TopicPolicy topicPolicy, CustomResourceOptions child) {
        CostConfig cost = config.cost();
        var afterPolicy = CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(topicPolicy).build());
        new Budget("monthly", BudgetArgs.builder()
                .name(config.namePrefix() + "-monthly")
                .budgetType("COST")
                .timeUnit("MONTHLY")
                .limitAmount(Integer.toString(cost.monthlyBudgetUsd()))
                .limitUnit("USD")
                .notifications(
                        notification("ACTUAL", cost.budgetActualAlertPercent(), topicArn),
                        notification("FORECASTED", cost.budgetForecastAlertPercent(), topicArn))
                .tags(NameTag.of(config.namePrefix() + "-monthly"))
                .build(), afterPolicy);

        // One dimensional monitor per AWS service: an anomaly in one service is not averaged away by the others.
        var monitor = new AnomalyMonitor("services", AnomalyMonitorArgs.builder()
                .name(config.namePrefix() + "-services")
                .monitorType("DIMENSIONAL")
                .monitorDimension("SERVICE")
                .tags(NameTag.of(config.namePrefix() + "-services"))
                .build(), child);
        new AnomalySubscription("services", AnomalySubscriptionArgs.builder()
                .name(config.namePrefix() + "-anomalies")
                // SNS subscribers take only IMMEDIATE (DAILY and WEEKLY are e-mail digests).
                .frequency("IMMEDIATE")
                .monitorArnLists(monitor.arn().applyValue(List::of))
                .subscribers(topicArn.applyValue(arn -> List.of(AnomalySubscriptionSubscriberArgs.builder().type("SNS").address(arn).build())))
                .thresholdExpression(AnomalySubscriptionThresholdExpressionArgs.builder()
                        .dimension(AnomalySubscriptionThresholdExpressionDimensionArgs.builder()
                                .key("ANOMALY_TOTAL_IMPACT_PERCENTAGE")
                                .matchOptions("GREATER_THAN_OR_EQUAL")
                                .values(Integer.toString(cost.anomalyThresholdPercent()))
                                .build())
                        .build())
                .tags(NameTag.of(config.namePrefix() + "-anomalies"))
                .build(), afterPolicy);
    }

    private static BudgetNotificationArgs notification(String type, int percent, Output<String> topicArn) {
        return BudgetNotificationArgs.builder()
                .notificationType(type)
                .comparisonOperator("GREATER_THAN")
                .threshold((double) percent)
                .thresholdType("PERCENTAGE")
                .subscriberSnsTopicArns(topicArn.applyValue(List::of))
                .build();
    }
}
