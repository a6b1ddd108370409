package com.featureapi.platform.observability;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.kubernetes.Workloads;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * What the observability tier takes from the tiers below it.
 *
 * @param config                  the validated stack config
 * @param alertsKeyArn            the security tier's key of the alerts topic
 * @param auditKeyArn             the security tier's key of the audit trail, present when the stack runs the trail
 * @param databaseIdentifier      the data tier's RDS instance identifier
 * @param cacheReplicationGroupId the data tier's Redis replication group id
 * @param accessLogBucket         the data tier's access-log bucket, where the audit-trail bucket's access is logged
 * @param cluster                 what the Kubernetes side needs from the tiers below
 */
public record ObservabilityArgs(
        PlatformConfig config,
        Output<String> alertsKeyArn,
        Optional<Output<String>> auditKeyArn,
        Output<String> databaseIdentifier,
        Output<String> cacheReplicationGroupId,
        Output<String> accessLogBucket,
        InCluster cluster) {

    /**
     * @param workloads        the Kubernetes tier: provider, namespaces, StorageClass
     * @param logsKeyArn       key of the workload log groups
     * @param s3KeyArn         key of the backup buckets
     * @param veleroBucket     the data tier's Velero bucket
     * @param backupsBucket    the data tier's backups bucket
     * @param tracesBucket     the data tier's traces bucket, where Tempo keeps its blocks
     * @param databaseAddress  the database endpoint the logical backup dumps
     * @param databasePort     its port
     * @param databaseName     the database to dump
     */
    public record InCluster(
            Workloads workloads,
            Output<String> logsKeyArn,
            Output<String> s3KeyArn,
            Output<String> veleroBucket,
            Output<String> backupsBucket,
            Output<String> tracesBucket,
            Output<String> databaseAddress,
            Output<Integer> databasePort,
            String databaseName) {
    }
}
