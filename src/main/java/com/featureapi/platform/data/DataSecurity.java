package com.featureapi.platform.data;

import com.pulumi.core.Output;

/**
 * What the data tier takes from the security tier.
 *
 * @param rdsKeyArn               key of the database storage, snapshots, Performance Insights and master secret
 * @param cacheKeyArn             key of the cache data at rest
 * @param s3KeyArn                key of the buckets
 * @param logsKeyArn              key of the cache slow-log group
 * @param secretsKeyArn           key of the connection-info secrets
 * @param databaseSecurityGroupId group of the database (5432 from the nodes)
 * @param cacheSecurityGroupId    group of the cache (6379 from the nodes)
 * @param rdsMonitoringRoleArn    role of RDS enhanced monitoring
 */
public record DataSecurity(
        Output<String> rdsKeyArn,
        Output<String> cacheKeyArn,
        Output<String> s3KeyArn,
        Output<String> logsKeyArn,
        Output<String> secretsKeyArn,
        Output<String> databaseSecurityGroupId,
        Output<String> cacheSecurityGroupId,
        Output<String> rdsMonitoringRoleArn) {
}
