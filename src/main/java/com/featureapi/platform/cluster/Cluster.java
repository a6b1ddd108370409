package com.featureapi.platform.cluster;

import com.featureapi.platform.config.ClusterConfig;
import com.featureapi.platform.config.EksAddonVersions;
import com.featureapi.platform.config.NodeGroupConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterUpgradePolicyArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EKS tier ({@code platform:cluster:Cluster}), built from {@code aws.eks} resources the way
 * terraform-aws-modules/eks v21 does: a private, encrypted, fully logged control plane on standard
 * support; access entries instead of the aws-auth ConfigMap; managed add-ons with pinned versions and
 * Pod Identity; managed node groups on hardened launch templates; and a Kubernetes provider for the
 * tiers that deploy into the cluster.
 *
 * <p>No IAM OIDC provider is created: every add-on and workload here gets AWS credentials through EKS
 * Pod Identity, and none of the charts pinned in shared/reference/versions.md requires IRSA.
 */
public final class Cluster extends ComponentResource {

    public static final String TYPE = "platform:cluster:Cluster";
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    static final String VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;
    private final List<String> nodeGroupNames = new ArrayList<>();

    public Cluster(String name, ClusterArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        PlatformConfig config = args.config();
        ClusterConfig cluster = config.cluster();
        ClusterSecurity security = args.security();
        String physicalName = ResourceNames.cluster(config);
        var child = CustomResourceOptions.builder().parent(this).build();

        // Created before the cluster so EKS writes into a group with our retention and key, not its own.
        var logGroup = new LogGroup("control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + physicalName + "/cluster")
                .retentionInDays(cluster.logRetentionDays())
                .kmsKeyId(security.logsKeyArn())
                .tags(NameTag.of(physicalName + "-control-plane"))
                .build(), child);

        boolean publicEndpoint = !cluster.endpointPublicAccessCidrs().isEmpty();
        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .securityGroupIds(security.clusterSecurityGroupId().applyValue(List::of))
                .endpointPrivateAccess(true)
                .endpointPublicAccess(publicEndpoint);
        if (publicEndpoint) {
            vpcConfig.publicAccessCidrs(cluster.endpointPublicAccessCidrs());
        }
        var eks = new com.pulumi.aws.eks.Cluster("cluster", com.pulumi.aws.eks.ClusterArgs.builder()
                .name(physicalName)
                .version(cluster.kubernetesVersion())
                .roleArn(security.clusterRoleArn())
                .vpcConfig(vpcConfig.build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(security.eksKeyArn()).build())
                        .build())
                .enabledClusterLogTypes(LOG_TYPES)
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // Whoever runs `pulumi up` gets no hidden admin entry: admins are listed in config.
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                // Standard support only: a version past its end is upgraded, never billed at 6x extended support.
                .upgradePolicy(ClusterUpgradePolicyArgs.builder().supportType("STANDARD").build())
                // The managed add-ons below replace the self-managed defaults EKS would install.
                .bootstrapSelfManagedAddons(false)
                .tags(NameTag.of(physicalName))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(logGroup).build());
        this.clusterName = eks.name();
        this.endpoint = eks.endpoint();

        accessEntries(cluster.adminRoleArns(), "admin", ADMIN_POLICY, child);
        accessEntries(cluster.readOnlyRoleArns(), "view", VIEW_POLICY, child);

        Map<String, PodIdentityAssociation> associations = new LinkedHashMap<>();
        for (WorkloadRole role : security.workloadRoles()) {
            associations.put(role.name(), new PodIdentityAssociation(role.name(), PodIdentityAssociationArgs.builder()
                    .clusterName(clusterName)
                    .namespace(role.namespace())
                    .serviceAccount(role.serviceAccount())
                    .roleArn(role.roleArn())
                    .build(), child));
        }

        EksAddonVersions versions = EksAddonVersions.forKubernetes(cluster.kubernetesVersion());
        // Needed before nodes join: the agent hands out Pod Identity credentials, the CNI gives pods IPs.
        Addon podIdentityAgent = addon("eks-pod-identity-agent", versions.podIdentityAgent(), null, List.of());
        Addon vpcCni = addon("vpc-cni", versions.vpcCni(), "{\"enableNetworkPolicy\":\"true\"}",
                List.of(podIdentityAgent, associations.get("vpc-cni")));

        List<Resource> beforeNodes = List.of(vpcCni, podIdentityAgent);
        List<Resource> nodeGroups = new ArrayList<>();
        for (NodeGroupConfig group : cluster.nodeGroups()) {
            NodeGroup nodeGroup = NodeGroups.create(group, this, clusterName, args, beforeNodes);
            nodeGroups.add(nodeGroup);
            nodeGroupNames.add(group.name());
        }
        // These run as Deployments and would sit Pending (and fail the add-on) without nodes.
        addon("coredns", versions.coreDns(), null, nodeGroups);
        addon("kube-proxy", versions.kubeProxy(), null, nodeGroups);
        List<Resource> afterEbsRole = new ArrayList<>(nodeGroups);
        afterEbsRole.add(associations.get("ebs-csi"));
        addon("aws-ebs-csi-driver", versions.ebsCsiDriver(), null, afterEbsRole);

        this.kubeconfig = Output.tuple(eks.name(), eks.endpoint(), eks.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(t.t1, config.region(), t.t2, t.t3.data().orElse("")))
                .asSecret();
        this.kubernetesProvider = new Provider("kubernetes", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodeGroups).build());

        registerOutputs(Map.of(
                "clusterName", clusterName,
                "endpoint", endpoint,
                "kubeconfig", kubeconfig,
                "nodeGroups", Output.of(List.copyOf(nodeGroupNames))));
    }

    public Output<String> clusterName() {
        return clusterName;
    }

    public Output<String> endpoint() {
        return endpoint;
    }

    /** A kubeconfig using {@code aws eks get-token}; secret. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /** The provider the Kubernetes tier deploys with. */
    public Provider kubernetesProvider() {
        return kubernetesProvider;
    }

    private void accessEntries(List<String> principals, String kind, String policyArn, CustomResourceOptions child) {
        for (String principal : principals) {
            String name = kind + "-" + principal.substring(principal.lastIndexOf('/') + 1);
            var entry = new AccessEntry(name, AccessEntryArgs.builder()
                    .clusterName(clusterName)
                    .principalArn(principal)
                    .type("STANDARD")
                    .build(), child);
            new AccessPolicyAssociation(name, AccessPolicyAssociationArgs.builder()
                    .clusterName(clusterName)
                    .principalArn(entry.principalArn())
                    .policyArn(policyArn)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), child);
        }
    }

    private Addon addon(String addonName, String version, String configurationValues, List<Resource> dependsOn) {
        var args = AddonArgs.builder()
                .clusterName(clusterName)
                .addonName(addonName)
                .addonVersion(version)
                // Create: take over whatever a default install left. Update: keep settings someone changed
                // in the cluster rather than silently discarding them; the next preview shows the drift.
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE");
        if (configurationValues != null) {
            args.configurationValues(configurationValues);
        }
        return new Addon(addonName, args.build(), CustomResourceOptions.builder().parent(this).dependsOn(dependsOn).build());
    }
}
