package com.featureapi.platform.security;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Explicit key policies. The account root administers every key with a listed set of administrative actions
 * (so IAM policies can delegate administration, and the key can never become unmanageable) and never uses it
 * through that statement. Use is granted per purpose:
 * <ul>
 *   <li>keys of a service ({@code rds}, {@code elasticache}, {@code s3}, {@code ebs}, {@code secrets}): only
 *       through that service ({@code kms:ViaService} in this region, {@code kms:CallerAccount} this account),
 *       grants only for AWS resources; no principal can call Decrypt on them directly, whatever its IAM policy;</li>
 *   <li>{@code logs}: only CloudWatch Logs of this region, for this account's log groups;</li>
 *   <li>{@code eks}: delegated to IAM; the cluster role's policy names the key (the way terraform-aws-eks
 *       grants it), so only principals whose IAM policy names this key may use it.</li>
 * </ul>
 * No statement has a {@code *} principal, {@code kms:*} or a wildcard that includes {@code kms:CreateGrant}.
 */
public final class KeyPolicies {

    /**
     * Administration without use, each action named: no {@code kms:Create*} (it includes {@code kms:CreateGrant},
     * which hands out use), no Encrypt/Decrypt/GenerateDataKey. {@code kms:PutKeyPolicy} must stay, or no one
     * could ever change the policy again. Aliases are administered here because creating or moving an alias
     * needs permission on the key as well as on the alias.
     */
    public static final List<String> ADMINISTRATION = List.of(
            "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListKeyPolicies",
            "kms:ListKeyRotations", "kms:ListResourceTags", "kms:ListGrants", "kms:PutKeyPolicy",
            "kms:UpdateKeyDescription", "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation",
            "kms:DisableKeyRotation", "kms:RotateKeyOnDemand", "kms:TagResource", "kms:UntagResource",
            "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:RevokeGrant",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");
    /** Cryptographic use of a symmetric key. */
    public static final List<String> USE = List.of(
            "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey");

    /** Services that publish to the encrypted alerts topic as themselves. */
    public static final List<String> ALERT_PUBLISHERS = List.of(
            "cloudwatch.amazonaws.com", "budgets.amazonaws.com", "costalerts.amazonaws.com");

    private KeyPolicies() {
    }

    /** The first statement of every key policy: the account root administers the key, so it can never become unmanageable. */
    public static Statement.Builder accountAdministers(String accountRoot) {
        return Statement.allow(ADMINISTRATION.toArray(String[]::new)).sid("AccountAdministers").aws(accountRoot).on("*").inResourcePolicy();
    }

    /**
     * Use by principals of the account, but only through the given services of one region: the statements of a
     * key that only a service may use. Grants (which services such as EBS, RDS and ElastiCache create to use
     * the key later) are allowed only for AWS resources.
     *
     * @param serviceEndpoints values of {@code kms:ViaService}, for example {@code rds.us-east-1.amazonaws.com}
     */
    public static List<Statement.Builder> useOnlyThrough(String accountRoot, String accountId, String sidSuffix,
                                                         String... serviceEndpoints) {
        return List.of(
                Statement.allow(USE.toArray(String[]::new)).sid("UseOnlyThrough" + sidSuffix).aws(accountRoot).on("*").inResourcePolicy()
                        .when("StringEquals", "kms:ViaService", serviceEndpoints)
                        .when("StringEquals", "kms:CallerAccount", accountId),
                Statement.allow("kms:CreateGrant").sid("GrantOnlyThrough" + sidSuffix + "ForAwsResources").aws(accountRoot).on("*")
                        .inResourcePolicy()
                        .when("StringEquals", "kms:ViaService", serviceEndpoints)
                        .when("StringEquals", "kms:CallerAccount", accountId)
                        .when("Bool", "kms:GrantIsForAWSResource", "true"));
    }

    static String of(KeyPurpose purpose, PlatformConfig config) {
        String root = ResourceNames.accountRoot(config);
        List<Statement.Builder> statements = new ArrayList<>();
        statements.add(accountAdministers(root));
        switch (purpose) {
            case EKS -> {
                // Use is delegated to IAM: a principal of this account needs an IAM policy naming this key as well.
                List<String> use = new ArrayList<>(USE);
                use.add("kms:CreateGrant");
                statements.add(Statement.allow(use.toArray(String[]::new)).sid("AccountUsesThroughIam").aws(root).on("*").inResourcePolicy());
            }
            case LOGS -> statements.add(Statement.allow(USE.toArray(String[]::new)).sid("CloudWatchLogsOfThisAccount")
                    .service("logs." + config.region() + ".amazonaws.com").on("*").inResourcePolicy()
                    .when("ArnLike", "kms:EncryptionContext:aws:logs:arn", ResourceNames.logGroupArn(config, "*")));
            case RDS -> statements.addAll(useOnlyThrough(root, config.accountId(), "RdsAndSecretsManager",
                    // RDS for storage, snapshots and Performance Insights; Secrets Manager for the master-user
                    // secret that RDS keeps there under this key (read by whoever may read that secret).
                    endpoint("rds", config), endpoint("secretsmanager", config)));
            case EBS -> {
                statements.addAll(useOnlyThrough(root, config.accountId(), "Ec2", endpoint("ec2", config)));
                // Managed node groups launch through the EC2 Auto Scaling service-linked role, which must be able
                // to use the key for the nodes' encrypted root volumes. Security creates that role first
                // (or adopts it), because a key policy naming a role that does not exist is refused.
                String autoscaling = autoscalingServiceLinkedRoleArn(config);
                statements.add(Statement.allow(USE.toArray(String[]::new)).sid("AutoScalingUsesForNodeVolumes").aws(autoscaling).on("*").inResourcePolicy());
                statements.add(Statement.allow("kms:CreateGrant").sid("AutoScalingGrantsToEc2").aws(autoscaling).on("*")
                        .inResourcePolicy().when("Bool", "kms:GrantIsForAWSResource", "true"));
            }
            case ALERTS -> {
                // Publishers inside the account (Alertmanager's role) use it only through SNS.
                statements.addAll(useOnlyThrough(root, config.accountId(), "Sns", endpoint("sns", config)));
                // CloudWatch alarms, AWS Budgets and Cost Anomaly Detection publish as their service principals and
                // need the key themselves, or the publish fails ("CloudWatch Alarms does not have authorization to
                // access the SNS topic encryption key", AWS re:Post cloudwatch-configure-alarm-sns); only on behalf
                // of this account.
                for (String service : ALERT_PUBLISHERS) {
                    String name = service.substring(0, service.indexOf('.'));
                    statements.add(Statement.allow("kms:Decrypt", "kms:GenerateDataKey*").sid("PublishAlertsFrom" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                            .service(service).on("*").inResourcePolicy()
                            .when("StringEquals", "aws:SourceAccount", config.accountId()));
                }
            }
            case AUDIT -> {
                String trail = ResourceNames.auditTrailArn(config);
                // CloudTrail's documented key policy ("Configure AWS KMS key policies for CloudTrail"), scoped to this
                // stack's trail by aws:SourceArn: CloudTrail encrypts log files and, through S3, the digest files.
                statements.add(Statement.allow("kms:GenerateDataKey*").sid("CloudTrailEncryptsLogs").service("cloudtrail.amazonaws.com")
                        .on("*").inResourcePolicy()
                        .when("StringEquals", "aws:SourceArn", trail));
                statements.add(Statement.allow("kms:DescribeKey").sid("CloudTrailDescribesKey").service("cloudtrail.amazonaws.com")
                        .on("*").inResourcePolicy()
                        .when("StringEquals", "aws:SourceArn", trail));
                // Auditors of the account read log files only through S3 (the object's GET decrypts them).
                statements.add(Statement.allow("kms:Decrypt", "kms:ReEncryptFrom").sid("AccountReadsLogsThroughS3").aws(root).on("*").inResourcePolicy()
                        .when("StringEquals", "kms:ViaService", endpoint("s3", config))
                        .when("StringEquals", "kms:CallerAccount", config.accountId()));
            }
            default -> statements.addAll(useOnlyThrough(root, config.accountId(), purpose.viaService().substring(0, 1).toUpperCase()
                    + purpose.viaService().substring(1), endpoint(purpose.viaService(), config)));
        }
        return PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
    }

    /** {@code AWSServiceRoleForAutoScaling}, the role EC2 Auto Scaling creates on first use (or Security creates). */
    public static String autoscalingServiceLinkedRoleArn(PlatformConfig config) {
        return "arn:aws:iam::" + config.accountId()
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    }

    private static String endpoint(String service, PlatformConfig config) {
        return service + "." + config.region() + ".amazonaws.com";
    }
}
