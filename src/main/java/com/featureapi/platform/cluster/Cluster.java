package com.featureapi.platform.cluster;

import com.featureapi.platform.config.ClusterConfig;
import com.featureapi.platform.config.EksAddonVersions;
import com.featureapi.platform.config.NodeGroupConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
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
import java.util.EnumMap;
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
 * <p>No IAM OIDC provider (IRSA) is created: every AWS caller in the cluster (vpc-cni, the EBS CSI driver,
 * the load balancer controller, cluster-autoscaler, External Secrets, Velero and feature-api) gets its
 * credentials through EKS Pod Identity, which all of the pinned versions support (their AWS SDKs read the
 * container credentials the Pod Identity agent serves). An OIDC provider nobody uses would only widen what
 * a role trust could accidentally accept.
 */
public final class Cluster extends ComponentResource {

    public static final String TYPE = "platform:cluster:Cluster";
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;
    private final Map<String, Resource> podIdentityAssociations = new LinkedHashMap<>();
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

        var eks = new com.pulumi.aws.eks.Cluster("cluster", com.pulumi.aws.eks.ClusterArgs.builder()
                .name(physicalName)
                .version(cluster.kubernetesVersion())
                .roleArn(security.clusterRoleArn())
                .vpcConfig(vpcConfig(cluster, args))
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
                // The managed add-ons below replace the self-managed defaults EKS would install unversioned.
                .bootstrapSelfManagedAddons(false)
                .tags(NameTag.of(physicalName))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(logGroup).build());
        this.clusterName = eks.name();
        this.endpoint = eks.endpoint();

        List<Resource> access = new AccessEntries(clusterName, child)
                .admins(cluster.adminRoleArns())
                .viewers(cluster.readOnlyRoleArns())
                .granted();
        var associations = new PodIdentityAssociations(security.workloadRoles(), clusterName, child);
        associations.roleNames().forEach(role -> podIdentityAssociations.put(role, associations.of(role)));

        EksAddonVersions versions = EksAddonVersions.forKubernetes(cluster.kubernetesVersion());
        Map<ManagedAddon, Addon> addons = new EnumMap<>(ManagedAddon.class);
        for (ManagedAddon addon : ManagedAddon.values()) {
            if (addon.placement() == ManagedAddon.Placement.BEFORE_NODES) {
                addons.put(addon, addon(addon, versions, associations, addons, List.of()));
            }
        }

        List<Resource> nodeGroups = new ArrayList<>();
        var launchTemplates = new NodeGroups(this, clusterName, args, List.copyOf(addons.values()));
        for (NodeGroupConfig group : cluster.nodeGroups()) {
            for (var created : launchTemplates.create(group)) {
                nodeGroups.add(created);
                nodeGroupNames.add(created.pulumiResourceName());
            }
        }

        for (ManagedAddon addon : ManagedAddon.values()) {
            if (addon.placement() == ManagedAddon.Placement.AFTER_NODES) {
                addons.put(addon, addon(addon, versions, associations, addons, nodeGroups));
            }
        }

        this.kubeconfig = Output.tuple(eks.name(), eks.endpoint(), eks.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(t.t1, config.region(), t.t2, t.t3.data().orElse("")))
                .asSecret();
        // The later tiers deploy through this provider: it waits for nodes, every add-on (CoreDNS above all,
        // or chart hooks cannot resolve names) and the admin access entries (or the API server refuses them).
        List<Resource> ready = new ArrayList<>(nodeGroups);
        ready.addAll(addons.values());
        ready.addAll(access);
        this.kubernetesProvider = new Provider("kubernetes", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(ready).build());

        // An ordered map (not Map.of, whose order changes with every JVM): outputs are registered in a stable order.
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("clusterName", clusterName);
        outputs.put("endpoint", endpoint);
        outputs.put("kubeconfig", kubeconfig);
        outputs.put("nodeGroups", Output.of(List.copyOf(nodeGroupNames)));
        outputs.put("podIdentityAssociations", Output.of(associations.roleNames()));
        registerOutputs(outputs);
    }

    /** The cluster's name, {@code <project>-<stack>}; known once the cluster exists. */
    public Output<String> clusterName() {
        return clusterName;
    }

    /** The private (and, when configured, public) API server URL. */
    public Output<String> endpoint() {
        return endpoint;
    }

    /** A kubeconfig using {@code aws eks get-token}; secret. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /**
     * The Pod Identity association of each security-tier role, by role name: the workloads that run as its service
     * account wait for it, so their pods are never created before the credentials they get at admission.
     */
    public Map<String, Resource> podIdentityAssociations() {
        return java.util.Collections.unmodifiableMap(podIdentityAssociations);
    }

    /** The provider the Kubernetes tier deploys with. */
    public Provider kubernetesProvider() {
        return kubernetesProvider;
    }

    private static ClusterVpcConfigArgs vpcConfig(ClusterConfig cluster, ClusterArgs args) {
        boolean publicEndpoint = !cluster.endpointPublicAccessCidrs().isEmpty();
        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIdList())
                .securityGroupIds(args.security().clusterSecurityGroupId().applyValue(List::of))
                .endpointPrivateAccess(true)
                .endpointPublicAccess(publicEndpoint);
        if (publicEndpoint) {
            vpcConfig.publicAccessCidrs(cluster.endpointPublicAccessCidrs());
        }
        return vpcConfig.build();
    }

    /**
     * One managed add-on. One with a Pod Identity role waits for its association and for the agent that serves
     * the credentials, so its pods never start without them.
     */
    private Addon addon(ManagedAddon addon, EksAddonVersions versions, PodIdentityAssociations associations,
                        Map<ManagedAddon, Addon> created, List<Resource> after) {
        List<Resource> dependsOn = new ArrayList<>(after);
        addon.serviceAccount().ifPresent(serviceAccount -> {
            dependsOn.add(associations.of(addon, serviceAccount));
            dependsOn.add(created.get(ManagedAddon.EKS_POD_IDENTITY_AGENT));
        });
        var args = AddonArgs.builder()
                .clusterName(clusterName)
                .addonName(addon.eksName())
                .addonVersion(addon.version(versions))
                // Create: take over whatever a default install left. Update: keep settings someone changed
                // in the cluster rather than silently discarding them; the next preview shows the drift.
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE");
        addon.configurationValues().ifPresent(args::configurationValues);
        return new Addon(addon.eksName(), args.build(), CustomResourceOptions.builder().parent(this).dependsOn(dependsOn).build());
    }
}
