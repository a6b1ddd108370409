package com.featureapi.platform.security;

import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResource;

import java.util.List;

/**
 * A role together with its policies ({@code RolePolicyAttachment}s and the inline {@code RolePolicy}).
 * IAM creates a role before anything is attached to it, so a consumer that waits only for the role can
 * start without its permissions: RDS refuses enhanced monitoring ("IAM role ARN value is invalid or does
 * not include the required permissions for: ENHANCED_MONITORING"), and EKS asks that a node group's
 * permissions exist before the group is created and are removed only after it is deleted.
 *
 * @param role     the role
 * @param policies its attachments and inline policy
 */
public record RoleWithPolicies(Role role, List<CustomResource> policies) {

    public RoleWithPolicies {
        policies = List.copyOf(policies);
    }

    /**
     * The role's ARN, known only once every policy of the role exists. Whatever takes this value depends on
     * the role and on each policy, so Pulumi creates it after them and deletes it before them.
     */
    public Output<String> readyArn() {
        if (policies.isEmpty()) {
            return role.arn();
        }
        return Output.all(policies.stream().map(CustomResource::id).toList()).apply(attached -> role.arn());
    }
}
