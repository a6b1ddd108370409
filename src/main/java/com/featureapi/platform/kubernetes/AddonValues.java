package com.featureapi.platform.kubernetes;

import java.util.List;
import java.util.Map;

/** Values of the remote add-on charts: only the keys the platform sets, each as the chart names it. */
final class AddonValues {

    private AddonValues() {
    }

    /** A chart's {@code serviceAccount} block: created by the chart, named as its Pod Identity association. */
    record ServiceAccount(boolean create, String name) {
    }

    /**
     * aws-load-balancer-controller 3.5.0. Region and VPC are set explicitly: pods cannot reach instance
     * metadata (IMDSv2 hop limit 1 on the nodes), so the controller could not discover them.
     */
    record LoadBalancerController(String clusterName, String region, String vpcId, ServiceAccount serviceAccount,
                                  int replicaCount, boolean enableServiceMutatorWebhook, Map<String, String> nodeSelector,
                                  Resources resources) {
    }

    /** cluster-autoscaler 9.59.0: finds node groups by their auto-discovery tags. */
    record ClusterAutoscaler(AutoDiscovery autoDiscovery, String awsRegion, Image image, Rbac rbac,
                             Map<String, Object> extraArgs, Resources resources) {
        record AutoDiscovery(String clusterName) {
        }

        record Image(String tag) {
        }

        record Rbac(ServiceAccount serviceAccount) {
        }
    }

    /** external-secrets 2.9.0. */
    record ExternalSecrets(boolean installCRDs, ServiceAccount serviceAccount, int replicaCount, boolean leaderElect,
                           Resources resources, Component webhook, Component certController) {
        /** The chart's webhook and certController blocks: only their resources are set. */
        record Component(Resources resources) {
        }
    }

    /**
     * external-dns chart 1.21.1 (values.yaml at tag external-dns-helm-chart-1.21.1): each key becomes a flag of
     * templates/deployment.yaml ({@code --source}, {@code --policy}, {@code --registry}, {@code --txt-owner-id},
     * {@code --domain-filter}, {@code --provider}); {@code extraArgs} adds the AWS provider's zone filters.
     */
    record ExternalDns(Provider provider, Image image, ServiceAccount serviceAccount, List<String> sources, String policy,
                       String registry, String txtOwnerId, List<String> domainFilters, Map<String, String> extraArgs,
                       List<EnvVar> env, Resources resources) {
        record Provider(String name) {
        }

        record Image(String tag) {
        }

        record EnvVar(String name, String value) {
        }
    }

    /** A container's requests, and a memory limit without a CPU limit. */
    record Resources(Map<String, String> requests, Map<String, String> limits) {
        static Resources of(String cpu, String memory, String memoryLimit) {
            return new Resources(Map.of("cpu", cpu, "memory", memory), Map.of("memory", memoryLimit));
        }
    }

    /** metrics-server 3.13.1: {@code defaultArgs} replaces the chart's list; its {@code args} (empty) is appended to it. */
    record MetricsServer(int replicas, List<String> defaultArgs, Resources resources) {
    }
}
