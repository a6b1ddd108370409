package com.featureapi.platform.security;

import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link SecurityGroups}.
 *
 * @param namePrefix {@code <project>-<stack>}, for Name tags
 * @param nodeGroupTags tags the node security group carries besides its Name: Karpenter's discovery tag when the
 *                   stack has the spot pool, so the pool's nodes join the same group as the managed nodes
 * @param vpcId      the VPC the groups belong to
 * @param vpcCidr    the VPC's block: DNS to the VPC resolver is allowed to it
 * @param apiClientCidrs networks allowed to the private API endpoint on 443 besides the nodes
 *                       ({@code platform:cluster.endpointPrivateAccessCidrs}: VPN, deploy runners in the VPC)
 */
public record SecurityGroupsArgs(String namePrefix, Output<String> vpcId, String vpcCidr, List<String> apiClientCidrs,
                                 java.util.Map<String, String> nodeGroupTags) {

    public SecurityGroupsArgs {
        apiClientCidrs = List.copyOf(apiClientCidrs);
    }
}
