package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Add-on settings checked against each pinned chart's own values.yaml and templates (issue 21). */
class AddonReleaseSettingsTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyReleaseWaitsAsLongAsItsSlowestStepNeeds(String stack) {
        Plan plan = PlannedStacks.of(stack);
        Map<String, Object> timeouts = new TreeMap<>();
        plan.ofType(RELEASE).forEach(release -> timeouts.put(release.name(), release.input("timeout")));
        assertThat(timeouts).containsOnly(
                entry("aws-load-balancer-controller", 300L), entry("cluster-autoscaler", 300L), entry("external-secrets", 600L),
                entry("metrics-server", 300L), entry("kube-prometheus-stack", 900L), entry("velero", 600L),
                entry("fluent-bit", 300L), entry("feature-api", 1200L));
        // feature-api: its migration hook alone may run 600 s (activeDeadlineSeconds in the chart), then the rollout.
        assertThat((Long) timeouts.get("feature-api")).isGreaterThan(600L + 300L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void externalSecretsElectsALeaderAmongItsTwoReplicas(String stack) {
        PlannedResource release = PlannedStacks.of(stack).one(RELEASE, "external-secrets");
        // external-secrets 2.9.0 values.yaml: leaderElect: false, replicaCount: 1.
        assertThat(release.input("values.replicaCount")).isEqualTo(2L);
        assertThat(release.input("values.leaderElect")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void metricsServerGetsEachFlagOnce(String stack) {
        PlannedResource release = PlannedStacks.of(stack).one(RELEASE, "metrics-server");
        // The chart renders defaultArgs, then args: the chart's own defaultArgs with the address types narrowed.
        assertThat(release.input("values.defaultArgs")).isEqualTo(List.of("--cert-dir=/tmp", "--kubelet-preferred-address-types=InternalIP",
                "--kubelet-use-node-status-port", "--metric-resolution=15s"));
        assertThat(release.input("values.args")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theEksControlPlaneAndKubeProxyAreNotScrapedNorAlertedOn(String stack) {
        PlannedResource release = PlannedStacks.of(stack).one(RELEASE, "kube-prometheus-stack");
        for (String component : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy")) {
            assertThat(release.input("values." + component)).as(component).isEqualTo(Map.of("enabled", false));
        }
        assertThat(release.input("values.defaultRules.rules")).isEqualTo(Map.of("etcd", false, "kubeControllerManager", false,
                "kubeSchedulerAlerting", false, "kubeSchedulerRecording", false, "kubeProxy", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theBackupsNamespaceIsPrivilegedOnlyWithVelerosNodeAgent(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource velero = plan.one(RELEASE, "velero");
        PlannedResource namespace = plan.one("kubernetes:core/v1:Namespace", "velero");
        assertThat(velero.input("values.deployNodeAgent")).isEqualTo(false);
        assertThat(((Map<?, ?>) namespace.input("metadata.labels")).get("pod-security.kubernetes.io/enforce")).isEqualTo("baseline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void prometheusScrapesOnlyTheAppsPodsAndStopsBeforeItsDiskIsFull(String stack) {
        PlannedResource release = PlannedStacks.of(stack).one(RELEASE, "kube-prometheus-stack");
        assertThat(release.input("values.prometheus.prometheusSpec.additionalScrapeConfigs.0.kubernetes_sd_configs"))
                .isEqualTo(List.of(Map.of("role", "pod", "namespaces", Map.of("names", List.of("feature-api")))));
        String volume = String.valueOf(release.input("values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage"));
        assertThat(volume).isEqualTo("50Gi");
        // 80% of the 50 GiB volume (Prometheus' GB are 1024-based).
        assertThat(release.input("values.prometheus.prometheusSpec.retentionSize")).isEqualTo("40GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAddOnsRequestWhatTheyNeedAndCapTheirMemory(String stack) {
        Plan plan = PlannedStacks.of(stack);
        Map<String, List<String>> blocks = Map.of(
                "external-secrets", List.of("values.resources", "values.webhook.resources", "values.certController.resources"),
                "velero", List.of("values.resources"),
                "kube-prometheus-stack", List.of("values.grafana.resources", "values.alertmanager.alertmanagerSpec.resources",
                        "values.prometheusOperator.resources", "values.kube-state-metrics.resources",
                        "values.prometheus-node-exporter.resources", "values.prometheus.prometheusSpec.resources"),
                "fluent-bit", List.of("values.resources"));
        blocks.forEach((name, paths) -> {
            PlannedResource release = plan.one(RELEASE, name);
            for (String path : paths) {
                assertThat(release.input(path + ".requests.cpu")).as("%s %s", name, path).isNotNull();
                assertThat(release.input(path + ".requests.memory")).as("%s %s", name, path).isNotNull();
                assertThat(release.input(path + ".limits.memory")).as("%s %s", name, path).isNotNull();
            }
        });
        // The velero chart's own suggestion (values.yaml of 12.1.0), without its CPU limit.
        assertThat(plan.one(RELEASE, "velero").input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "500m", "memory", "128Mi"), "limits", Map.of("memory", "512Mi")));
        assertThat(plan.one(RELEASE, "kube-prometheus-stack").input("values.alertmanager.alertmanagerSpec.resources.requests.memory")).isEqualTo("400Mi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void aChartBumpUpgradesThePrometheusOperatorsCrdsServerSideBeforeTheOperator(String stack) throws Exception {
        PlannedResource release = PlannedStacks.of(stack).one(RELEASE, "kube-prometheus-stack");
        Map<String, Object> job = new java.util.LinkedHashMap<>();
        job.put("enabled", true);
        job.put("forceConflicts", true);
        job.put("image", Map.of("busybox", Map.of("tag", "1.37.0")));
        job.put("resources", Map.of("requests", Map.of("cpu", "50m", "memory", "128Mi"), "limits", Map.of("memory", "512Mi")));
        job.put("podLabels", Map.of("app.kubernetes.io/component", "crds-upgrade", "app.kubernetes.io/part-of", "platform"));
        // Pod Security "restricted" as the monitoring namespace audits and warns: non-root, seccomp, no capability.
        job.put("podSecurityContext", Map.of("runAsNonRoot", true, "runAsUser", 65534L, "runAsGroup", 65534L, "fsGroup", 65534L,
                "seccompProfile", Map.of("type", "RuntimeDefault")));
        job.put("containerSecurityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL"))));
        if (stack.equals("production")) {
            job.put("nodeSelector", Map.of("workload", "monitoring"));
            job.put("tolerations", List.of(Map.of("key", "monitoring", "operator", "Equal", "value", "true", "effect", "NoSchedule")));
        }
        assertThat(release.input("values.crds")).isEqualTo(Map.of("upgradeJob", job));
        // Its hooks run unless the release turns hooks off.
        assertThat(release.input("disableWebhooks")).isNotEqualTo(true);
        assertThat(release.input("disableCRDHooks")).isNotEqualTo(true);
        assertThat(release.input("skipCrds")).isNotEqualTo(true);
        assertKeysExist(release.input("values.crds"), chartValues("kube-prometheus-stack-88.5.3-crds.yaml").get("crds"), "crds");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartValues(String file) throws Exception {
        try (InputStream in = AddonReleaseSettingsTest.class.getResourceAsStream("/chart-values/" + file)) {
            return new YAMLMapper().readValue(in, Map.class);
        }
    }

    /** Every key set exists in the chart's values.yaml, as a block where the chart has a block (else Helm ignores or breaks on it). */
    @SuppressWarnings("unchecked")
    private static void assertKeysExist(Object set, Object chart, String path) {
        assertThat(chart).as(path + " is a block in the chart's values.yaml").isInstanceOf(Map.class);
        Map<String, Object> chartBlock = (Map<String, Object>) chart;
        ((Map<?, ?>) set).forEach((key, value) -> {
            String keyPath = path + "." + key;
            assertThat(chartBlock.keySet()).as("the chart's values.yaml has " + keyPath).contains(String.valueOf(key));
            Object chartValue = chartBlock.get(String.valueOf(key));
            if (chartValue instanceof Map<?, ?> block && !block.isEmpty()) {
                assertKeysExist(value, chartValue, keyPath);
            } else {
                // An empty block (labels, resources) is free-form; a scalar or list takes the same shape.
                assertThat(value instanceof Map).as(keyPath + " has the chart's shape").isEqualTo(chartValue instanceof Map);
            }
        });
    }
}
