package com.featureapi.platform.naming;

import com.featureapi.platform.config.PlatformConfig;

/**
 * Physical names that more than one tier must agree on, derived from the config alone so that a tier can
 * scope a policy to a resource that another tier creates later (no lookups, no cycles).
 */
public final class ResourceNames {

    private ResourceNames() {
    }

    /** The EKS cluster: {@code <project>-<stack>}. */
    public static String cluster(PlatformConfig config) {
        return config.namePrefix();
    }

    /**
     * Karpenter's interruption queue: named after the cluster, as Karpenter's docs (and its CloudFormation template)
     * name it, so the controller's policy and {@code settings.interruptionQueue} can name it before it exists.
     */
    public static String karpenterInterruptionQueue(PlatformConfig config) {
        return cluster(config);
    }

    /** The tag key Karpenter's EC2NodeClass discovers subnets and security groups by (as Karpenter's docs tag them). */
    public static final String KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";

    /**
     * Tags of the subnets and the security group the spot pool's nodes use: {@code karpenter.sh/discovery=<cluster>}
     * with the pool on, none without it (nothing else reads the tag).
     */
    public static java.util.Map<String, String> karpenterDiscoveryTags(PlatformConfig config) {
        return config.cluster().spotPool().enabled() ? java.util.Map.of(KARPENTER_DISCOVERY_TAG, cluster(config)) : java.util.Map.of();
    }

    public static String karpenterInterruptionQueueArn(PlatformConfig config) {
        return "arn:aws:sqs:" + config.region() + ":" + config.accountId() + ":" + karpenterInterruptionQueue(config);
    }

    public static String clusterArn(PlatformConfig config) {
        return "arn:aws:eks:" + config.region() + ":" + config.accountId() + ":cluster/" + cluster(config);
    }

    /** A bucket name, globally unique through the account id: {@code <project>-<stack>-<purpose>-<account>}. */
    public static String bucket(PlatformConfig config, String purpose) {
        return config.namePrefix() + "-" + purpose + "-" + config.accountId();
    }

    /** The VPC flow-log group; the network creates it and the security tier scopes the delivery role to it. */
    public static String flowLogGroup(String namePrefix) {
        return "/aws/vpc/" + namePrefix + "/flow-logs";
    }

    /** The web ACL's log group: WAF accepts only CloudWatch Logs groups whose name starts with {@code aws-waf-logs-}. */
    public static String webAclLogGroup(PlatformConfig config) {
        return "aws-waf-logs-" + config.namePrefix();
    }

    public static String logGroupArn(PlatformConfig config, String logGroupName) {
        return "arn:aws:logs:" + config.region() + ":" + config.accountId() + ":log-group:" + logGroupName;
    }

    /** Prefix of every Secrets Manager secret of the stack: {@code <project>/<stack>/}. */
    public static String secretsPrefix(PlatformConfig config) {
        return config.project() + "/" + config.stack() + "/";
    }

    public static String secretArnPattern(PlatformConfig config, String pathUnderPrefix) {
        return "arn:aws:secretsmanager:" + config.region() + ":" + config.accountId() + ":secret:"
                + secretsPrefix(config) + pathUnderPrefix;
    }

    /** The RDS instance identifier, {@code <project>-<stack>-postgres}. */
    public static String databaseInstance(PlatformConfig config) {
        return config.namePrefix() + "-postgres";
    }

    /** The PostgreSQL user the application logs in as with IAM authentication. */
    public static final String DATABASE_APP_USER = "feature_api";

    /** The Redis replication group id. */
    public static String cacheReplicationGroup(PlatformConfig config) {
        return config.namePrefix() + "-redis";
    }

    /** The ElastiCache user id of the application (IAM authentication). */
    public static String cacheAppUser(PlatformConfig config) {
        return config.namePrefix() + "-feature-api";
    }

    public static String accountRoot(PlatformConfig config) {
        return "arn:aws:iam::" + config.accountId() + ":root";
    }

    /** The SNS topic of alerts that wait for working hours: Alertmanager's warnings, CloudWatch alarms, budgets, cost anomalies. */
    public static String alertsTopic(PlatformConfig config) {
        return config.namePrefix() + "-alerts";
    }

    public static String alertsTopicArn(PlatformConfig config) {
        return topicArn(config, alertsTopic(config));
    }

    /** The SNS topic that pages: Alertmanager's critical alerts and the alarm on a missing alerting heartbeat. */
    public static String onCallTopic(PlatformConfig config) {
        return config.namePrefix() + "-oncall";
    }

    public static String onCallTopicArn(PlatformConfig config) {
        return topicArn(config, onCallTopic(config));
    }

    /** The SNS topic only Alertmanager's always-firing Watchdog publishes to; a CloudWatch alarm watches its publishes. */
    public static String heartbeatTopic(PlatformConfig config) {
        return config.namePrefix() + "-alerting-heartbeat";
    }

    public static String heartbeatTopicArn(PlatformConfig config) {
        return topicArn(config, heartbeatTopic(config));
    }

    private static String topicArn(PlatformConfig config, String topic) {
        return "arn:aws:sns:" + config.region() + ":" + config.accountId() + ":" + topic;
    }

    /** The CloudTrail trail of the account, when the stack runs one. */
    public static String auditTrail(PlatformConfig config) {
        return config.namePrefix() + "-audit";
    }

    public static String auditTrailArn(PlatformConfig config) {
        return "arn:aws:cloudtrail:" + config.region() + ":" + config.accountId() + ":trail/" + auditTrail(config);
    }

    /**
     * A log group of the cluster's workloads that Fluent Bit writes to: {@code containers} (every pod's stdout and
     * stderr) or {@code kubelet} (the kubelet's journal on every node).
     */
    public static String workloadLogGroup(PlatformConfig config, String stream) {
        return "/aws/eks/" + cluster(config) + "/workloads/" + stream;
    }

    /** The PostgreSQL user the logical backup logs in as with IAM authentication (read-only, see docs/operations.md). */
    public static final String DATABASE_BACKUP_USER = "platform_backup";

    /** Purpose of the bucket Grafana Tempo keeps its trace blocks in ({@link #bucket}). */
    public static final String TRACES_BUCKET = "traces";

    /** Key prefix of the logical database dumps in the backups bucket. */
    public static final String DATABASE_DUMP_PREFIX = "database/";
}
