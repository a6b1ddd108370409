package com.featureapi.platform.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nodes' instance metadata service (IMDS), and what follows from closing it to pods.
 *
 * <p>The launch templates require IMDSv2 with a response hop limit of 1: a token response cannot cross the
 * extra hop from the node into a pod's network namespace, so pods (other than {@code hostNetwork} ones) cannot
 * read the node role's credentials, and they cannot read anything else from IMDS either: region, VPC id,
 * instance identity. Every AWS caller in the cluster gets credentials from EKS Pod Identity instead, and whatever
 * a chart would discover through IMDS must be set explicitly by the Kubernetes tier:
 * <ul>
 *   <li>AWS Load Balancer Controller: {@code region} and {@code vpcId} (it reads both from IMDS when unset and
 *       fails to start), plus {@code clusterName}; see {@link #loadBalancerControllerValues};</li>
 *   <li>cluster-autoscaler: {@code awsRegion};</li>
 *   <li>Velero's backup and snapshot locations and External Secrets' SecretStore: {@code region}.</li>
 * </ul>
 * The region is {@code aws:region} (from config), the VPC id {@code Network.vpcId()} (also the
 * stack output {@code vpcId}). The Kubernetes tier sets them in {@code kubernetes.AddonValues}
 * ({@code LoadBalancerController}, {@code ClusterAutoscaler}) and in the SecretStore of {@code Workloads}.
 */
public final class InstanceMetadata {

    /** IMDSv2 token responses reach the node itself, not its pods. */
    public static final int HOP_LIMIT = 1;

    /** Chart values that IMDS would otherwise provide, by chart: what the Kubernetes tier must set. */
    public static final Map<String, List<String>> VALUES_IMDS_WOULD_PROVIDE = Map.of(
            "aws-load-balancer-controller", List.of("clusterName", "region", "vpcId"),
            "cluster-autoscaler", List.of("awsRegion"),
            "velero", List.of("configuration.backupStorageLocation[].config.region", "configuration.volumeSnapshotLocation[].config.region"),
            "external-secrets", List.of("SecretStore spec.provider.aws.region"),
            "karpenter", List.of("controller.env AWS_REGION", "settings.clusterName"));

    private InstanceMetadata() {
    }

    /** The Load Balancer Controller chart's values that must not be left to IMDS. */
    public static Map<String, Object> loadBalancerControllerValues(String clusterName, String region, String vpcId) {
        Map<String, Object> values = new TreeMap<>();
        values.put("clusterName", clusterName);
        values.put("region", region);
        values.put("vpcId", vpcId);
        return values;
    }
}
