package com.featureapi.platform.security;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Explicit key policies: the account root administers every key (so IAM policies can delegate use, and
 * the key can never become unmanageable), and only the AWS services that need a key get a statement,
 * each pinned to this account and region. No statement has a {@code *} principal.
 */
public final class KeyPolicies {

    /** Administration without use: creating, describing, tagging, rotating and scheduling deletion. */
    private static final String[] ADMINISTRATION = {
            "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
            "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand"};
    private static final String[] USE = {
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"};

    private KeyPolicies() {
    }

    /** The first statement of every key policy: the account root administers the key, so it can never become unmanageable. */
    public static Statement.Builder accountAdministers(String accountRoot) {
        return Statement.allow(ADMINISTRATION).sid("AccountAdministers").aws(accountRoot).on("*").inResourcePolicy();
    }

    static String of(KeyPurpose purpose, PlatformConfig config) {
        String root = ResourceNames.accountRoot(config);
        List<Statement.Builder> statements = new ArrayList<>();
        statements.add(accountAdministers(root));
        // Use is delegated to IAM: a principal of this account needs an IAM policy naming this key as well.
        statements.add(Statement.allow(concat(USE, "kms:CreateGrant", "kms:ListGrants")).sid("AccountUsesThroughIam")
                .aws(root).on("*").inResourcePolicy());
        switch (purpose) {
            case LOGS -> statements.add(Statement.allow(USE).sid("CloudWatchLogsOfThisAccount")
                    .service("logs." + config.region() + ".amazonaws.com").on("*").inResourcePolicy()
                    .when("ArnLike", "kms:EncryptionContext:aws:logs:arn",
                            ResourceNames.logGroupArn(config, "*")));
            case EBS -> {
                // Managed node groups launch through the EC2 Auto Scaling service-linked role, which must
                // be able to use the key for the nodes' encrypted root volumes.
                String autoscaling = "arn:aws:iam::" + config.accountId()
                        + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
                statements.add(Statement.allow(USE).sid("AutoScalingUsesForNodeVolumes").aws(autoscaling).on("*").inResourcePolicy());
                statements.add(Statement.allow("kms:CreateGrant").sid("AutoScalingGrantsToEc2").aws(autoscaling).on("*")
                        .inResourcePolicy().when("Bool", "kms:GrantIsForAWSResource", "true"));
            }
            default -> {
                if (purpose.viaService() != null) {
                    statements.add(Statement.allow(concat(USE, "kms:CreateGrant")).sid("UseThrough" + purpose.viaService())
                            .aws(root).on("*").inResourcePolicy()
                            .when("StringEquals", "kms:ViaService", purpose.viaService() + "." + config.region() + ".amazonaws.com")
                            .when("StringEquals", "kms:CallerAccount", config.accountId()));
                }
            }
        }
        return PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
