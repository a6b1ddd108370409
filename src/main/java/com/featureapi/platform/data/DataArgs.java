package com.featureapi.platform.data;

import com.featureapi.platform.config.PlatformConfig;
import com.pulumi.aws.Provider;
import com.pulumi.core.Output;

import java.util.List;
import java.util.Optional;

/**
 * Inputs of the {@link Data} component.
 *
 * @param config            validated stack config ({@code platform:database}, {@code cache}, {@code storage})
 * @param databaseSubnetIds the database subnets (no internet route), one per AZ
 * @param security          keys, groups and roles from the security tier
 * @param replicaProvider   AWS provider of {@code platform:storage.replicaRegion}, when there is one: backups
 *                          are copied there
 */
public record DataArgs(PlatformConfig config, Output<List<String>> databaseSubnetIds, DataSecurity security,
                       Optional<Provider> replicaProvider) {
}
