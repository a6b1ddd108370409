package com.featureapi.platform.network;

import com.featureapi.platform.config.NetworkConfig;
import com.pulumi.core.Output;

/**
 * Inputs of the {@link Network} component.
 *
 * @param config         the validated {@code platform:network} settings
 * @param namePrefix     prefix of every Name tag, {@code <project>-<stack>}
 * @param region         AWS region, for endpoint service names
 * @param flowLogRoleArn role VPC Flow Logs assumes to write into the flow-log group (security tier)
 * @param logsKeyArn     customer-managed key of the flow-log group (security tier)
 * @param privateSubnetTags tags the private subnets carry besides their own: Karpenter's discovery tag when the
 *                       stack has the spot pool ({@code ResourceNames.karpenterDiscoveryTags})
 * @param privateHostedZoneId the private Route 53 hosted zone of {@code platform:dns} to associate with the VPC, so that
 *                       the app's hostname resolves inside it; empty for a public zone
 */
public record NetworkArgs(
        NetworkConfig config,
        String namePrefix,
        String region,
        Output<String> flowLogRoleArn,
        Output<String> logsKeyArn,
        java.util.Map<String, String> privateSubnetTags,
        java.util.Optional<String> privateHostedZoneId) {
}
