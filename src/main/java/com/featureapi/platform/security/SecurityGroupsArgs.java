package com.featureapi.platform.security;

import com.pulumi.core.Output;

/**
 * Inputs of {@link SecurityGroups}.
 *
 * @param namePrefix {@code <project>-<stack>}, for Name tags
 * @param vpcId      the VPC the groups belong to
 * @param vpcCidr    the VPC's block: DNS to the VPC resolver is allowed to it
 */
public record SecurityGroupsArgs(String namePrefix, Output<String> vpcId, String vpcCidr) {
}
