package com.featureapi.platform.review;

import java.util.Map;
import java.util.Optional;

/**
 * The stack setting a person edits to clear a policy verdict, where one governs it: a verdict names the resource
 * input ({@code retentionInDays}), the fix is a key of {@code Pulumi.<stack>.yaml}
 * ({@code platform:network.flowLogRetentionDays}). Policies that no setting governs (the program's own wiring)
 * have none; the review then says to change the program.
 */
public final class PolicyConfigKeys {

    private static final Map<String, String> BY_POLICY = Map.ofEntries(
            Map.entry("nat-gateway-per-az", "platform:network.natGateways"),
            Map.entry("single-nat-outside-production", "platform:network.natGateways"),
            Map.entry("subnet-no-public-ip-on-launch", "platform:network.subnets"),
            Map.entry("database-subnets-no-internet-route", "platform:network.subnets.database"),
            Map.entry("kms-deletion-window", "platform:security.kmsDeletionWindowDays"),
            Map.entry("eks-endpoint-private", "platform:cluster.endpointPublicAccessCidrs"),
            Map.entry("eks-supported-version", "platform:cluster.kubernetesVersion"),
            Map.entry("nodegroup-min-size", "platform:cluster.nodeGroups[].minSize"),
            Map.entry("nodegroup-multi-az", "platform:network.availabilityZones"),
            Map.entry("approved-instance-types", "platform:cluster.nodeGroups[].instanceTypes, platform:database.instanceClass, platform:cache.nodeType"),
            Map.entry("spot-outside-production", "platform:cluster.nodeGroups[].capacityType"),
            Map.entry("rds-multi-az", "platform:database.multiAz"),
            Map.entry("rds-backup-retention", "platform:database.backupRetentionDays"),
            Map.entry("rds-deletion-protection", "platform:environment"),
            Map.entry("rds-final-snapshot", "platform:environment"),
            Map.entry("rds-auto-minor-upgrade", "platform:database.autoMinorVersionUpgrade"),
            Map.entry("rds-engine-version-supported", "platform:database.engineVersion"),
            Map.entry("rds-approved-class", "platform:database.instanceClass"),
            Map.entry("elasticache-multi-az", "platform:cache.numCacheClusters"),
            Map.entry("elasticache-snapshot-retention", "platform:cache.snapshotRetentionDays"),
            Map.entry("elasticache-final-snapshot", "platform:environment"),
            Map.entry("stateful-resources-protected", "platform:environment"),
            Map.entry("s3-replication", "platform:storage.replicaRegion"),
            Map.entry("s3-noncurrent-expiry", "platform:storage.noncurrentVersionExpirationDays"),
            Map.entry("s3-expiry-outside-production", "platform:storage.backupRetentionDays"),
            Map.entry("log-group-retention-audit-logs", "platform:network.flowLogRetentionDays, platform:cluster.logRetentionDays"),
            Map.entry("secret-recovery-window", "platform:environment"),
            Map.entry("required-tags", "platform:tags"),
            Map.entry("stack-has-cost-tags", "platform:tags"),
            Map.entry("approved-region", "aws:region, platform:accountId"),
            Map.entry("k8s-no-latest-image", "platform:app.image.tag"),
            Map.entry("k8s-image-digest", "platform:app.image.tag"),
            Map.entry("k8s-approved-registries", "platform:app.image.repository"),
            Map.entry("k8s-resource-requests", "platform:app.resources.requests"),
            Map.entry("k8s-resource-limits", "platform:app.resources.limits"),
            Map.entry("k8s-min-replicas", "platform:app.minReplicas"),
            Map.entry("k8s-hpa-present", "platform:app.minReplicas, platform:app.maxReplicas"),
            Map.entry("k8s-ingress-https", "platform:app.certificateArn, platform:app.hostname"),
            Map.entry("helm-monitoring-retention", "platform:monitoring.prometheusRetentionDays, platform:monitoring.prometheusStorageGiB"));

    private PolicyConfigKeys() {
    }

    /**
     * The key for a verdict of {@code policy} on the resource at {@code address}; log retention depends on whose
     * log group it is.
     */
    public static Optional<String> of(String policy, String address) {
        if (policy.equals("log-group-retention")) {
            String name = address.substring(address.lastIndexOf("::") + 2).toLowerCase(java.util.Locale.ROOT);
            if (name.contains("flow")) {
                return Optional.of("platform:network.flowLogRetentionDays");
            }
            if (name.contains("cluster") || name.contains("eks")) {
                return Optional.of("platform:cluster.logRetentionDays");
            }
            if (name.contains("postgres") || name.contains("database")) {
                return Optional.of("platform:database.logRetentionDays");
            }
            if (name.contains("redis") || name.contains("cache") || name.contains("slow")) {
                return Optional.of("platform:cache.slowLogRetentionDays");
            }
            return Optional.of("platform:monitoring.logRetentionDays");
        }
        return Optional.ofNullable(BY_POLICY.get(policy));
    }
}
