package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.Tiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes side of the observability tier, read from the shared plans of both stacks. */
class InClusterObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String CRON_JOB = "kubernetes:batch/v1:CronJob";

    private static PlannedResource release(Plan plan, String name) {
        return plan.one(RELEASE, name);
    }

    @Test
    void prometheusKeepsEachStacksRetentionOnAGp3VolumeWithSeed002Resources() {
        for (var stack : Map.of("production", "30d", "staging", "15d").entrySet()) {
            PlannedResource release = release(PlannedStacks.of(stack.getKey()), "kube-prometheus-stack");
            assertThat(release.input("chart")).isEqualTo("kube-prometheus-stack");
            assertThat(release.input("version")).isEqualTo("88.5.3");
            assertThat(release.input("namespace")).isEqualTo("monitoring");
            assertThat(release.input("values.prometheus.prometheusSpec.retention")).isEqualTo(stack.getValue());
            assertThat(release.input("values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec")).isEqualTo(Map.of(
                    "storageClassName", "gp3", "accessModes", List.of("ReadWriteOnce"), "resources", Map.of("requests", Map.of("storage", "50Gi"))));
            assertThat(release.input("values.prometheus.prometheusSpec.resources")).isEqualTo(Map.of(
                    "requests", Map.of("memory", "2Gi", "cpu", "1000m"), "limits", Map.of("memory", "4Gi", "cpu", "2000m")));
            assertThat(release.input("values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage")).isEqualTo("5Gi");
            assertThat(release.input("values.prometheus.prometheusSpec.additionalScrapeConfigs.0.job_name")).isEqualTo("feature-api");
        }
    }

    @Test
    void onlyProductionRunsMonitoringOnTheTaintedNodeGroup() {
        Map<String, String> selector = Map.of("workload", "monitoring");
        List<Map<String, String>> tolerations = List.of(Map.of("key", "monitoring", "operator", "Equal", "value", "true", "effect", "NoSchedule"));
        PlannedResource production = release(PlannedStacks.of("production"), "kube-prometheus-stack");
        for (String component : List.of("prometheus.prometheusSpec", "alertmanager.alertmanagerSpec", "grafana", "prometheusOperator", "kube-state-metrics")) {
            assertThat(production.input("values." + component + ".nodeSelector")).as(component).isEqualTo(selector);
            assertThat(production.input("values." + component + ".tolerations")).as(component).isEqualTo(tolerations);
        }
        PlannedResource staging = release(PlannedStacks.of("staging"), "kube-prometheus-stack");
        assertThat(JSON.valueToTree(staging.input("values")).toString()).doesNotContain("tolerations").doesNotContain("nodeSelector");
        assertThat(PlannedStacks.of("staging").where(r -> r.type().equals("aws:eks/nodeGroup:NodeGroup") && r.name().contains("monitoring"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void noPasswordOrKeyInAnyValuesAndGrafanaReadsItsAdminFromAnExternalSecret(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource release : plan.ofType(RELEASE)) {
            String values = JSON.valueToTree(release.input("values")).toString().toLowerCase();
            assertThat(values).as(release.name()).doesNotContain("adminpassword").doesNotContain("secret_key").doesNotContain("access_key")
                    .doesNotContain("aws_secret").doesNotContain("webhook_url");
        }
        PlannedResource kps = release(plan, "kube-prometheus-stack");
        assertThat(kps.input("values.grafana.admin")).isEqualTo(Map.of("existingSecret", "grafana-admin", "userKey", "admin-user", "passwordKey", "admin-password"));
        PlannedResource external = plan.one("kubernetes:external-secrets.io/v1:ExternalSecret", "grafana-admin");
        assertThat(external.input("spec.dataFrom.0.sourceRef.generatorRef.kind")).isEqualTo("Password");
        assertThat(kps.dependencies()).contains(external.urn());
        PlannedResource dashboard = plan.one("kubernetes:core/v1:ConfigMap", "feature-api-dashboard");
        assertThat(dashboard.input("metadata.labels.grafana_dashboard")).isEqualTo("1");
        assertThat(((Map<?, ?>) dashboard.input("data")).get("feature-api.json").toString()).contains("\"title\": \"Feature API - Application Metrics\"");
        assertThat(kps.input("values.grafana.sidecar.dashboards.label")).isEqualTo("grafana_dashboard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void alertmanagerSendsWarningsToTheAlertsTopicThroughItsPodIdentityRole(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource kps = release(plan, "kube-prometheus-stack");
        String topic = "arn:aws:sns:us-east-1:" + PlannedStacks.account(stack) + ":platform-" + stack + "-alerts";
        assertThat(kps.input("values.alertmanager.config.route.receiver")).isEqualTo("warning");
        assertThat(kps.input("values.alertmanager.config.receivers.3.sns_configs.0.topic_arn")).isEqualTo(topic);
        assertThat(kps.input("values.alertmanager.serviceAccount.name")).isEqualTo("alertmanager");
        PlannedResource association = plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "alertmanager");
        assertThat(association.input("namespace")).isEqualTo("monitoring");
        assertThat(association.input("serviceAccount")).isEqualTo("alertmanager");
        // The role's whole policy, by value: AlertRoutingTest.
        assertThat(new Tiers(plan).of(kps)).isEqualTo("observability");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void veleroBacksUpAppAndMonitoringDailyAtTwoForThirtyDaysWithSnapshots(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource velero = release(plan, "velero");
        assertThat(velero.input("version")).isEqualTo("12.1.0");
        assertThat(velero.input("namespace")).isEqualTo("velero");
        assertThat(velero.input("values.schedules.daily.schedule")).isEqualTo("0 2 * * *");
        assertThat(velero.input("values.schedules.daily.template.ttl")).isEqualTo("720h0m0s");
        assertThat(velero.input("values.schedules.daily.template.includedNamespaces")).isEqualTo(List.of("feature-api", "monitoring"));
        assertThat(velero.input("values.schedules.daily.template.snapshotVolumes")).isEqualTo(true);
        assertThat(velero.input("values.initContainers.0.image")).isEqualTo("velero/velero-plugin-for-aws:v1.14.0");
        assertThat(velero.input("values.configuration.backupStorageLocation.0.bucket"))
                .isEqualTo("platform-" + stack + "-velero-" + PlannedStacks.account(stack));
        assertThat(velero.input("values.credentials.useSecret")).isEqualTo(false);
        assertThat(velero.input("values.serviceAccount.server.name")).isEqualTo("velero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theLogicalBackupIsAHardenedNightlyCronJobWithItsOwnRole(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource job = plan.one(CRON_JOB, "database-dump");
        assertThat(job.input("metadata.namespace")).isEqualTo("velero");
        assertThat(job.input("spec.schedule")).isEqualTo("30 4 * * *");
        assertThat(job.input("spec.concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(job.input("spec.jobTemplate.spec.template.spec.serviceAccountName")).isEqualTo("database-backup");
        assertThat(job.input("spec.jobTemplate.spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        for (String containers : List.of("initContainers.0", "initContainers.1", "containers.0")) {
            assertThat(job.input("spec.jobTemplate.spec.template.spec." + containers + ".securityContext")).as(containers).isEqualTo(Map.of(
                    "allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "runAsNonRoot", true, "runAsUser", 70L, "runAsGroup", 70L,
                    "capabilities", Map.of("drop", List.of("ALL")), "seccompProfile", Map.of("type", "RuntimeDefault")));
        }
        assertThat(job.input("spec.jobTemplate.spec.template.spec.initContainers.1.image")).isEqualTo("postgres:17-alpine");
        assertThat((String) job.input("spec.jobTemplate.spec.template.spec.containers.0.command.2"))
                .contains("s3://platform-" + stack + "-backups-" + PlannedStacks.account(stack) + "/database/");
        String policy = (String) plan.one("aws:iam/rolePolicy:RolePolicy", "database-backup").input("policy");
        // Its pods (selected by the Job template's labels) accept nothing and reach only DNS, PostgreSQL, the Pod Identity agent and HTTPS.
        PlannedResource networkPolicy = plan.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "database-dump");
        assertThat(networkPolicy.input("metadata.namespace")).isEqualTo("velero");
        assertThat(networkPolicy.input("spec.podSelector.matchLabels")).isEqualTo(
                Map.of("app.kubernetes.io/name", "database-dump", "app.kubernetes.io/instance", "database-dump"));
        assertThat((Map<?, ?>) job.input("spec.jobTemplate.spec.template.metadata.labels"))
                .containsAllEntriesOf((Map) networkPolicy.input("spec.podSelector.matchLabels"));
        assertThat(networkPolicy.input("spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        assertThat(networkPolicy.input("spec.ingress")).isNull();
        assertThat(networkPolicy.input("spec.egress")).isEqualTo(List.of(
                Map.of("to", List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")))),
                        "ports", List.of(Map.of("protocol", "UDP", "port", 53L), Map.of("protocol", "TCP", "port", 53L))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "10.0.100.0/24")), Map.of("ipBlock", Map.of("cidr", "10.0.200.0/24")),
                                Map.of("ipBlock", Map.of("cidr", "10.0.201.0/24"))),
                        "ports", List.of(Map.of("protocol", "TCP", "port", 5432L))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "169.254.170.23/32"))), "ports", List.of(Map.of("protocol", "TCP", "port", 80L))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))), "ports", List.of(Map.of("protocol", "TCP", "port", 443L)))));
        assertThat(job.dependencies()).contains(networkPolicy.urn());
        assertThat(policy).contains("dbuser:*/platform_backup",
                "arn:aws:s3:::platform-" + stack + "-backups-" + PlannedStacks.account(stack) + "/database/*").doesNotContain("s3:GetObject");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void fluentBitShipsContainerAndKubeletLogsToEncryptedGroupsItAloneWrites(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (String stream : List.of("containers", "kubelet")) {
            PlannedResource group = plan.one("aws:cloudwatch/logGroup:LogGroup", "workload-logs-" + stream);
            assertThat(group.input("name")).isEqualTo("/aws/eks/platform-" + stack + "/workloads/" + stream);
            assertThat(group.input("retentionInDays")).isEqualTo(stack.equals("production") ? 365L : 30L);
            assertThat(group.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "logs"));
        }
        PlannedResource fluentBit = release(plan, "fluent-bit");
        assertThat(fluentBit.input("version")).isEqualTo("0.58.1");
        assertThat(fluentBit.input("values.serviceAccount.name")).isEqualTo("fluent-bit");
        assertThat((String) fluentBit.input("values.config.outputs")).contains("log_group_name /aws/eks/platform-" + stack + "/workloads/containers",
                "log_group_name /aws/eks/platform-" + stack + "/workloads/kubelet", "auto_create_group Off");
        assertThat((String) fluentBit.input("values.config.inputs")).contains("Systemd_Filter _SYSTEMD_UNIT=kubelet.service");
        String policy = (String) plan.one("aws:iam/rolePolicy:RolePolicy", "fluent-bit").input("policy");
        assertThat(policy).contains("log-group:/aws/eks/platform-" + stack + "/workloads/containers:*").doesNotContain("CreateLogGroup");
    }
}
