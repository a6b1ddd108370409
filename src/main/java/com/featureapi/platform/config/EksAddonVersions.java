package com.featureapi.platform.config;

import java.util.Map;

/**
 * The one place where EKS managed add-on versions are pinned, per Kubernetes version. Source:
 * shared/reference/versions.md (November 2026, versions seen on 1.35 clusters). With AWS access,
 * {@code aws eks describe-addon-versions --kubernetes-version 1.35} lists the current ones.
 *
 * @param vpcCni              {@code vpc-cni}
 * @param coreDns             {@code coredns}
 * @param kubeProxy           {@code kube-proxy} (its minor must match the cluster's)
 * @param ebsCsiDriver        {@code aws-ebs-csi-driver}
 * @param podIdentityAgent    {@code eks-pod-identity-agent}
 */
public record EksAddonVersions(String vpcCni, String coreDns, String kubeProxy, String ebsCsiDriver, String podIdentityAgent) {

    public static final Map<String, EksAddonVersions> BY_KUBERNETES_VERSION = Map.of(
            "1.35", new EksAddonVersions("v1.22.4-eksbuild.3", "v1.13.2-eksbuild.31", "v1.35.3-eksbuild.29",
                    "v1.66.0-eksbuild.1", "v1.3.10-eksbuild.3"));

    public static EksAddonVersions forKubernetes(String version) {
        EksAddonVersions versions = BY_KUBERNETES_VERSION.get(version);
        if (versions == null) {
            throw new IllegalArgumentException("no add-on versions pinned for Kubernetes " + version);
        }
        return versions;
    }
}
