package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** charts/feature-api rendered by Helm with each stack's release values (from the shared plan of that stack). */
class FeatureApiChartTest {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ServiceAccount", ServiceAccount.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "Ingress", Ingress.class, "Job", Job.class, "ConfigMap", ConfigMap.class);

    private static Deployment deployment(String stack) {
        return RenderedChart.typed(stack, "Deployment", "feature-api", Deployment.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyRenderedManifestParsesStrictlyIntoItsTypedModel(String stack) {
        List<PlannedResource> objects = RenderedChart.objects(stack);
        assertThat(objects).hasSize(13);
        for (PlannedResource object : objects) {
            String kind = String.valueOf(object.inputs().get("kind"));
            if (kind.equals("ExternalSecret")) {
                RenderedChart.JSON.convertValue(object.inputs(), ExternalSecretModel.class);
            } else {
                assertThat(MODELS).as("a typed model for " + kind).containsKey(kind);
                StrictKubernetesModel.parse(object.inputs(), MODELS.get(kind));
            }
        }
    }

    @Test
    void aMisspeltFieldFailsTheStrictParse() {
        Map<String, Object> manifest = new java.util.HashMap<>(RenderedChart.manifest("staging", "Service", "feature-api"));
        Map<String, Object> spec = new java.util.HashMap<>((Map<String, Object>) manifest.get("spec"));
        spec.put("clusterIp", "None");
        manifest.put("spec", spec);
        assertThatThrownBy(() -> StrictKubernetesModel.parse(manifest, Service.class))
                .hasMessage("Service has fields the Kubernetes API does not know: [.spec.clusterIp]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theApiRunsHardenedAsSeed002Says(String stack) {
        PodSpec pod = deployment(stack).getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("feature-api");
        // Pod Identity needs the projected service-account token.
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container api = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(api.getImage()).isEqualTo("ghcr.io/example/feature-api:1.0.0");
        assertThat(api.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(api.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(api.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(api.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(api.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(api.getSecurityContext().getCapabilities().getAdd()).isEmpty();
        assertThat(api.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        // /tmp is the only writable place; the app's own secrets are read-only files (AppSecretsTest).
        assertThat(api.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
                .containsExactly("tmp:/tmp:null", "app-secrets:/var/run/secrets/feature-api:true");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("tmp", "app-secrets");
        assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(api.getPorts()).extracting(p -> p.getName(), p -> p.getContainerPort()).containsExactly(tuple("http", 3000));
        assertThat(api.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains("NODE_ENV=" + stack, "PORT=3000",
                // Seed 000's level per environment: the fixture stacks set none.
                "LOG_LEVEL=" + (stack.equals("production") ? "WARN" : "INFO"));
        assertThat(api.getEnvFrom()).extracting(e -> e.getSecretRef().getName()).containsExactly("feature-api-database", "feature-api-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void probesScrapingAndSpreadAcrossZonesAndNodes(String stack) {
        Deployment deployment = deployment(stack);
        Container api = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(api.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(api.getLivenessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(api.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(api.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(api.getStartupProbe().getFailureThreshold() * api.getStartupProbe().getPeriodSeconds()).isEqualTo(300);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "prometheus.io/scrape", "true", "prometheus.io/port", "3000", "prometheus.io/path", "/metrics"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .extracting(c -> c.getTopologyKey(), c -> c.getMaxSkew())
                .containsExactly(tuple("topology.kubernetes.io/zone", 1), tuple("kubernetes.io/hostname", 1));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
    }

    @Test
    void resourcesAndReplicasFollowEachStacksConfig() {
        Container staging = deployment("staging").getSpec().getTemplate().getSpec().getContainers().get(0);
        Container production = deployment("production").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(staging.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")));
        assertThat(staging.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")));
        assertThat(production.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")));
        assertThat(production.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")));
        // The HPA owns the count: a rendered one would reset it on every upgrade (helm/helm#7090).
        assertThat(deployment("staging").getSpec().getReplicas()).isNull();
        assertThat(deployment("production").getSpec().getReplicas()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void hpaScalesOnCpuAndMemoryWithSeed002Behaviour(String stack) {
        HorizontalPodAutoscaler hpa = RenderedChart.typed(stack, "HorizontalPodAutoscaler", "feature-api", HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("feature-api");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(stack.equals("production") ? 3 : 2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(stack.equals("production") ? 10 : 6);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName(), m -> m.getResource().getTarget().getAverageUtilization())
                .containsExactly(tuple("cpu", 70), tuple("memory", 80));
        var behavior = hpa.getSpec().getBehavior();
        assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(behavior.getScaleDown().getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Percent", 50, 60));
        assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isEqualTo(0);
        assertThat(behavior.getScaleUp().getPolicies()).extracting(HPAScalingPolicy::getType, HPAScalingPolicy::getValue, HPAScalingPolicy::getPeriodSeconds)
                .containsExactly(tuple("Percent", 100, 15), tuple("Pods", 2, 60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void pdbKeepsOnePodThroughDrains(String stack) {
        PodDisruptionBudget pdb = RenderedChart.typed(stack, "PodDisruptionBudget", "feature-api", PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment(stack).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void networkPolicyAdmitsOnlyTheLoadBalancerSubnetsAndMonitoring() {
        NetworkPolicy staging = RenderedChart.typed("staging", "NetworkPolicy", "feature-api", NetworkPolicy.class);
        NetworkPolicy production = RenderedChart.typed("production", "NetworkPolicy", "feature-api", NetworkPolicy.class);
        assertThat(staging.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        // Staging's ALB is internal, in its own load-balancer subnets (not the pods' private ones); production's is
        // internet-facing (public subnets).
        assertThat(staging.getSpec().getIngress().get(0).getFrom()).extracting(p -> p.getIpBlock().getCidr())
                .containsExactly("10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24");
        assertThat(production.getSpec().getIngress().get(0).getFrom()).extracting(p -> p.getIpBlock().getCidr())
                .containsExactly("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24");
        assertThat(staging.getSpec().getIngress().get(1).getFrom()).extracting(p -> p.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.of("kubernetes.io/metadata.name", "monitoring"));
        assertThat(staging.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts())
                .extracting(NetworkPolicyPort::getPort).containsExactly(new IntOrString(3000)));
        assertThat(staging.getSpec().getPodSelector().getMatchLabels()).isEqualTo(deployment("staging").getSpec().getSelector().getMatchLabels());
    }

    @Test
    void networkPolicySendsOnlyDnsDataSpansHttpsAndPodIdentityTraffic() {
        NetworkPolicy policy = RenderedChart.typed("staging", "NetworkPolicy", "feature-api", NetworkPolicy.class);
        var egress = policy.getSpec().getEgress();
        assertThat(egress).hasSize(5);
        assertThat(egress.get(0).getTo()).extracting(NetworkPolicyPeer::getPodSelector).extracting(s -> s.getMatchLabels())
                .containsExactly(Map.of("k8s-app", "kube-dns"));
        assertThat(egress.get(0).getPorts()).extracting(NetworkPolicyPort::getProtocol, p -> p.getPort().getIntVal())
                .containsExactly(tuple("UDP", 53), tuple("TCP", 53));
        assertThat(egress.get(1).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.0.100.0/24", "10.0.200.0/24", "10.0.201.0/24");
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5432, 6379);
        // Spans: only the collector's pods in the monitoring namespace, only its OTLP/HTTP port.
        assertThat(egress.get(2).getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of(
                    "app.kubernetes.io/name", "opentelemetry-collector", "app.kubernetes.io/instance", "opentelemetry-collector"));
        });
        assertThat(egress.get(2).getPorts()).extracting(NetworkPolicyPort::getProtocol, p -> p.getPort().getIntVal())
                .containsExactly(tuple("TCP", 4318));
        assertThat(egress.get(3).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("169.254.170.23/32");
        assertThat(egress.get(3).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(80);
        assertThat(egress.get(4).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("0.0.0.0/0");
        assertThat(egress.get(4).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAppSendsSpansToThePlatformsCollectorUnderItsServiceName(String stack) {
        Container api = deployment(stack).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        api.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        assertThat(env).containsEntry("OTEL_SERVICE_NAME", "feature-api")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://opentelemetry-collector.monitoring.svc.cluster.local:4318")
                .containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .containsEntry("OTEL_TRACES_EXPORTER", "otlp")
                .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + stack + ",service.namespace=feature-api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAlbAddsHstsAndTheSecurityHeadersToEveryResponse(String stack) {
        Map<String, String> annotations = RenderedChart.typed(stack, "Ingress", "feature-api", Ingress.class).getMetadata().getAnnotations();
        // Each key=value pair as the load balancer controller 3.5.0 splits it (on commas, then on the first "="), and the
        // listener attributes ELB takes (ListenerAttribute, routing.http.response.*).
        assertThat(annotations.get("alb.ingress.kubernetes.io/listener-attributes.HTTPS-443").split(",")).containsExactly(
                "routing.http.response.strict_transport_security.header_value=max-age=31536000; includeSubDomains",
                "routing.http.response.content_security_policy.header_value=default-src 'none'; frame-ancestors 'none'",
                "routing.http.response.x_content_type_options.header_value=nosniff",
                "routing.http.response.x_frame_options.header_value=DENY",
                "routing.http.response.server.enabled=false");
        assertThat(annotations).containsEntry("alb.ingress.kubernetes.io/listener-attributes.HTTP-80", "routing.http.response.server.enabled=false");
    }

    @Test
    void ingressIsAnHttpsAlbWithRedirectTlsPolicyAndAccessLogs() {
        Ingress staging = RenderedChart.typed("staging", "Ingress", "feature-api", Ingress.class);
        Ingress production = RenderedChart.typed("production", "Ingress", "feature-api", Ingress.class);
        Map<String, String> annotations = staging.getMetadata().getAnnotations();
        assertThat(staging.getSpec().getIngressClassName()).isEqualTo("alb");
        assertThat(annotations).containsEntry("alb.ingress.kubernetes.io/scheme", "internal")
                .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
                .containsEntry("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]")
                .containsEntry("alb.ingress.kubernetes.io/ssl-redirect", "443")
                .containsEntry("alb.ingress.kubernetes.io/certificate-arn",
                        "arn:aws:acm:us-east-1:111111111111:certificate/5f1b0c3e-2a4d-4c6b-9e8f-0a1b2c3d4e5f")
                .containsEntry("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
                .containsEntry("alb.ingress.kubernetes.io/load-balancer-attributes",
                        "access_logs.s3.enabled=true,access_logs.s3.bucket=platform-staging-access-logs-111111111111,"
                                + "access_logs.s3.prefix=alb/feature-api,routing.http.drop_invalid_header_fields.enabled=true,"
                                + "deletion_protection.enabled=false");
        assertThat(production.getMetadata().getAnnotations()).containsEntry("alb.ingress.kubernetes.io/scheme", "internet-facing");
        assertThat(production.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/load-balancer-attributes"))
                .endsWith("deletion_protection.enabled=true");
        assertThat(production.getSpec().getRules()).extracting(r -> r.getHost()).containsExactly("api.example.com");
        assertThat(staging.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).containsExactly("api.staging.example.com"));
        assertThat(staging.getSpec().getRules().get(0).getHttp().getPaths()).singleElement().satisfies(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo("feature-api");
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        });
    }

    @Test
    void theServiceAccountIsTheOneThePodIdentityAssociationNamesAndMountsNoToken() {
        ServiceAccount account = RenderedChart.typed("staging", "ServiceAccount", "feature-api", ServiceAccount.class);
        assertThat(account.getMetadata().getNamespace()).isEqualTo("feature-api");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        Service service = RenderedChart.typed("staging", "Service", "feature-api", Service.class);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort(), p -> p.getTargetPort())
                .containsExactly(tuple(80, new IntOrString("http")));
    }

    @Test
    void externalSecretsTurnTheConnectionInfoIntoTheAppsEnvironment() {
        ExternalSecretModel database = RenderedChart.JSON.convertValue(RenderedChart.manifest("staging", "ExternalSecret", "feature-api-database"), ExternalSecretModel.class);
        assertThat(database.spec().secretStoreRef()).isEqualTo(new ExternalSecretModel.SecretStoreRef("ClusterSecretStore", "aws-secrets-manager"));
        assertThat(database.spec().dataFrom()).extracting(d -> d.extract().key()).containsExactly("platform/staging/feature-api/database");
        assertThat(database.spec().target().name()).isEqualTo("feature-api-database");
        assertThat(database.spec().target().template().data()).containsEntry("DATABASE_URL",
                "postgresql://{{ .username }}@{{ .host }}:{{ .port }}/{{ .dbname }}?sslmode={{ .sslmode }}");
        ExternalSecretModel cache = RenderedChart.JSON.convertValue(RenderedChart.manifest("production", "ExternalSecret", "feature-api-cache"), ExternalSecretModel.class);
        assertThat(cache.spec().dataFrom()).extracting(d -> d.extract().key()).containsExactly("platform/production/feature-api/cache");
        assertThat(cache.spec().target().template().data()).containsEntry("REDIS_URL", "rediss://{{ .username }}@{{ .host }}:{{ .port }}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theMigrationHookRunsBeforeInstallAndUpgradeHardenedWithTheMasterSecret(String stack) {
        Job job = RenderedChart.typed(stack, "Job", "feature-api-migrations", Job.class);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-weight", "0").containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container psql = pod.getContainers().get(0);
        // A client of the server's major version (platform:database.engineVersion).
        assertThat(psql.getImage()).isEqualTo("postgres:17-alpine");
        assertThat(psql.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(psql.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(psql.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(psql.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(psql.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(psql.getCommand()).containsExactly("psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-f", "/migrations/create-app-user.sql");
        assertThat(psql.getEnvFrom()).extracting(e -> e.getSecretRef().getName()).containsExactly("feature-api-db-master");
        assertThat(psql.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains("PGDATABASE=features", "PGPORT=5432", "PGSSLMODE=require");

        ExternalSecretModel master = RenderedChart.JSON.convertValue(RenderedChart.manifest(stack, "ExternalSecret", "feature-api-db-master"), ExternalSecretModel.class);
        assertThat(master.metadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade").containsEntry("helm.sh/hook-weight", "-10");
        assertThat(master.spec().data()).extracting(ExternalSecretModel.Data::secretKey, d -> d.remoteRef().property())
                .containsExactly(tuple("PGUSER", "username"), tuple("PGPASSWORD", "password"));
        assertThat(master.spec().data().get(0).remoteRef().key()).contains(":secret:rds!db-");
        ConfigMap sql = RenderedChart.typed(stack, "ConfigMap", "feature-api-migrations", ConfigMap.class);
        assertThat(sql.getData().get("create-app-user.sql")).contains("GRANT rds_iam TO feature_api;");
    }
}
