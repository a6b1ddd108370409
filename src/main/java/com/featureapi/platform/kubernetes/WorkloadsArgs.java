package com.featureapi.platform.kubernetes;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Kubernetes tier needs from the tiers before it.
 *
 * @param config        the stack's config
 * @param provider      the cluster tier's Kubernetes provider (it waits for nodes, add-ons and access)
 * @param clusterName   the EKS cluster
 * @param vpcId         the VPC, for the load balancer controller
 * @param ebsKeyArn     the EBS key of the default StorageClass
 * @param workloadRoles the security tier's Pod Identity roles: every add-on takes its namespace and service
 *                      account from its role, so they cannot differ from the association's
 * @param data          the data tier's endpoints and secrets
 * @param podIdentityAssociations the cluster tier's association of each Pod Identity role, by role name: every
 *                      workload waits for its own
 * @param webAclArn     the edge tier's web ACL, which the app's Ingress names; empty when the stack has none
 * @param loadBalancerSecurityGroupId the security tier's {@code alb} group, attached to the app's ALB
 * @param loadBalancerSubnetIds the network tier's subnets of the app's ALB ({@code PlatformConfig.applicationLoadBalancerSubnets})
 * @param spotPool      what Karpenter and the spot pool need from the AWS side, when the stack has the pool
 */
public record WorkloadsArgs(
        PlatformConfig config,
        Provider provider,
        Output<String> clusterName,
        Output<String> vpcId,
        Output<String> ebsKeyArn,
        List<WorkloadRole> workloadRoles,
        DataEndpoints data,
        Map<String, Resource> podIdentityAssociations,
        Optional<Output<String>> webAclArn,
        Output<String> loadBalancerSecurityGroupId,
        Output<List<String>> loadBalancerSubnetIds,
        java.util.Optional<SpotPool.Inputs> spotPool) {

    /**
     * @param databaseAddress         database endpoint host
     * @param databasePort            database port
     * @param databaseName            the application's database
     * @param cachePort               cache port
     * @param databaseMasterSecretArn the RDS-managed master secret, for the migration hook
     * @param accessLogBucket         bucket of the ALB's access logs
     * @param applicationSecrets      the app's own secrets in Secrets Manager, still without a value: their pushes wait for them
     * @param connectionInfoValues    the values of the database and cache connection-info secrets: the app's release waits for them
     */
    public record DataEndpoints(Output<String> databaseAddress, Output<Integer> databasePort, String databaseName,
                                Output<Integer> cachePort, Output<String> databaseMasterSecretArn,
                                Output<String> accessLogBucket, List<Resource> applicationSecrets, List<Resource> connectionInfoValues) {
    }
}
