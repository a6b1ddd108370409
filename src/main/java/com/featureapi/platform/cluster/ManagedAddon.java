package com.featureapi.platform.cluster;

import com.featureapi.platform.config.EksAddonVersions;

import java.util.Optional;
import java.util.function.Function;

/**
 * The EKS managed add-ons of the cluster: their EKS names, when each is created relative to the node groups,
 * the Pod Identity role each runs with and its configuration. Versions are not here: they are pinned in one
 * place, {@link EksAddonVersions}, per Kubernetes version.
 *
 * <p>Placement follows terraform-aws-modules/eks v21 ({@code before_compute}), which creates the CNI and the
 * Pod Identity agent before any node: a node stays NotReady until the CNI runs, and the CNI's own credentials
 * come from the agent. kube-proxy joins them: it is a DaemonSet like the CNI (so, like it, it is healthy with
 * no node yet), and the CNI reaches the API server through the {@code kubernetes} Service address that
 * kube-proxy programs (the cluster is created with {@code bootstrapSelfManagedAddons: false}, so there is no
 * default kube-proxy to fall back on). CoreDNS and the EBS CSI controller are Deployments: created before
 * any node, their pods sit Pending and the add-on fails, so they come after the node groups.
 */
enum ManagedAddon {

    EKS_POD_IDENTITY_AGENT("eks-pod-identity-agent", Placement.BEFORE_NODES, null, null, EksAddonVersions::podIdentityAgent),
    // Network policy enforcement is off by default in the CNI; seed 002 relies on NetworkPolicies.
    VPC_CNI("vpc-cni", Placement.BEFORE_NODES, new ServiceAccount("vpc-cni", "kube-system", "aws-node"),
            "{\"enableNetworkPolicy\":\"true\"}", EksAddonVersions::vpcCni),
    KUBE_PROXY("kube-proxy", Placement.BEFORE_NODES, null, null, EksAddonVersions::kubeProxy),
    COREDNS("coredns", Placement.AFTER_NODES, null, null, EksAddonVersions::coreDns),
    AWS_EBS_CSI_DRIVER("aws-ebs-csi-driver", Placement.AFTER_NODES, new ServiceAccount("ebs-csi", "kube-system", "ebs-csi-controller-sa"),
            null, EksAddonVersions::ebsCsiDriver);

    /** When an add-on is created relative to the node groups. */
    enum Placement { BEFORE_NODES, AFTER_NODES }

    /**
     * The Pod Identity role an add-on needs, as the security tier names and scopes it.
     *
     * @param roleName       {@code WorkloadRole.name()} of the role
     * @param namespace      the add-on's namespace, which the role's trust must name
     * @param serviceAccount the add-on's service account, which the role's trust must name
     */
    record ServiceAccount(String roleName, String namespace, String serviceAccount) {
        @Override
        public String toString() {
            return namespace + "/" + serviceAccount;
        }
    }

    private final String eksName;
    private final Placement placement;
    private final ServiceAccount serviceAccount;
    private final String configurationValues;
    private final Function<EksAddonVersions, String> version;

    ManagedAddon(String eksName, Placement placement, ServiceAccount serviceAccount, String configurationValues,
                 Function<EksAddonVersions, String> version) {
        this.eksName = eksName;
        this.placement = placement;
        this.serviceAccount = serviceAccount;
        this.configurationValues = configurationValues;
        this.version = version;
    }

    /** The add-on's name in the EKS API (also the Pulumi resource name). */
    String eksName() {
        return eksName;
    }

    Placement placement() {
        return placement;
    }

    /** The Pod Identity role it runs with; empty when it needs no AWS API access. */
    Optional<ServiceAccount> serviceAccount() {
        return Optional.ofNullable(serviceAccount);
    }

    /** The add-on's configuration JSON; empty keeps the add-on's defaults. */
    Optional<String> configurationValues() {
        return Optional.ofNullable(configurationValues);
    }

    String version(EksAddonVersions versions) {
        return version.apply(versions);
    }
}
