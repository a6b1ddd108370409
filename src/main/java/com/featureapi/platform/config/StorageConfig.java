package com.featureapi.platform.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code platform:storage}: the S3 buckets (database dumps, Velero backups, access logs).
 *
 * @param backupRetentionDays             days a backup object is kept, 1 to 3650 (production: at least 30)
 * @param noncurrentVersionExpirationDays days an overwritten or deleted version is kept, 1 to 3650
 * @param transitionToColdStorageDays     age at which backups move to a colder storage class, at least 30
 * @param replicaRegion                   region that receives copies of the database's automated backups and of the
 *                                        backups bucket, different from {@code aws:region}; required in production
 */
public record StorageConfig(
        int backupRetentionDays,
        int noncurrentVersionExpirationDays,
        int transitionToColdStorageDays,
        Optional<String> replicaRegion) {

    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    static StorageConfig read(ConfigNode node, Environment environment, String region) {
        ConfigProblems problems = node.problems();
        int retention = node.integer("backupRetentionDays", environment.isProduction() ? 30 : 14, 1, 3650);
        if (environment.isProduction() && retention < 30) {
            problems.add(node.keyPath("backupRetentionDays"), Integer.toString(retention), "production keeps backups at least 30 days (seed 002 compliance)");
        }
        int noncurrent = node.integer("noncurrentVersionExpirationDays", 30, 1, 3650);
        int transition = node.integer("transitionToColdStorageDays", 30, 30, 3650);
        Optional<String> replica = node.optionalString("replicaRegion");
        if (environment.isProduction() && replica.isEmpty()) {
            // Without it production would silently lose its cross-region copies of backups.
            problems.add(node.keyPath("replicaRegion"), null,
                    "production copies its backups to a second region (seed 002: us-west-2); set replicaRegion: us-west-2");
        }
        replica.ifPresent(r -> {
            if (!REGION.matcher(r).matches()) {
                problems.add(node.keyPath("replicaRegion"), r, "is not an AWS region name such as us-west-2");
            } else if (r.equals(region)) {
                problems.add(node.keyPath("replicaRegion"), r, "must differ from aws:region; a replica in the same region does not survive a regional outage");
            }
        });
        node.rejectUnknownKeys();
        return new StorageConfig(retention, noncurrent, transition, replica);
    }
}
