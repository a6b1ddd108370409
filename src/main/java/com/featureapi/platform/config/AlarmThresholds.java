package com.featureapi.platform.config;

/**
 * {@code platform:monitoring.alarms}: thresholds of the CloudWatch alarms on the database and the cache. Each
 * alarm fires after three consecutive five-minute periods past its threshold, so a short spike never pages.
 *
 * @param databaseCpuPercent         RDS {@code CPUUtilization} average above this, 1 to 100 (default 80)
 * @param databaseFreeStorageGiB     RDS {@code FreeStorageSpace} below this, 1 to 65536 GiB (default 10): storage
 *                                   autoscaling grows the volume before it is full, this catches it when it cannot
 * @param databaseFreeableMemoryMiB  RDS {@code FreeableMemory} below this, 64 to 1048576 MiB (default 512)
 * @param databaseConnections        RDS {@code DatabaseConnections} above this, 1 to 100000 (default 400)
 * @param cacheEngineCpuPercent      Redis {@code EngineCPUUtilization} (the single Redis thread) above this, 1 to 100
 *                                   (default 80)
 * @param cacheMemoryPercent         Redis {@code DatabaseMemoryUsagePercentage} above this, 1 to 100 (default 80)
 * @param cacheEvictions             Redis {@code Evictions} per five minutes above this, 0 to 1000000 (default 100)
 * @param cacheReplicationLagSeconds Redis {@code ReplicationLag} of a replica above this, 1 to 3600 s (default 30);
 *                                   only where the group has replicas
 */
public record AlarmThresholds(
        int databaseCpuPercent,
        int databaseFreeStorageGiB,
        int databaseFreeableMemoryMiB,
        int databaseConnections,
        int cacheEngineCpuPercent,
        int cacheMemoryPercent,
        int cacheEvictions,
        int cacheReplicationLagSeconds) {

    static AlarmThresholds read(ConfigNode node) {
        var thresholds = new AlarmThresholds(
                node.integer("databaseCpuPercent", 80, 1, 100),
                node.integer("databaseFreeStorageGiB", 10, 1, 65536),
                node.integer("databaseFreeableMemoryMiB", 512, 64, 1_048_576),
                node.integer("databaseConnections", 400, 1, 100_000),
                node.integer("cacheEngineCpuPercent", 80, 1, 100),
                node.integer("cacheMemoryPercent", 80, 1, 100),
                node.integer("cacheEvictions", 100, 0, 1_000_000),
                node.integer("cacheReplicationLagSeconds", 30, 1, 3600));
        node.rejectUnknownKeys();
        return thresholds;
    }
}
