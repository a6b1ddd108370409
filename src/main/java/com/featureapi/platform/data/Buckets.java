package com.featureapi.platform.data;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.StorageConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.Provider;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
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
import com.pulumi.aws.s3.BucketReplicationConfig;
import com.pulumi.aws.s3.BucketReplicationConfigArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDeleteMarkerReplicationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 buckets, each from the aws 6.x split resources: versioned, KMS-encrypted with a bucket key, all
 * public access blocked, ACLs off, TLS-only, lifecycle-managed and access-logged.
 */
final class Buckets {

    /**
     * A bucket, its name and ARN, and the options of its companion resources (versioning, encryption,
     * policy...): same parent and, for a replica bucket, the replica region's provider.
     */
    record Created(BucketV2 bucket, Output<String> name, Output<String> arn, CustomResourceOptions companions,
                   BucketVersioningV2 versioning) {
    }

    /** The bucket Velero writes its backups and its Kopia repository into. */
    static final String VELERO = "velero";

    private final Data owner;
    private final DataArgs args;
    private final PlatformConfig config;
    private final boolean production;

    Buckets(Data owner, DataArgs args) {
        this.owner = owner;
        this.args = args;
        this.config = args.config();
        this.production = config.environment().isProduction();
    }

    /**
     * The access-log bucket. S3 server access logging cannot deliver into a bucket encrypted with KMS, so
     * this one bucket uses SSE-S3 (AES-256); it holds request logs only, never data.
     */
    Created accessLogs() {
        var logs = bucket("access-logs", Optional.empty(), Optional.empty());
        String bucketArn = "arn:aws:s3:::" + ResourceNames.bucket(config, "access-logs");
        policy("access-logs", logs, Optional.empty(), List.of(
                Statement.allow("s3:PutObject").sid("S3ServerAccessLogsOfThisAccount").service("logging.s3.amazonaws.com")
                        .on(bucketArn + "/*").when("StringEquals", "aws:SourceAccount", config.accountId()),
                albAccessLogs(bucketArn),
                Statement.deny("s3:PutObject").sid("DenyOtherEncryption").aws("*").on(bucketArn + "/*")
                        .when("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption", "AES256")));
        lifecycle("access-logs", logs, config.storage().backupRetentionDays());
        return logs;
    }

