package com.featureapi.platform;

import com.featureapi.platform.cluster.Cluster;
import com.featureapi.platform.cluster.ClusterArgs;
import com.featureapi.platform.cluster.ClusterSecurity;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.PlatformConfigLoader;
import com.featureapi.platform.config.PodAddressCapacity;
import com.featureapi.platform.config.PulumiConfigSource;
import com.featureapi.platform.config.StackKeys;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.data.Data;
import com.featureapi.platform.data.DataArgs;
import com.featureapi.platform.data.DataSecurity;
import com.featureapi.platform.edge.Edge;
import com.featureapi.platform.edge.EdgeArgs;
import com.featureapi.platform.cluster.Karpenter;
import com.featureapi.platform.kubernetes.SpotPool;
import com.featureapi.platform.kubernetes.Workloads;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.kubernetes.WorkloadsArgs;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.network.Network;
import com.featureapi.platform.observability.Observability;
import com.featureapi.platform.observability.ObservabilityArgs;
import com.featureapi.platform.network.NetworkArgs;
import com.featureapi.platform.security.GroupRole;
import com.featureapi.platform.security.KeyPurpose;
import com.featureapi.platform.security.Security;
import com.featureapi.platform.security.SecurityArgs;
import com.featureapi.platform.security.SecurityGroups;
import com.featureapi.platform.security.SecurityGroupsArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Optional;

