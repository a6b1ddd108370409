package com.featureapi.platform.config;

/**
 * {@code platform:monitoring}: kube-prometheus-stack sizing.
 *
 * @param prometheusRetentionDays days of metrics Prometheus keeps, 1 to 365
 * @param prometheusStorageGiB    size of Prometheus' gp3 volume, 10 to 16384 GiB
 */
public record MonitoringConfig(int prometheusRetentionDays, int prometheusStorageGiB) {

    static MonitoringConfig read(ConfigNode node) {
        int retention = node.integer("prometheusRetentionDays", 15, 1, 365);
        int storage = node.integer("prometheusStorageGiB", 50, 10, 16384);
        node.rejectUnknownKeys();
        return new MonitoringConfig(retention, storage);
    }
}
