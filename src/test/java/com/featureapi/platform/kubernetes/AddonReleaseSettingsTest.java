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
        if (stack.equals("staging")) {
            // The staging fixture has the spot pool: Karpenter is a plain controller (Helm's 300 s).
            assertThat(timeouts.remove("karpenter")).isEqualTo(300L);
        }
        assertThat(timeouts).containsOnly(
                entry("aws-load-balancer-controller", 300L), entry("cluster-autoscaler", 300L), entry("external-secrets", 600L),
                entry("metrics-server", 300L), entry("kube-prometheus-stack", 900L), entry("velero", 600L),
                entry("fluent-bit", 300L), entry("external-dns", 300L), entry("feature-api", 1200L),
                entry("tempo", 300L), entry("opentelemetry-collector", 300L));
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

    /**
     * Where each remote chart takes the resources of every container it runs, read from its templates at the pinned
     * version (containers, init containers, sidecars and hook jobs; a Helm test pod and switched-off components are
     * not run). A values path ending in {@code []} is a list of containers the platform passes in. A release missing
     * here fails the test: a new chart must say where its containers' resources go.
     */
    static final Map<String, List<String>> CONTAINER_RESOURCES = Map.ofEntries(
            // aws-load-balancer-controller 3.5.0 templates/deployment.yaml: one container.
            Map.entry("aws-load-balancer-controller", List.of("values.resources")),
            // cluster-autoscaler 9.59.0 templates/deployment.yaml: one container (no initContainers set).
            Map.entry("cluster-autoscaler", List.of("values.resources")),
            // external-secrets 2.9.0: controller, webhook and cert-controller Deployments.
            Map.entry("external-secrets", List.of("values.resources", "values.webhook.resources", "values.certController.resources")),
            // metrics-server 3.13.1 templates/deployment.yaml: one container (addonResizer off).
            Map.entry("metrics-server", List.of("values.resources")),
            // kube-prometheus-stack 88.5.3: Prometheus, Alertmanager, their config-reloader sidecars and init containers
            // (operator flags --config-reloader-*, 0 when the block is empty), the operator, the admission webhook's
            // certificate jobs, the CRD upgrade job, Grafana 12.11.1 and its dashboard/datasource sidecars,
            // kube-state-metrics and node-exporter (the webhook Deployment and Thanos Ruler are off).
            Map.entry("kube-prometheus-stack", List.of("values.prometheus.prometheusSpec.resources", "values.alertmanager.alertmanagerSpec.resources",
                    "values.prometheusOperator.prometheusConfigReloader.resources", "values.prometheusOperator.resources",
                    "values.prometheusOperator.admissionWebhooks.patch.resources", "values.crds.upgradeJob.resources",
                    "values.grafana.resources", "values.grafana.sidecar.resources", "values.kube-state-metrics.resources",
                    "values.prometheus-node-exporter.resources")),
            // velero 12.1.0: the server, the plugin init containers the platform adds, the upgrade-crds hook job
            // (templates/upgrade-crds/upgrade-crds.yaml reads upgradeJobResources); node-agent is off.
            Map.entry("velero", List.of("values.resources", "values.initContainers[]", "values.upgradeJobResources")),
            // fluent-bit 0.58.1: one DaemonSet container (hotReload off).
            Map.entry("fluent-bit", List.of("values.resources")),
            // external-dns 1.21.1 templates/deployment.yaml: one container (no webhook provider, no extraContainers).
            Map.entry("external-dns", List.of("values.resources")),
            // tempo 2.2.4 templates/statefulset.yaml: the tempo container (tempoQuery off, no extra containers).
            Map.entry("tempo", List.of("values.tempo.resources")),
            // opentelemetry-collector 0.170.0 templates/_pod.tpl: one container (no initContainers or extraContainers).
            Map.entry("opentelemetry-collector", List.of("values.resources")),
            // karpenter 1.14.1 templates/deployment.yaml: one controller container (controller.resources), no sidecar.
            Map.entry("karpenter", List.of("values.controller.resources")));

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    @SuppressWarnings("unchecked")
    void everyContainerOfEveryReleaseRequestsCpuAndMemoryAndCapsItsMemory(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<PlannedResource> releases = plan.ofType(RELEASE);
        for (PlannedResource release : releases) {
            if (release.name().equals("feature-api")) {
                continue; // a local chart: its rendered objects are checked below, container by container
            }
            assertThat(CONTAINER_RESOURCES).as("where release %s takes its containers' resources", release.name()).containsKey(release.name());
            for (String path : CONTAINER_RESOURCES.get(release.name())) {
                List<Object> blocks = path.endsWith("[]")
                        ? ((List<Map<String, Object>>) release.input(path.substring(0, path.length() - 2))).stream().map(c -> c.get("resources")).toList()
                        : java.util.Collections.singletonList(release.input(path));
                assertThat(blocks).as("%s %s", release.name(), path).isNotEmpty();
                blocks.forEach(block -> assertRequestsAndMemoryLimit(block, release.name() + " " + path));
            }
        }
        // Every workload object in the plan (the app chart's rendered Deployment and hook Job, the dump CronJob).
        List<String> workloads = List.of("kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet",
                "kubernetes:batch/v1:Job", "kubernetes:batch/v1:CronJob");
        List<PlannedResource> objects = plan.where(r -> workloads.contains(r.type()));
        assertThat(objects).extracting(PlannedResource::type).contains("kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:CronJob");
        for (PlannedResource object : objects) {
            Object podSpec = object.type().endsWith("CronJob") ? object.input("spec.jobTemplate.spec.template.spec") : object.input("spec.template.spec");
            Map<String, Object> spec = (Map<String, Object>) podSpec;
            for (String list : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : (List<Map<String, Object>>) spec.getOrDefault(list, List.of())) {
                    assertRequestsAndMemoryLimit(container.get("resources"), object.name() + " " + list + " " + container.get("name"));
                }
            }
        }
        PlannedResource lbc = plan.one(RELEASE, "aws-load-balancer-controller");
        assertThat(lbc.input("values.resources")).isEqualTo(Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi"), "limits", Map.of("memory", "256Mi")));
        assertThat(plan.one(RELEASE, "metrics-server").input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "100m", "memory", "200Mi"), "limits", Map.of("memory", "400Mi")));
        // The velero chart's own suggestion (values.yaml of 12.1.0), without its CPU limit.
        assertThat(plan.one(RELEASE, "velero").input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "500m", "memory", "128Mi"), "limits", Map.of("memory", "512Mi")));
        assertThat(plan.one(RELEASE, "kube-prometheus-stack").input("values.alertmanager.alertmanagerSpec.resources.requests.memory")).isEqualTo("400Mi");
        assertThat(plan.one(RELEASE, "kube-prometheus-stack").input("values.prometheusOperator.prometheusConfigReloader.resources"))
                .isEqualTo(Map.of("requests", Map.of("cpu", "20m", "memory", "50Mi"), "limits", Map.of("memory", "100Mi")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theClusterAutoscalerRequestsWhatItsChartSuggests(String stack) {
        // Both fixture stacks let the autoscaler own the node groups' size (platform:cluster.autoscalerOwnsDesiredSize).
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.one(RELEASE, "cluster-autoscaler").input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "100m", "memory", "300Mi"), "limits", Map.of("memory", "600Mi")));
    }

    @SuppressWarnings("unchecked")
    private static void assertRequestsAndMemoryLimit(Object block, String where) {
        assertThat(block).as("%s: resources", where).isInstanceOf(Map.class);
        Map<String, Object> resources = (Map<String, Object>) block;
        assertThat((Map<String, Object>) resources.get("requests")).as("%s: requests", where).isNotNull().containsKeys("cpu", "memory");
        assertThat((Map<String, Object>) resources.get("limits")).as("%s: limits", where).isNotNull().containsKey("memory");
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
