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

import java.util.ArrayList;
import java.util.List;

/**
 * KMS keys in the replica region: a key never leaves its region, so copies of backups need their own,
 * administered by the account and usable only through the service that writes the copy.
 */
final class ReplicaKeys {

    private ReplicaKeys() {
    }

    static Key create(String name, String service, String replicaRegion, PlatformConfig config, CustomResourceOptions options) {
        String root = ResourceNames.accountRoot(config);
        List<Statement.Builder> statements = new ArrayList<>();
        statements.add(KeyPolicies.accountAdministers(root));
        statements.addAll(KeyPolicies.useOnlyThrough(root, config.accountId(), service.substring(0, 1).toUpperCase() + service.substring(1),
                service + "." + replicaRegion + ".amazonaws.com"));
        String policy = PolicyDocument.of(statements.toArray(Statement.Builder[]::new)).toJson();
        return new Key(name, KeyArgs.builder()
                .description(config.namePrefix() + ": " + service + " backup copies in " + replicaRegion)
                .enableKeyRotation(true)
                .deletionWindowInDays(config.security().kmsDeletionWindowDays())
                .policy(policy)
                .tags(NameTag.of(config.namePrefix() + "-" + name))
                .build(), options);
    }
}
