package com.featureapi.platform.security;

/**
 * What a customer-managed KMS key protects. One key per purpose: a key policy can then name only the
 * services that need that data, and revoking one purpose never touches another.
 */
public enum KeyPurpose {
    EKS("eks", "EKS envelope encryption of Kubernetes secrets", null),
    RDS("rds", "RDS storage, snapshots, Performance Insights and the master-password secret", "rds"),
    ELASTICACHE("elasticache", "ElastiCache data at rest and snapshots", "elasticache"),
    S3("s3", "S3 buckets (backups, Velero, access logs)", "s3"),
    LOGS("logs", "CloudWatch Logs groups (flow logs, control plane, slow logs)", null),
    EBS("ebs", "EBS volumes of the nodes and persistent volumes", "ec2"),
    SECRETS("secrets", "Secrets Manager secrets of the stack (connection info)", "secretsmanager"),
    ALERTS("alerts", "SNS alerts topic (CloudWatch alarms, budgets, cost anomalies, Alertmanager)", "sns"),
    /** Only when the stack runs the account's trail ({@code platform:monitoring.auditTrail}). */
    AUDIT("audit", "CloudTrail log files of the account's audit trail", null);

    private final String alias;
    private final String description;
    private final String viaService;

    KeyPurpose(String alias, String description, String viaService) {
        this.alias = alias;
        this.description = description;
        this.viaService = viaService;
    }

    /** The last part of {@code alias/<project>-<stack>-<purpose>}. */
    public String alias() {
        return alias;
    }

    public String description() {
        return description;
    }

    /** The service that uses the key on a caller's behalf ({@code kms:ViaService}), or null. */
    String viaService() {
        return viaService;
    }
}