/**
 * The Pulumi program: {@code pulumi up} starts {@link #main}; the offline engine calls {@link #define}
 * with the keys of the stack file it injected. Config is loaded and validated as a whole before the first
 * resource is registered, so invalid config never half-applies.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> define(ctx, StackKeys.fromEnvironment()));
    }

    /**
     * Builds the whole platform.
     *
     * @param keys the config keys the stack sets, to reject unknown keys under {@code platform:}, and which
     *             are secret, so that no error prints their values
     */
    public static void define(Context ctx, StackKeys keys) {
        PlatformConfig config = PlatformConfigLoader.load(
                new PulumiConfigSource(ctx, keys), ctx.projectName(), ctx.stackName());
        // Risks that valid config may still run into (printed by `pulumi preview/up` and `./platform plan`).
        PodAddressCapacity.warnings(config).forEach(warning -> ctx.log().warn(warning));

        var aws = awsProvider("aws", config, config.region());
        // Backup copies live in the replica region, through a second provider with the same guard rails.
        Optional<Provider> replica = config.storage().replicaRegion().map(region -> awsProvider("aws-" + region, config, region));
        var inAws = ComponentResourceOptions.builder().providers(aws).build();

        // Keys and roles first: they need nothing from the VPC, and the VPC's flow logs need them.
        var security = new Security("security", new SecurityArgs(config), inAws);
        var network = new Network("network", new NetworkArgs(config.network(), config.namePrefix(), config.region(),
                security.roleArn(Security.FLOW_LOGS_ROLE), security.keyArn(KeyPurpose.LOGS),
                ResourceNames.karpenterDiscoveryTags(config),
                config.dns().zoneToAssociateWithTheVpc()), inAws);
        var groups = new SecurityGroups("security-groups",
                new SecurityGroupsArgs(config.namePrefix(), network.vpcId(), network.vpcCidr(),
                        config.cluster().endpointPrivateAccessCidrs(), ResourceNames.karpenterDiscoveryTags(config)), inAws);

        var cluster = new Cluster("cluster", new ClusterArgs(config, network.subnetIds(SubnetRole.PRIVATE),
                new ClusterSecurity(
                        security.roleArn(Security.CLUSTER_ROLE),
                        security.roleArn(Security.NODE_ROLE),
                        security.keyArn(KeyPurpose.EKS),
                        security.keyArn(KeyPurpose.LOGS),
                        security.keyArn(KeyPurpose.EBS),
                        groups.groupId(GroupRole.CLUSTER),
                        groups.groupId(GroupRole.NODE),
                        security.workloadRoles())), inAws);

        var data = new Data("data", new DataArgs(config, network.subnetIdList(SubnetRole.DATABASE),
                new DataSecurity(
                        security.keyArn(KeyPurpose.RDS),
                        security.keyArn(KeyPurpose.ELASTICACHE),
                        security.keyArn(KeyPurpose.S3),
                        security.keyArn(KeyPurpose.LOGS),
                        security.keyArn(KeyPurpose.SECRETS),
                        groups.groupId(GroupRole.DATABASE),
                        groups.groupId(GroupRole.CACHE),
                        security.roleArn(Security.RDS_MONITORING_ROLE)),
                replica), inAws);

        // The web ACL exists before the Ingress that names it.
        var edge = new Edge("edge", new EdgeArgs(config, security.keyArn(KeyPurpose.LOGS)), inAws);

        // Seed 002's spot pool: Karpenter's AWS side here, its release and the pool in the Kubernetes tier.
        Optional<SpotPool.Inputs> spotPool = Optional.empty();
        if (config.cluster().spotPool().enabled()) {
            var karpenter = new Karpenter("karpenter", config, cluster.clusterName(), security.roleArn(Security.KARPENTER_NODE_ROLE), inAws);
            spotPool = Optional.of(new SpotPool.Inputs(karpenter.interruptionQueueName(), security.roleName(Security.KARPENTER_NODE_ROLE),
                    karpenter.nodeAccess()));
        }

        var workloads = new Workloads("kubernetes", new WorkloadsArgs(config, cluster.kubernetesProvider(), cluster.clusterName(),
                network.vpcId(), security.keyArn(KeyPurpose.EBS), security.workloadRoles(),
                new WorkloadsArgs.DataEndpoints(data.databaseAddress(), data.databasePort(), data.databaseName(), data.cachePort(),
                        data.databaseMasterSecretArn(), data.bucketNames().get("access-logs"), data.applicationSecrets(),
                        data.connectionInfoValues()),
                cluster.podIdentityAssociations(), edge.webAclArn(), groups.groupId(GroupRole.ALB),
                network.subnetIdList(config.applicationLoadBalancerSubnets()), spotPool), inAws);

        var observability = new Observability("observability", new ObservabilityArgs(config,
                security.keyArn(KeyPurpose.ALERTS), security.optionalKeyArn(KeyPurpose.AUDIT),
                data.databaseIdentifier(), data.cacheReplicationGroupId(), data.bucketNames().get("access-logs"),
                new ObservabilityArgs.InCluster(workloads, security.keyArn(KeyPurpose.LOGS), security.keyArn(KeyPurpose.S3),
                        data.bucketNames().get("velero"), data.bucketNames().get("backups"),
                        data.bucketNames().get(ResourceNames.TRACES_BUCKET),
                        data.databaseAddress(), data.databasePort(), data.databaseName())), inAws);

        ctx.export("vpcId", network.vpcId());
        ctx.export("publicSubnetIds", network.subnetIdList(SubnetRole.PUBLIC));
        ctx.export("privateSubnetIds", network.subnetIdList(SubnetRole.PRIVATE));
        ctx.export("databaseSubnetIds", network.subnetIdList(SubnetRole.DATABASE));
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("databaseAddress", data.databaseAddress());
        data.databaseReadAddress().ifPresent(address -> ctx.export("databaseReadAddress", address));
        ctx.export("cacheAddress", data.cacheAddress());
        ctx.export("databaseSecretArn", data.databaseSecretArn());
        ctx.export("cacheSecretArn", data.cacheSecretArn());
        ctx.export("bucketNames", Output.all(data.bucketNames().values()));
        ctx.export("appNamespace", Output.of(workloads.appNamespaceName()));
        ctx.export("alertsTopicArn", observability.alertsTopicArn());
        // Says where the account's API calls are recorded, also when this stack leaves that to the organization.
        ctx.export("auditTrail", observability.auditTrailArn()
                .orElse(Output.of("none in this stack: platform:monitoring.auditTrail is false (the organization trail records this account)")));
    }

    /** An AWS provider locked to the stack's account, tagging everything it creates. */
    private static Provider awsProvider(String name, PlatformConfig config, String region) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                // Refuses to touch any other account: staging config cannot be applied to production.
                .allowedAccountIds(List.of(config.accountId()))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.defaultTags()).build())
                .build());
    }
}
