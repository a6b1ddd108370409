package com.featureapi.platform.network;

import com.featureapi.platform.config.NetworkConfig;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * Inputs of the {@link Network} component.
 *
 * @param config           the validated {@code platform:network} settings
 * @param namePrefix       prefix of every Name tag, {@code <project>-<stack>}
 * @param region           AWS region, for endpoint service names
 * @param accountId        AWS account, to scope the flow-log role's trust and policy to this account
 * @param flowLogKmsKeyArn customer-managed key for the flow-log group; empty leaves CloudWatch's own encryption
 */
public record NetworkArgs(
        NetworkConfig config,
        String namePrefix,
        String region,
        String accountId,
        Optional<Output<String>> flowLogKmsKeyArn) {
}
