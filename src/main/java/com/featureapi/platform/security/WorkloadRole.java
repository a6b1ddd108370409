package com.featureapi.platform.security;

import com.pulumi.core.Output;

/**
 * An IAM role for one Kubernetes service account, assumed through EKS Pod Identity. The cluster tier
 * creates the {@code PodIdentityAssociation} that binds the two.
 *
 * @param name           what the role is for: an add-on or workload ({@code vpc-cni}, {@code feature-api}, ...)
 * @param namespace      the only namespace whose pods may assume it
 * @param serviceAccount the only service account whose pods may assume it
 * @param roleArn        the role
 */
public record WorkloadRole(String name, String namespace, String serviceAccount, Output<String> roleArn) {
}
