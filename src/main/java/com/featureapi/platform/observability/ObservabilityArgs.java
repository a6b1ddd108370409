package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * What the observability tier takes from the tiers below it.
 *
 * @param config                  the validated stack config
 * @param alertsKeyArn            the security tier's key of the alerts topic
 * @param auditKeyArn             the security tier's key of the audit trail, present when the stack runs the trail
 * @param databaseIdentifier      the data tier's RDS instance identifier
 * @param cacheReplicationGroupId the data tier's Redis replication group id
 */
public record ObservabilityArgs(
        PlatformConfig config,
        Output<String> alertsKeyArn,
        Optional<Output<String>> auditKeyArn,
        Output<String> databaseIdentifier,
        Output<String> cacheReplicationGroupId) {
}
