package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The account's audit trail (seed 002's compliance table: "All API calls logged"): a multi-region CloudTrail trail
 * of management events, global services included, with log-file validation, encrypted with the security tier's
 * audit key, delivered to its own bucket that only CloudTrail may write to, for this trail only.
 */
final class AuditTrail {

    /** Purpose in the bucket name {@code <project>-<stack>-audit-trail-<account>}. */
    static final String BUCKET_PURPOSE = "audit-trail";

    private final Trail trail;

    AuditTrail(PlatformConfig config, Output<String> auditKeyArn, Output<String> accessLogBucket, CustomResourceOptions child,
               boolean protect) {
        String name = ResourceNames.bucket(config, BUCKET_PURPOSE);
        var bucket = new BucketV2(BUCKET_PURPOSE, BucketV2Args.builder()
                .bucket(name)
                .forceDestroy(!protect)
                .tags(NameTag.of(name))
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().protect(protect).build()));
        new BucketOwnershipControls(BUCKET_PURPOSE, BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        var publicAccess = new BucketPublicAccessBlock(BUCKET_PURPOSE, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), child);
        new BucketVersioningV2(BUCKET_PURPOSE, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);
        var encryption = new BucketServerSideEncryptionConfigurationV2(BUCKET_PURPOSE, BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                .sseAlgorithm("aws:kms").kmsMasterKeyId(auditKeyArn).build())
                        .bucketKeyEnabled(true)
                        .build())
                .build(), child);
        // Who read or deleted audit logs is itself audit evidence (CIS AWS 3.x: access logging on the CloudTrail bucket).
        new BucketLoggingV2(BUCKET_PURPOSE, BucketLoggingV2Args.builder()
                .bucket(bucket.id())
                .targetBucket(accessLogBucket)
                .targetPrefix(name + "/")
                .build(), child);
        int days = config.monitoring().auditLogRetentionDays();
        new BucketLifecycleConfigurationV2(BUCKET_PURPOSE, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-after-" + days + "-days")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(days).build())
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                .noncurrentDays(7).build())
                        .build())
                .build(), child);
        var policy = new BucketPolicy(BUCKET_PURPOSE, BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucketPolicy(config, protect))
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(publicAccess).build()));
        // CloudTrail checks the bucket policy and the key when the trail is created: both must exist first.
        this.trail = new Trail("audit", TrailArgs.builder()
                .name(ResourceNames.auditTrail(config))
                .s3BucketName(bucket.bucket())
                .kmsKeyId(auditKeyArn)
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .enableLogging(true)
                .tags(NameTag.of(ResourceNames.auditTrail(config)))
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(policy, encryption).build()));
    }

    /**
     * CloudTrail's documented bucket policy ("Amazon S3 bucket policy for CloudTrail"), each statement limited to
     * this trail by {@code aws:SourceArn}; plus no plain-HTTP access and no deletion of log files by anyone.
     */
    static String bucketPolicy(PlatformConfig config, boolean production) {
        String bucketArn = "arn:aws:s3:::" + ResourceNames.bucket(config, BUCKET_PURPOSE);
        String trail = ResourceNames.auditTrailArn(config);
        List<Statement.Builder> statements = new ArrayList<>(List.of(
                Statement.allow("s3:GetBucketAcl").sid("CloudTrailAclCheck").service("cloudtrail.amazonaws.com").on(bucketArn)
                        .when("StringEquals", "aws:SourceArn", trail),
                Statement.allow("s3:PutObject").sid("CloudTrailWrite").service("cloudtrail.amazonaws.com")
                        .on(bucketArn + "/AWSLogs/" + config.accountId() + "/*")
                        .when("StringEquals", "aws:SourceArn", trail)
                        .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control"),
                Statement.deny("s3:*").sid("DenyInsecureTransport").aws("*").on(bucketArn, bucketArn + "/*")
                        .when("Bool", "aws:SecureTransport", "false")));
        if (production) {
            // Evidence is not deleted by hand: only the lifecycle rule (which is not a principal) expires it. Outside
            // production `pulumi destroy` must be able to empty the bucket.
            statements.add(Statement.deny("s3:DeleteObject", "s3:DeleteObjectVersion").sid("DenyDeletingLogFiles").aws("*").on(bucketArn + "/*"));
        }
        return PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
    }

    Output<String> trailArn() {
        return trail.arn();
    }
}
