package com.featureapi.platform.cluster;

import com.featureapi.platform.security.WorkloadRole;
import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EKS Pod Identity association per role of the security tier, binding the role to the only namespace and
 * service account its trust policy names. The roles arrive as a list; the add-ons find theirs by name, and a
 * missing or mis-scoped add-on role fails the program with a message instead of a cluster whose CNI or EBS
 * driver cannot call AWS.
 */
final class PodIdentityAssociations {

    private final Map<String, PodIdentityAssociation> byRoleName = new LinkedHashMap<>();
    private final Map<String, WorkloadRole> roles = new LinkedHashMap<>();

    PodIdentityAssociations(List<WorkloadRole> workloadRoles, Output<String> clusterName, CustomResourceOptions child) {
        for (WorkloadRole role : workloadRoles) {
            if (roles.putIfAbsent(role.name(), role) != null) {
                throw new IllegalArgumentException("two Pod Identity roles of the security tier are named \"" + role.name()
                        + "\"; each role gets one association named after it, so names must be unique");
            }
            byRoleName.put(role.name(), new PodIdentityAssociation(role.name(), PodIdentityAssociationArgs.builder()
                    .clusterName(clusterName)
                    .namespace(role.namespace())
                    .serviceAccount(role.serviceAccount())
                    .roleArn(role.roleArn())
                    .build(), child));
        }
    }

    /**
     * The association of the role an add-on runs with.
     *
     * @throws IllegalArgumentException when the security tier has no role of that name, or scopes it to
     *                                  another service account than the add-on's
     */
    PodIdentityAssociation of(ManagedAddon addon, ManagedAddon.ServiceAccount needed) {
        WorkloadRole role = roles.get(needed.roleName());
        if (role == null) {
            throw new IllegalArgumentException("the " + addon.eksName() + " add-on needs a Pod Identity role named \""
                    + needed.roleName() + "\" for " + needed + ", but the security tier provides only " + roles.keySet());
        }
        if (!role.namespace().equals(needed.namespace()) || !role.serviceAccount().equals(needed.serviceAccount())) {
            throw new IllegalArgumentException("the Pod Identity role \"" + needed.roleName() + "\" is scoped to "
                    + role.namespace() + "/" + role.serviceAccount() + ", but the " + addon.eksName() + " add-on runs as " + needed);
        }
        return byRoleName.get(needed.roleName());
    }

    /** The association of the role of that name (every role of the security tier has one). */
    PodIdentityAssociation of(String roleName) {
        PodIdentityAssociation association = byRoleName.get(roleName);
        if (association == null) {
            throw new IllegalArgumentException("no Pod Identity association for role \"" + roleName + "\"; roles: " + byRoleName.keySet());
        }
        return association;
    }

    /** Role names that have an association, in the security tier's order. */
    List<String> roleNames() {
        return List.copyOf(byRoleName.keySet());
    }
}
