package com.featureapi.platform.security;

import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates IAM roles the one way this project does it: the trust policy on the role, each AWS managed
 * policy as its own {@code RolePolicyAttachment}, and at most one inline policy as a {@code RolePolicy}
 * (never the role's {@code managedPolicyArns} or {@code inlinePolicies} arguments, which would fight
 * the separate resources over the same role).
 */
final class Roles {

    private final String namePrefix;
    private final CustomResourceOptions options;

    Roles(String namePrefix, CustomResourceOptions options) {
        this.namePrefix = namePrefix;
        this.options = options;
    }

    static String managed(String policyName) {
        return "arn:aws:iam::aws:policy/" + policyName;
    }

    /** A role that only one AWS service may assume, with its policies. */
    RoleWithPolicies forService(String name, String description, Statement.Builder trust, List<String> managedPolicies,
                                Output<String> inlinePolicy) {
        var role = new Role(name, RoleArgs.builder()
                .description(description)
                .assumeRolePolicy(PolicyDocument.of(trust).toJson())
                .maxSessionDuration(3600)
                .tags(NameTag.of(namePrefix + "-" + name))
                .build(), options);
        List<CustomResource> policies = new ArrayList<>();
        for (String policy : managedPolicies) {
            String shortName = policy.substring(policy.lastIndexOf('/') + 1);
            policies.add(new RolePolicyAttachment(name + "-" + shortName, RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn(policy)
                    .build(), options));
        }
        if (inlinePolicy != null) {
            policies.add(new RolePolicy(name, RolePolicyArgs.builder()
                    .role(role.id())
                    .policy(inlinePolicy)
                    .build(), options));
        }
        return new RoleWithPolicies(role, policies);
    }
}
