package com.featureapi.platform.config;

/**
 * {@code platform:security}.
 *
 * @param kmsDeletionWindowDays days a scheduled KMS key deletion waits, 7 to 30 (AWS range); production: 30
 * @param createAutoscalingServiceLinkedRole true (default): the stack creates (or, after {@code pulumi import},
 *                                           adopts) the account's EC2 Auto Scaling service-linked role, which the
 *                                           EBS key policy names; false: the role exists and is managed elsewhere
 *                                           (another stack of the same account owns it)
 * @param guardDuty                          true: this stack owns the account's Amazon GuardDuty detector in its region,
 *                                           with EKS audit log monitoring and Runtime Monitoring (default false, opt-in:
 *                                           a detector is one per account and region, so only one stack of an account
 *                                           may set it, and none where the organization's delegated administrator
 *                                           already enables GuardDuty)
 */
public record SecurityConfig(int kmsDeletionWindowDays, boolean createAutoscalingServiceLinkedRole, boolean guardDuty) {

    static SecurityConfig read(ConfigNode node, Environment environment) {
        int window = node.integer("kmsDeletionWindowDays", 30, 7, 30);
        if (environment.isProduction() && window < 30) {
            node.problems().add(node.keyPath("kmsDeletionWindowDays"), Integer.toString(window),
                    "production keeps the longest deletion window, 30 days, so a mistaken key deletion can be cancelled");
        }
        boolean createAutoscalingRole = node.bool("createAutoscalingServiceLinkedRole", true);
        boolean guardDuty = node.bool("guardDuty", false);
        node.rejectUnknownKeys();
        return new SecurityConfig(window, createAutoscalingRole, guardDuty);
    }
}
