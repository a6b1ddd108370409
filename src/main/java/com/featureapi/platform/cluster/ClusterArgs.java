package com.featureapi.platform.cluster;

import com.featureapi.platform.config.PlatformConfig;
import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of the {@link Cluster} component.
 *
 * @param config           validated stack config ({@code platform:cluster} and naming)
 * @param privateSubnetIds the private subnet of each AZ, in the order of {@code platform:network.subnets.private}:
 *                         control-plane interfaces and nodes (a perAz node group takes its AZ's one)
 * @param security         keys, roles and groups from the security tier
 */
public record ClusterArgs(PlatformConfig config, List<Output<String>> privateSubnetIds, ClusterSecurity security) {

    /** Every AZ's private subnet, as one list. */
    public Output<List<String>> privateSubnetIdList() {
        return Output.all(privateSubnetIds);
    }
}
