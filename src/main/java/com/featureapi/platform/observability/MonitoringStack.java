package com.featureapi.platform.observability;

import com.featureapi.platform.config.MonitoringConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.kubernetes.Charts;
import com.featureapi.platform.kubernetes.KubernetesObject;
import com.featureapi.platform.kubernetes.Workloads;
import com.featureapi.platform.naming.ServiceAccounts;
import com.featureapi.platform.naming.TracingEndpoints;
import com.featureapi.platform.observability.rules.PlatformRules;
import com.featureapi.platform.observability.rules.RuleGroup;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-prometheus-stack (Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter) in the monitoring
 * namespace, the platform's SLO and alert rules as a PrometheusRule, Grafana's admin password generated and kept
 * in a Secret by External Secrets, and seed 002's dashboard from {@code dashboards/feature-api.json}.
 */
final class MonitoringStack {

    static final String RELEASE = "kube-prometheus-stack";
    /** Names of the chart's objects: Services {@code kube-prometheus-prometheus}, {@code kube-prometheus-alertmanager}. */
    static final String FULLNAME = "kube-prometheus";
    static final String DASHBOARD_RESOURCE = "/dashboards/feature-api.json";
    static final String GRAFANA_ADMIN_SECRET = "grafana-admin";
    static final String TEMPO_DATASOURCE_UID = "tempo";
    static final String CLOUDWATCH_DATASOURCE_UID = "cloudwatch";
    /** Rules of kube-prometheus-stack that {@link PlatformRules} replaces, so nothing pages twice. */
    static final List<String> REPLACED_DEFAULT_RULES = List.of(
            "KubePodCrashLooping", "KubeHpaMaxedOut", "KubeNodeNotReady", "KubePersistentVolumeFillingUp");

    /** kube-prometheus-stack 88.5.3's scrape jobs of components that an EKS cluster does not expose to Prometheus. */
    static final List<String> UNSCRAPABLE_COMPONENTS = List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy");
    /** Its rule groups (defaultRules.rules) about those components. */
    static final List<String> UNSCRAPABLE_RULE_GROUPS = List.of(
            "etcd", "kubeControllerManager", "kubeSchedulerAlerting", "kubeSchedulerRecording", "kubeProxy");

    /**
     * The busybox image of the chart's CRD upgrade job (it unpacks the CRDs the chart ships): the chart's default is
     * {@code latest}, so a pinned tag (busybox 1.37.0, docker.io official image).
     */
    static final String CRD_UPGRADE_BUSYBOX_TAG = "1.37.0";
    /** The CRD upgrade job's pod labels (the chart gives its pods no labels of its own): its NetworkPolicy selects them. */
    static final Map<String, String> CRD_UPGRADE_POD_LABELS = Map.of("app.kubernetes.io/component", "crds-upgrade",
            "app.kubernetes.io/part-of", "platform");

    private final Release release;

    /**
     * Where Alertmanager sends: warnings to the alerts topic, critical alerts to the on-call topic, the Watchdog heartbeat
     * to its own topic.
     */
    record AlertTopics(Output<String> alerts, Output<String> onCall, Output<String> heartbeat) {
    }

    /** Alertmanager's receivers by name. */
    static final String WARNING_RECEIVER = "warning";
    static final String CRITICAL_RECEIVER = "critical";
    static final String HEARTBEAT_RECEIVER = "heartbeat";
    static final String BLACKHOLE_RECEIVER = "blackhole";

    MonitoringStack(PlatformConfig config, Workloads workloads, AlertTopics topics, Resource parent) {
        String namespace = Workloads.MONITORING_NAMESPACE;
        var inCluster = CustomResourceOptions.builder().parent(parent).provider(workloads.provider())
                .dependsOn(workloads.monitoringNamespace()).build();
        Placement placement = Placement.monitoring(config);

        // Generated once by External Secrets in the cluster: the password is in no values, no state, no file.
        // Both objects wait for the External Secrets release: on a fresh cluster their CRDs and the chart's admission
        // webhook (failurePolicy Fail) exist only once it is installed and its pods are ready.
        var afterExternalSecrets = CustomResourceOptions.merge(inCluster,
                CustomResourceOptions.builder().dependsOn(workloads.externalSecretsRelease()).build());
        var generator = new KubernetesObject("grafana-admin-password", new KubernetesObject.Args(
                "generators.external-secrets.io/v1alpha1", "Password",
                Map.of("name", "grafana-admin-password", "namespace", namespace),
                Output.of(Map.of("length", 32, "digits", 5, "symbols", 0, "noUpper", false, "allowRepeat", true))), afterExternalSecrets);
        var adminSecret = new KubernetesObject(GRAFANA_ADMIN_SECRET, new KubernetesObject.Args("external-secrets.io/v1", "ExternalSecret",
                Map.of("name", GRAFANA_ADMIN_SECRET, "namespace", namespace),
                Output.of(grafanaAdminSecretSpec())),
                CustomResourceOptions.merge(afterExternalSecrets, CustomResourceOptions.builder()
                        .dependsOn(workloads.externalSecretsRelease(), generator).build()));

        var dashboard = new ConfigMap("feature-api-dashboard", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("feature-api-dashboard").namespace(namespace)
                        .labels(Map.of("grafana_dashboard", "1", "app.kubernetes.io/part-of", "platform")).build())
                .data(Map.of("feature-api.json", dashboardJson()))
                .build(), inCluster);

