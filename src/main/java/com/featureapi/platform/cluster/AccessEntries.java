package com.featureapi.platform.cluster;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Cluster access through EKS access entries (authentication mode {@code API}; no aws-auth ConfigMap): each
 * IAM role gets an entry and one cluster-wide access policy. Entries are named {@code <kind>-<role name>};
 * config validation keeps role names unique, so two entries never collide.
 */
final class AccessEntries {

    static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    static final String VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    private final Output<String> clusterName;
    private final CustomResourceOptions child;
    private final List<Resource> policyAssociations = new ArrayList<>();

    AccessEntries(Output<String> clusterName, CustomResourceOptions child) {
        this.clusterName = clusterName;
        this.child = child;
    }

    /** Cluster-admin for each role. */
    AccessEntries admins(List<String> roleArns) {
        return grant(roleArns, "admin", ADMIN_POLICY);
    }

    /** Read-only (view) access to every namespace for each role. */
    AccessEntries viewers(List<String> roleArns) {
        return grant(roleArns, "view", VIEW_POLICY);
    }

    /** The policy associations: access is effective once they exist. */
    List<Resource> granted() {
        return List.copyOf(policyAssociations);
    }

    private AccessEntries grant(List<String> roleArns, String kind, String policyArn) {
        for (String roleArn : roleArns) {
            String name = kind + "-" + roleArn.substring(roleArn.lastIndexOf('/') + 1);
            var entry = new AccessEntry(name, AccessEntryArgs.builder()
                    .clusterName(clusterName)
                    .principalArn(roleArn)
                    .type("STANDARD")
                    .build(), child);
            policyAssociations.add(new AccessPolicyAssociation(name, AccessPolicyAssociationArgs.builder()
                    .clusterName(clusterName)
                    // From the entry, not the config: the association must wait for the entry to exist.
                    .principalArn(entry.principalArn())
                    .policyArn(policyArn)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), child));
        }
        return this;
    }
}
