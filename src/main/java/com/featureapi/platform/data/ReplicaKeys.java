package com.featureapi.platform.data;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.KeyPolicies;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.resources.CustomResourceOptions;

/**
 * KMS keys in the replica region: a key never leaves its region, so copies of backups need their own,
 * administered by the account and usable only through the service that writes the copy.
 */
final class ReplicaKeys {

    private ReplicaKeys() {
    }

    static Key create(String name, String service, String replicaRegion, PlatformConfig config, CustomResourceOptions options) {
        String root = ResourceNames.accountRoot(config);
        String policy = PolicyDocument.of(
                KeyPolicies.accountAdministers(root),
                Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant")
                        .sid("UseThrough" + service).aws(root).on("*").inResourcePolicy()
                        .when("StringEquals", "kms:ViaService", service + "." + replicaRegion + ".amazonaws.com")
                        .when("StringEquals", "kms:CallerAccount", config.accountId())).toJson();
        return new Key(name, KeyArgs.builder()
                .description(config.namePrefix() + ": " + service + " backup copies in " + replicaRegion)
                .enableKeyRotation(true)
                .deletionWindowInDays(config.security().kmsDeletionWindowDays())
                .policy(policy)
                .tags(NameTag.of(config.namePrefix() + "-" + name))
                .build(), options);
    }
}
