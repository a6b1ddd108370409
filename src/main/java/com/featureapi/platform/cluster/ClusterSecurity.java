package com.featureapi.platform.cluster;

import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.core.Output;

import java.util.List;

/**
 * What the cluster takes from the security tier.
 *
 * @param clusterRoleArn         role of the EKS control plane
 * @param nodeRoleArn            role of the worker nodes
 * @param eksKeyArn              key for envelope encryption of Kubernetes secrets
 * @param logsKeyArn             key of the control-plane log group
 * @param ebsKeyArn              key of the nodes' root volumes
 * @param clusterSecurityGroupId additional security group of the control-plane interfaces
 * @param nodeSecurityGroupId    security group of the nodes
 * @param workloadRoles          Pod Identity roles, each associated with its namespace/service account; names
 *                               unique. The add-ons need {@code vpc-cni} (kube-system/aws-node) and
 *                               {@code ebs-csi} (kube-system/ebs-csi-controller-sa); the rest (load balancer
 *                               controller, autoscaler, External Secrets, Velero, feature-api) are associated
 *                               for the Kubernetes tier's charts
 */
public record ClusterSecurity(
        Output<String> clusterRoleArn,
        Output<String> nodeRoleArn,
        Output<String> eksKeyArn,
        Output<String> logsKeyArn,
        Output<String> ebsKeyArn,
        Output<String> clusterSecurityGroupId,
        Output<String> nodeSecurityGroupId,
        List<WorkloadRole> workloadRoles) {
}