        Output<Map<String, Object>> values = Output.tuple(topics.alerts(), topics.onCall(), topics.heartbeat())
                .applyValue(t -> values(config, placement, new TopicArns(t.t1, t.t2, t.t3)));
        this.release = Releases.of(RELEASE, Charts.KUBE_PROMETHEUS_STACK, namespace, values, parent, workloads.provider(),
                Releases.after(workloads.networkPolicies(namespace), workloads.monitoringNamespace(), workloads.storageClass(), adminSecret,
                        dashboard, workloads.podIdentityAssociation(ServiceAccounts.ALERTMANAGER.role()),
                        workloads.podIdentityAssociation(ServiceAccounts.GRAFANA.role())));

        // The PrometheusRule CRD comes with the release.
        new KubernetesObject("platform-rules", new KubernetesObject.Args("monitoring.coreos.com/v1", "PrometheusRule",
                Map.of("name", "platform-rules", "namespace", namespace,
                        "labels", Map.of("release", RELEASE, "app.kubernetes.io/part-of", "platform")),
                Output.of(Map.of("groups", rules(config).groups().stream().map(RuleGroup::toGroup).toList()))),
                CustomResourceOptions.merge(inCluster, CustomResourceOptions.builder().dependsOn(release).build()));
    }

    Release release() {
        return release;
    }

    static PlatformRules rules(PlatformConfig config) {
        return new PlatformRules("feature-api", config.app().namespace(), Workloads.MONITORING_NAMESPACE,
                FULLNAME + "-prometheus", FULLNAME + "-alertmanager");
    }

    private static Map<String, Object> grafanaAdminSecretSpec() {
        Map<String, Object> template = Map.of("engineVersion", "v2", "data", Map.of(
                "admin-user", "admin", "admin-password", "{{ .password }}"));
        Map<String, Object> spec = new LinkedHashMap<>();
        // "0": generated once, never rotated under a running Grafana.
        spec.put("refreshInterval", "0");
        spec.put("target", Map.of("name", GRAFANA_ADMIN_SECRET, "creationPolicy", "Owner", "template", template));
        spec.put("dataFrom", List.of(Map.of("sourceRef", Map.of("generatorRef", Map.of(
                "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", "grafana-admin-password")))));
        return spec;
    }

    /** Requests of CPU and memory, a memory limit and no CPU limit (throttling an add-on helps nobody). */
    static Map<String, Object> resources(String cpuRequest, String memoryRequest, String memoryLimit) {
        return Map.of("requests", Map.of("cpu", cpuRequest, "memory", memoryRequest), "limits", Map.of("memory", memoryLimit));
    }

    /** 80% of the volume in Prometheus' unit (GB, powers of 1024 in its TSDB), rounded down. */
    static String retentionSizeGB(int volumeGiB) {
        return (volumeGiB * 8 / 10) + "GB";
    }

    static String dashboardJson() {
        try (InputStream in = MonitoringStack.class.getResourceAsStream(DASHBOARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DASHBOARD_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three topics' ARNs, known. */
    record TopicArns(String alerts, String onCall, String heartbeat) {
    }

    static Map<String, Object> values(PlatformConfig config, Placement placement, TopicArns topics) {
        MonitoringConfig monitoring = config.monitoring();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fullnameOverride", FULLNAME);
        values.put("crds", Map.of("upgradeJob", crdUpgradeJob(placement)));
        Map<String, Object> disabled = new LinkedHashMap<>();
        REPLACED_DEFAULT_RULES.forEach(rule -> disabled.put(rule, true));
        // EKS runs the control plane: Prometheus cannot scrape its controller-manager, scheduler or etcd, whose rules
        // would fire critical "down" alerts forever. kube-proxy, an EKS add-on, binds its metrics to 127.0.0.1:10249
        // (the add-on owns its config, aws/containers-roadmap#657), so it cannot be scraped either.
        Map<String, Object> unscrapableRules = new LinkedHashMap<>();
        for (String group : UNSCRAPABLE_RULE_GROUPS) {
            unscrapableRules.put(group, false);
        }
        values.put("defaultRules", Map.of("disabled", disabled, "rules", unscrapableRules));
        for (String component : UNSCRAPABLE_COMPONENTS) {
            values.put(component, Map.of("enabled", false));
        }

        Map<String, Object> prometheusSpec = new LinkedHashMap<>();
        prometheusSpec.put("retention", monitoring.prometheusRetentionDays() + "d");
        // A size limit below the volume: Prometheus drops the oldest blocks before the disk fills (the WAL and the
        // block being compacted need the rest). Growing the volume is the operator's resize procedure
        // (docs/operations.md), not a values change: a StatefulSet's claim template never resizes a bound claim.
        prometheusSpec.put("retentionSize", retentionSizeGB(monitoring.prometheusStorageGiB()));
        // Seed 002's requests and limits.
        prometheusSpec.put("resources", Map.of("requests", Map.of("memory", "2Gi", "cpu", "1000m"),
                "limits", Map.of("memory", "4Gi", "cpu", "2000m")));
        prometheusSpec.put("storageSpec", Map.of("volumeClaimTemplate", Map.of("spec", Map.of(
                "storageClassName", Workloads.STORAGE_CLASS, "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", monitoring.prometheusStorageGiB() + "Gi"))))));
        // Select every rule and monitor of the cluster, not only those labelled for this release.
        prometheusSpec.put("ruleSelectorNilUsesHelmValues", false);
        prometheusSpec.put("serviceMonitorSelectorNilUsesHelmValues", false);
        prometheusSpec.put("podMonitorSelectorNilUsesHelmValues", false);
        prometheusSpec.put("additionalScrapeConfigs", List.of(featureApiScrapeConfig(config.app().namespace())));
        prometheusSpec.putAll(placement.values());
        values.put("prometheus", Map.of("prometheusSpec", prometheusSpec));

        Map<String, Object> alertmanagerSpec = new LinkedHashMap<>();
        alertmanagerSpec.put("storage", Map.of("volumeClaimTemplate", Map.of("spec", Map.of(
                "storageClassName", Workloads.STORAGE_CLASS, "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", monitoring.alertmanagerStorageGiB() + "Gi"))))));
        // kube-prometheus-stack 88.5.3 values.yaml suggests a 400Mi request for Alertmanager.
        alertmanagerSpec.put("resources", resources("50m", "400Mi", "512Mi"));
        alertmanagerSpec.putAll(placement.values());
        Map<String, Object> alertmanager = new LinkedHashMap<>();
        // The Pod Identity association names this service account (ServiceAccounts.ALERTMANAGER).
        alertmanager.put("serviceAccount", Map.of("create", true, "name", ServiceAccounts.ALERTMANAGER.name()));
        alertmanager.put("alertmanagerSpec", alertmanagerSpec);
        alertmanager.put("config", alertmanagerConfig(config, topics));
        values.put("alertmanager", alertmanager);

        Map<String, Object> grafana = new LinkedHashMap<>();
        grafana.put("admin", Map.of("existingSecret", GRAFANA_ADMIN_SECRET, "userKey", "admin-user", "passwordKey", "admin-password"));
        // The Pod Identity association names this service account (ServiceAccounts.GRAFANA): the CloudWatch
        // datasource's "default" authentication finds the role's credentials that EKS injects.
        grafana.put("serviceAccount", Map.of("create", true, "name", ServiceAccounts.GRAFANA.name()));
        grafana.put("additionalDataSources", grafanaDataSources(config));
        grafana.put("sidecar", Map.of("dashboards", Map.of("enabled", true, "label", "grafana_dashboard", "labelValue", "1",
                "searchNamespace", Workloads.MONITORING_NAMESPACE),
                // The dashboards and datasources sidecars share this block; grafana 12.11.1's suggestion is 50m/50Mi, 100Mi.
                "resources", resources("50m", "50Mi", "100Mi")));
        // The grafana chart's suggested 100m/128Mi, with room for the dashboard sidecar's reloads.
        grafana.put("resources", resources("100m", "128Mi", "256Mi"));
        grafana.putAll(placement.values());
        values.put("grafana", grafana);
        Map<String, Object> operator = new LinkedHashMap<>(placement.values());
        // kube-prometheus-stack 88.5.3 values.yaml's suggestion: requests 100m/100Mi, limits 200m/200Mi (no CPU limit here).
        operator.put("resources", resources("100m", "100Mi", "200Mi"));
        // The config-reloader sidecar (and init container) of Prometheus and Alertmanager: with this block empty the chart
        // passes --config-reloader-*-request=0 to the operator, so they ran with no requests. 88.5.3 suggests 200m/50Mi
        // for requests and limits; it only watches files, so less CPU, and twice the memory against an OOM restart loop.
        operator.put("prometheusConfigReloader", Map.of("resources", resources("20m", "50Mi", "100Mi")));
        // The certificate job of the admission webhook (kube-webhook-certgen, a pre-install/upgrade hook): empty in 88.5.3.
        operator.put("admissionWebhooks", Map.of("patch", Map.of("resources", resources("10m", "32Mi", "128Mi"))));
        values.put("prometheusOperator", operator);
        Map<String, Object> kubeStateMetrics = new LinkedHashMap<>(placement.values());
        kubeStateMetrics.put("resources", resources("10m", "64Mi", "256Mi"));
        values.put("kube-state-metrics", kubeStateMetrics);
        values.put("prometheus-node-exporter", Map.of("resources", resources("10m", "32Mi", "64Mi")));
        return values;
    }

    /**
     * Helm installs the CRDs of a chart's {@code crds/} folder on the first install only and never upgrades them, so a
     * chart bump would run a new operator against old CRDs. kube-prometheus-stack 88.5.3 ships a job for that
     * ({@code crds.upgradeJob}, "preview, off by default" in its values.yaml): pre-install, pre-upgrade and pre-rollback
     * hooks (ClusterRole limited to the chart's CRDs by name, weight -5; ServiceAccount -4; binding -3; the CRDs as a
     * bzip2 ConfigMap -2; the Job 5) that {@code kubectl apply --server-side --force-conflicts} the chart's CRDs before
     * the operator and everything else of the release is upgraded. Helm waits for the hooks within the release's
     * timeout, and a failed job fails (and, the release being atomic, rolls back) the upgrade.
     * Its pod runs restricted (non-root 65534, seccomp, no capability, read-only root: the chart's defaults, set here
     * explicitly so a changed default cannot loosen them); kubectl's image tag is the chart's default, the cluster's
     * own version, and busybox is pinned instead of the chart's {@code latest}.
     */
    static Map<String, Object> crdUpgradeJob(Placement placement) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("enabled", true);
        // Take over fields that Helm's first install owns, or the apply of a changed schema conflicts.
        job.put("forceConflicts", true);
        job.put("image", Map.of("busybox", Map.of("tag", CRD_UPGRADE_BUSYBOX_TAG)));
        // kubectl parses the 4.5 MB of CRDs of 88.5.3 (crds.bz2 unpacked) in memory; busybox shares the same block.
        job.put("resources", resources("50m", "128Mi", "512Mi"));
        job.put("podLabels", CRD_UPGRADE_POD_LABELS);
        job.put("podSecurityContext", Map.of("runAsNonRoot", true, "runAsUser", 65534, "runAsGroup", 65534, "fsGroup", 65534,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        job.put("containerSecurityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        job.putAll(placement.values());
        return job;
    }

    /**
     * Tempo (the traces the collector exports) and CloudWatch (this stack's log groups through Logs Insights, and
     * CloudWatch metrics), provisioned read-only beside the chart's Prometheus and Alertmanager datasources.
     */
    static List<Map<String, Object>> grafanaDataSources(PlatformConfig config) {
        Map<String, Object> tempo = new LinkedHashMap<>();
        tempo.put("name", "Tempo");
        tempo.put("uid", TEMPO_DATASOURCE_UID);
        tempo.put("type", "tempo");
        tempo.put("access", "proxy");
        tempo.put("url", TracingEndpoints.tempoHttp());
        tempo.put("editable", false);
        Map<String, Object> cloudWatch = new LinkedHashMap<>();
        cloudWatch.put("name", "CloudWatch");
        cloudWatch.put("uid", CLOUDWATCH_DATASOURCE_UID);
        cloudWatch.put("type", "cloudwatch");
        cloudWatch.put("access", "proxy");
        cloudWatch.put("editable", false);
        // "default": the AWS SDK's credential chain, which reads the Pod Identity credentials; no keys anywhere.
        cloudWatch.put("jsonData", Map.of("authType", "default", "defaultRegion", config.region()));
        return List.of(tempo, cloudWatch);
    }

    /**
     * Seed 002's scrape job for pods annotated {@code prometheus.io/scrape}, limited to the app's namespace: the seed's
     * job discovered every annotated pod of the cluster (Velero's among them) under job "feature-api", which the SLO
     * rules read.
     */
    static Map<String, Object> featureApiScrapeConfig(String appNamespace) {
        return Map.of("job_name", "feature-api",
                "kubernetes_sd_configs", List.of(Map.of("role", "pod", "namespaces", Map.of("names", List.of(appNamespace)))),
                "relabel_configs", List.of(
                        Map.of("source_labels", List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"), "action", "keep", "regex", "true"),
                        Map.of("source_labels", List.of("__meta_kubernetes_pod_annotation_prometheus_io_path"), "action", "replace",
                                "target_label", "__metrics_path__", "regex", "(.+)"),
                        Map.of("source_labels", List.of("__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"), "action", "replace",
                                "regex", "([^:]+)(?::\\d+)?;(\\d+)", "replacement", "$1:$2", "target_label", "__address__"),
                        Map.of("action", "labelmap", "regex", "__meta_kubernetes_pod_label_(.+)"),
                        Map.of("source_labels", List.of("__meta_kubernetes_namespace"), "action", "replace", "target_label", "kubernetes_namespace"),
                        Map.of("source_labels", List.of("__meta_kubernetes_pod_name"), "action", "replace", "target_label", "kubernetes_pod_name")));
    }

    /**
     * Severities routed apart, each through SNS with the Pod Identity credentials of Alertmanager's service account (no
     * key, no webhook secret in the values):
     * <ul>
     *   <li>{@code Watchdog} (always firing while Prometheus evaluates rules and Alertmanager sends) to the heartbeat
     *       topic every minute: the dead man's switch ({@link AlertingHeartbeat} pages when it stops);</li>
     *   <li>{@code info} and {@code none} (kube-prometheus-stack's informational alerts and its InfoInhibitor) nowhere;</li>
     *   <li>{@code critical} to the on-call topic, repeated every hour while it fires;</li>
     *   <li>{@code warning}, and anything without a known severity, to the alerts topic, repeated every 4 hours.</li>
     * </ul>
     * The inhibit rules are the chart's own (a critical alert mutes the warning of the same name and namespace), set here
     * so that this config is the whole of it.
     */
    static Map<String, Object> alertmanagerConfig(PlatformConfig config, TopicArns topics) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", WARNING_RECEIVER);
        route.put("group_by", List.of("alertname", "namespace"));
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", List.of(
                Map.of("matchers", List.of("alertname = \"Watchdog\""), "receiver", HEARTBEAT_RECEIVER,
                        "group_wait", "0s", "group_interval", "1m", "repeat_interval", "1m"),
                Map.of("matchers", List.of("severity =~ \"info|none\""), "receiver", BLACKHOLE_RECEIVER),
                Map.of("matchers", List.of("severity = \"critical\""), "receiver", CRITICAL_RECEIVER, "repeat_interval", "1h"),
                Map.of("matchers", List.of("severity = \"warning\""), "receiver", WARNING_RECEIVER, "repeat_interval", "4h")));
        List<Map<String, Object>> inhibitRules = List.of(
                Map.of("source_matchers", List.of("severity = \"critical\""), "target_matchers", List.of("severity =~ \"warning|info\""),
                        "equal", List.of("namespace", "alertname")),
                Map.of("source_matchers", List.of("severity = \"warning\""), "target_matchers", List.of("severity = \"info\""),
                        "equal", List.of("namespace", "alertname")));
        Map<String, Object> alertmanager = new LinkedHashMap<>();
        alertmanager.put("route", route);
        alertmanager.put("inhibit_rules", inhibitRules);
        alertmanager.put("receivers", List.of(
                Map.of("name", BLACKHOLE_RECEIVER),
                Map.of("name", HEARTBEAT_RECEIVER, "sns_configs", List.of(sns(config, topics.heartbeat(), "[HEARTBEAT] Watchdog", false))),
                Map.of("name", CRITICAL_RECEIVER, "sns_configs", List.of(sns(config, topics.onCall(), "[{{ .Status | toUpper }}] [CRITICAL] {{ .CommonLabels.alertname }}", true))),
                Map.of("name", WARNING_RECEIVER, "sns_configs", List.of(sns(config, topics.alerts(), "[{{ .Status | toUpper }}] [WARNING] {{ .CommonLabels.alertname }}", true)))));
        return alertmanager;
    }

    private static Map<String, Object> sns(PlatformConfig config, String topicArn, String subject, boolean sendResolved) {
        Map<String, Object> sns = new LinkedHashMap<>();
        sns.put("topic_arn", topicArn);
        sns.put("sigv4", Map.of("region", config.region()));
        sns.put("subject", subject + " (" + config.namePrefix() + ")");
        sns.put("send_resolved", sendResolved);
        return sns;
    }
}
