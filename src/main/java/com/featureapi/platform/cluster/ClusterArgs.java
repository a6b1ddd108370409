package com.featureapi.platform.cluster;

import com.featureapi.platform.config.PlatformConfig;
import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of the {@link Cluster} component.
 *
 * @param config           validated stack config ({@code platform:cluster} and naming)
 * @param privateSubnetIds the private subnets of every AZ: control-plane interfaces and nodes
 * @param security         keys, roles and groups from the security tier
 */
public record ClusterArgs(PlatformConfig config, Output<List<String>> privateSubnetIds, ClusterSecurity security) {
}
