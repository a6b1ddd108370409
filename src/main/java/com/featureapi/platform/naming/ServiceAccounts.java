package com.featureapi.platform.naming;

/**
 * The Kubernetes service accounts of the observability tier (and of external-dns) that assume an AWS role through EKS Pod Identity.
 * The security tier scopes each role's trust to exactly this namespace and name, and the observability tier
 * creates the workloads under the same names: one source of truth, so they cannot drift apart.
 */
public final class ServiceAccounts {

    /** Namespace of the monitoring stack (kube-prometheus-stack and Fluent Bit). */
    public static final String MONITORING_NAMESPACE = "monitoring";
    /** Namespace of the backups: Velero and the logical database backup. */
    public static final String BACKUPS_NAMESPACE = "velero";

    /** Namespace of external-dns, alone: Pod Security "restricted", as the chart's pod runs. */
    public static final String DNS_NAMESPACE = "external-dns";

    /** external-dns, writing the record of platform:app.hostname into the stack's hosted zone. */
    public static final Account EXTERNAL_DNS = new Account("external-dns", DNS_NAMESPACE, "external-dns");
    /** Fluent Bit, writing to the workload log groups. */
    public static final Account FLUENT_BIT = new Account("fluent-bit", MONITORING_NAMESPACE, "fluent-bit");
    /** Alertmanager, publishing to the alerts topic. */
    public static final Account ALERTMANAGER = new Account("alertmanager", MONITORING_NAMESPACE, "alertmanager");
    /** Grafana Tempo, writing and reading trace blocks in the traces bucket. */
    public static final Account TEMPO = new Account("tempo", MONITORING_NAMESPACE, "tempo");
    /** Grafana, reading CloudWatch Logs and metrics for its CloudWatch datasource. */
    public static final Account GRAFANA = new Account("grafana", MONITORING_NAMESPACE, "grafana");
    /** The logical backup CronJob: IAM authentication to the database, uploads to the backups bucket. */
    public static final Account DATABASE_BACKUP = new Account("database-backup", BACKUPS_NAMESPACE, "database-backup");

    /**
     * The Karpenter controller (chart karpenter 1.14.1 in kube-system, as Karpenter's docs install it; the chart names
     * its service account after the release).
     */
    public static final Account KARPENTER = new Account("karpenter", "kube-system", "karpenter");

    private ServiceAccounts() {
    }

    /**
     * @param role      name of the IAM role in the security tier (and of its Pod Identity association)
     * @param namespace the namespace the service account lives in
     * @param name      the service account
     */
    public record Account(String role, String namespace, String name) {
    }
}