    /**
     * Elastic Load Balancing's account per region, which writes ALB access logs in every region opened before
     * August 2022 (AWS: "Enable access logs for your Application Load Balancer", step 2); newer regions use the
     * log-delivery service principal instead.
     */
    private static final Map<String, String> ELB_ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"), Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"), Map.entry("us-west-2", "797873946194"),
            Map.entry("eu-west-1", "156460612806"), Map.entry("eu-west-2", "652711504416"),
            Map.entry("eu-central-1", "054676820928"), Map.entry("ap-southeast-1", "114774131450"),
            Map.entry("ap-southeast-2", "783225319266"), Map.entry("ap-northeast-1", "582318560864"));

    /** The feature-api ALB (Kubernetes tier) writes its access logs under {@code alb/} for this account only. */
    private Statement.Builder albAccessLogs(String bucketArn) {
        String objects = bucketArn + "/alb/*/AWSLogs/" + config.accountId() + "/*";
        String elbAccount = ELB_ACCOUNTS.get(config.region());
        return elbAccount != null
                ? Statement.allow("s3:PutObject").sid("AlbAccessLogsOfThisAccount").aws("arn:aws:iam::" + elbAccount + ":root").on(objects)
                : Statement.allow("s3:PutObject").sid("AlbAccessLogsOfThisAccount").service("logdelivery.elasticloadbalancing.amazonaws.com").on(objects);
    }

    /** A data bucket (backups, Velero) encrypted with the S3 key and logged into {@code accessLogs}. */
    Created data(String purpose, Created accessLogs) {
        var created = bucket(purpose, Optional.of(args.security().s3KeyArn()), Optional.empty());
        policy(purpose, created, Optional.of(args.security().s3KeyArn()), List.of());
        accessLogged(purpose, created, accessLogs);
        if (purpose.equals(VELERO)) {
            veleroLifecycle(created);
        } else {
            lifecycle(purpose, created, config.storage().backupRetentionDays());
        }
        return created;
    }

    /**
     * The bucket Grafana Tempo keeps its trace blocks in, encrypted with the S3 key and access-logged like the
     * others. Tempo's compactor deletes blocks older than {@code platform:monitoring.traceRetentionDays}; the bucket
     * expires what is left a day later (a block the compactor missed) and never moves blocks to a colder class, which
     * every trace search would pay to read back.
     */
    Created traces(Created accessLogs) {
        String purpose = ResourceNames.TRACES_BUCKET;
        var created = bucket(purpose, Optional.of(args.security().s3KeyArn()), Optional.empty());
        policy(purpose, created, Optional.of(args.security().s3KeyArn()), List.of());
        accessLogged(purpose, created, accessLogs);
        int expireAfterDays = config.monitoring().traceRetentionDays() + 1;
        new BucketLifecycleConfigurationV2(purpose, BucketLifecycleConfigurationV2Args.builder()
                .bucket(created.bucket().id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("expire-after-" + expireAfterDays + "-days")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(expireAfterDays).build())
                                .build(),
                        tidyRule(config.storage().noncurrentVersionExpirationDays()))
                .build(), created.companions());
        return created;
    }

    private void accessLogged(String purpose, Created bucket, Created accessLogs) {
        new BucketLoggingV2(purpose, BucketLoggingV2Args.builder()
                .bucket(bucket.bucket().id())
                .targetBucket(accessLogs.bucket().id())
                .targetPrefix(ResourceNames.bucket(config, purpose) + "/")
                .build(), child());
    }

    /**
     * Velero's bucket has no expiration of current objects. Velero deletes a backup when its TTL ends, and the
     * repository's maintenance (Kopia garbage collection) prunes the data no backup references any more; data
     * packs written for an old backup are still referenced by every later one, so expiring objects by age would
     * silently break the backups that remain. What S3 does here is only tidy up: incomplete uploads go after 7
     * days, and what Velero deleted (now noncurrent versions) is kept at least as long as the backups themselves,
     * so a deletion by mistake or by an attacker can be undone.
     */
    private void veleroLifecycle(Created bucket) {
        StorageConfig storage = config.storage();
        new BucketLifecycleConfigurationV2(VELERO, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.bucket().id())
                .rules(tidyRule(Math.max(storage.noncurrentVersionExpirationDays(), storage.backupRetentionDays())))
                .build(), bucket.companions());
    }

    /** Copies every object of {@code source} into a new bucket in the replica region, under that region's own key. */
    void replicate(String purpose, Created source, Provider replica, String region) {
        var inReplica = CustomResourceOptions.builder().parent(owner).provider(replica).protect(production).build();
        var key = ReplicaKeys.create(purpose + "-replica-" + region, "s3", region, config, inReplica);
        String replicaPurpose = purpose + "-replica-" + region;
        var target = bucket(replicaPurpose, Optional.of(key.arn()), Optional.of(replica));
        policy(replicaPurpose, target, Optional.of(key.arn()), List.of());
        lifecycle(replicaPurpose, target, config.storage().backupRetentionDays());

        String sourceArn = "arn:aws:s3:::" + ResourceNames.bucket(config, purpose);
        String targetArn = "arn:aws:s3:::" + ResourceNames.bucket(config, replicaPurpose);
        var role = new Role(purpose + "-replication", RoleArgs.builder()
                .description("S3 replication of " + ResourceNames.bucket(config, purpose) + " to " + region)
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole").service("s3.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", config.accountId())).toJson())
                .tags(NameTag.of(config.namePrefix() + "-" + purpose + "-replication"))
                .build(), child());
        var replicationPolicy = new RolePolicy(purpose + "-replication", RolePolicyArgs.builder()
                .role(role.id())
                .policy(Output.tuple(args.security().s3KeyArn(), key.arn()).applyValue(keys -> PolicyDocument.of(
                        Statement.allow("s3:GetReplicationConfiguration", "s3:ListBucket").sid("ReadSourceConfiguration").on(sourceArn),
                        Statement.allow("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging")
                                .sid("ReadSourceVersions").on(sourceArn + "/*"),
                        Statement.allow("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags").sid("WriteReplicas").on(targetArn + "/*"),
                        Statement.allow("kms:Decrypt").sid("DecryptSource").on(keys.t1)
                                .when("StringEquals", "kms:ViaService", "s3." + config.region() + ".amazonaws.com"),
                        Statement.allow("kms:Encrypt", "kms:GenerateDataKey*").sid("EncryptReplicas").on(keys.t2)
                                .when("StringEquals", "kms:ViaService", "s3." + region + ".amazonaws.com")).toJson()))
                .build(), child());
        new BucketReplicationConfig(purpose, BucketReplicationConfigArgs.builder()
                .bucket(source.bucket().id())
                .role(role.arn())
                .rules(BucketReplicationConfigRuleArgs.builder()
                        .id("to-" + region)
                        .status("Enabled")
                        .filter(BucketReplicationConfigRuleFilterArgs.builder().prefix("").build())
                        .deleteMarkerReplication(BucketReplicationConfigRuleDeleteMarkerReplicationArgs.builder().status("Enabled").build())
                        .sourceSelectionCriteria(BucketReplicationConfigRuleSourceSelectionCriteriaArgs.builder()
                                .sseKmsEncryptedObjects(BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs.builder()
                                        .status("Enabled").build())
                                .build())
                        .destination(BucketReplicationConfigRuleDestinationArgs.builder()
                                .bucket(target.arn())
                                .storageClass("STANDARD_IA")
                                .encryptionConfiguration(BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs.builder()
                                        .replicaKmsKeyId(key.arn()).build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(owner)
                        // S3 accepts a replication rule only once both buckets are versioned; replication must not
                        // start before its role may read, write and use both keys.
                        .dependsOn(source.versioning(), target.versioning(), replicationPolicy).build());
    }

    private Created bucket(String purpose, Optional<Output<String>> kmsKey, Optional<Provider> provider) {
        String name = ResourceNames.bucket(config, purpose);
        var bucketOptions = CustomResourceOptions.builder().parent(owner).protect(production);
        var companionOptions = CustomResourceOptions.builder().parent(owner);
        provider.ifPresent(p -> {
            bucketOptions.provider(p);
            companionOptions.provider(p);
        });
        var bucket = new BucketV2(purpose, BucketV2Args.builder()
                .bucket(name)
                // Only outside production may `pulumi destroy` empty a bucket on its way out.
                .forceDestroy(!production)
                .tags(NameTag.of(name))
                .build(), bucketOptions.build());
        CustomResourceOptions same = companionOptions.build();
        new BucketOwnershipControls(purpose, BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), same);
        new BucketPublicAccessBlock(purpose, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), same);
        var versioning = new BucketVersioningV2(purpose, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs.builder()
                        .status("Enabled").build())
                .build(), same);
        var encryption = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        kmsKey.ifPresentOrElse(key -> encryption.sseAlgorithm("aws:kms").kmsMasterKeyId(key), () -> encryption.sseAlgorithm("AES256"));
        new BucketServerSideEncryptionConfigurationV2(purpose, BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(encryption.build())
                        .bucketKeyEnabled(kmsKey.isPresent())
                        .build())
                .build(), same);
        return new Created(bucket, bucket.bucket(), bucket.arn(), same, versioning);
    }

    /**
     * Always denies plain-HTTP requests. For a bucket under a KMS key it also denies uploads that ask for
     * another algorithm or another key: an upload without encryption headers gets the bucket default (that
     * key), so clients should send none; a key given by alias or bare id is refused, only the ARN matches.
     * {@code extra} adds the bucket's own statements.
     */
    private void policy(String purpose, Created bucket, Optional<Output<String>> kmsKey, List<Statement.Builder> extra) {
        String bucketArn = "arn:aws:s3:::" + ResourceNames.bucket(config, purpose);
        Output<String> document = kmsKey
                .map(key -> key.applyValue(arn -> policyDocument(bucketArn, Optional.of(arn), extra)))
                .orElseGet(() -> Output.of(policyDocument(bucketArn, Optional.empty(), extra)));
        new BucketPolicy(purpose, BucketPolicyArgs.builder()
                .bucket(bucket.bucket().id())
                .policy(document)
                .build(), bucket.companions());
    }

    private static String policyDocument(String bucketArn, Optional<String> kmsKeyArn, List<Statement.Builder> extra) {
        List<Statement.Builder> statements = new ArrayList<>();
        statements.add(Statement.deny("s3:*").sid("DenyInsecureTransport").aws("*").on(bucketArn, bucketArn + "/*")
                .when("Bool", "aws:SecureTransport", "false"));
        kmsKeyArn.ifPresent(key -> {
            statements.add(Statement.deny("s3:PutObject").sid("DenyUploadsUnderAnotherAlgorithm").aws("*").on(bucketArn + "/*")
                    .when("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption", "aws:kms"));
            statements.add(Statement.deny("s3:PutObject").sid("DenyUploadsUnderAnotherKey").aws("*").on(bucketArn + "/*")
                    .when("StringNotEqualsIfExists", "s3:x-amz-server-side-encryption-aws-kms-key-id", key));
        });
        statements.addAll(extra);
        return PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
    }

    private void lifecycle(String purpose, Created bucket, int expireAfterDays) {
        StorageConfig storage = config.storage();
        var current = BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("expire-after-" + expireAfterDays + "-days")
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(expireAfterDays).build());
        // S3 refuses an expiration that does not come after the transition in the same rule.
        if (storage.transitionToColdStorageDays() < expireAfterDays) {
            current.transitions(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                    .days(storage.transitionToColdStorageDays()).storageClass("GLACIER_IR").build());
        }
        new BucketLifecycleConfigurationV2(purpose, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.bucket().id())
                .rules(current.build(), tidyRule(storage.noncurrentVersionExpirationDays()))
                .build(), bucket.companions());
    }

    /** Removes overwritten or deleted versions after {@code noncurrentDays} and abandoned multipart uploads after 7 days. */
    private static BucketLifecycleConfigurationV2RuleArgs tidyRule(int noncurrentDays) {
        return BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("tidy-versions-and-uploads")
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(noncurrentDays).build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(7).build())
                .build();
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(owner).build();
    }
}
