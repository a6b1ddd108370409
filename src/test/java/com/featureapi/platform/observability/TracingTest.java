package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.featureapi.platform.security.PolicyJson.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace path of both stacks, read from their shared plans: the app's spans reach the collector, the collector
 * exports them to Tempo, Tempo keeps them in the encrypted traces bucket with its own role, and Grafana reads Tempo
 * and CloudWatch through provisioned datasources.
 */
class TracingTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, Object> restrictedContainer() {
        return Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL")));
    }

    private static Map<String, Object> restrictedPod() {
        return Map.of("runAsNonRoot", true, "runAsUser", 10001L, "runAsGroup", 10001L, "fsGroup", 10001L,
                "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    private static JsonNode tempoConfig(PlannedResource tempo) throws Exception {
        return YAML.readTree((String) tempo.input("values.config"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theCollectorReceivesOtlpAndExportsTracesToTempoOnly(String stack) {
        PlannedResource collector = PlannedStacks.of(stack).one(RELEASE, "opentelemetry-collector");
        assertThat(collector.input("chart")).isEqualTo("opentelemetry-collector");
        assertThat(collector.input("version")).isEqualTo("0.170.0");
        assertThat(collector.input("repositoryOpts.repo")).isEqualTo("https://open-telemetry.github.io/opentelemetry-helm-charts");
        assertThat(collector.input("namespace")).isEqualTo("monitoring");
        assertThat(collector.input("values.mode")).isEqualTo("deployment");
        assertThat(collector.input("values.replicaCount")).isEqualTo(2L);
        assertThat(collector.input("values.image")).isEqualTo(Map.of(
                "repository", "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s", "tag", "0.158.0"));
        assertThat(collector.input("values.command.name")).isEqualTo("otelcol-k8s");
        // The whole configuration (alternateConfig is not merged with the chart's Jaeger/Zipkin/Prometheus defaults).
        assertThat(collector.input("values.config")).isNull();
        assertThat(collector.input("values.alternateConfig.receivers")).isEqualTo(Map.of("otlp", Map.of("protocols", Map.of(
                "grpc", Map.of("endpoint", "${env:MY_POD_IP}:4317"), "http", Map.of("endpoint", "${env:MY_POD_IP}:4318")))));
        assertThat(collector.input("values.alternateConfig.exporters")).isEqualTo(Map.of("otlp_grpc/tempo", Map.of(
                "endpoint", "tempo.monitoring.svc.cluster.local:4317", "tls", Map.of("insecure", true))));
        assertThat(collector.input("values.alternateConfig.processors")).isEqualTo(Map.of(
                "memory_limiter", Map.of("check_interval", "5s", "limit_percentage", 80L, "spike_limit_percentage", 25L), "batch", Map.of()));
        assertThat(collector.input("values.alternateConfig.service.pipelines")).isEqualTo(Map.of("traces", Map.of(
                "receivers", List.of("otlp"), "processors", List.of("memory_limiter", "batch"), "exporters", List.of("otlp_grpc/tempo"))));
        // The chart's probes need the health_check extension.
        assertThat(collector.input("values.alternateConfig.service.extensions")).isEqualTo(List.of("health_check"));
        assertThat(collector.input("values.alternateConfig.extensions.health_check.endpoint")).isEqualTo("${env:MY_POD_IP}:13133");
        for (String port : List.of("jaeger-compact", "jaeger-thrift", "jaeger-grpc", "zipkin")) {
            assertThat(collector.input("values.ports." + port + ".enabled")).as(port).isEqualTo(false);
        }
        assertThat(collector.input("values.securityContext")).isEqualTo(restrictedContainer());
        assertThat(collector.input("values.podSecurityContext")).isEqualTo(restrictedPod());
        assertThat(collector.input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "100m", "memory", "128Mi"), "limits", Map.of("memory", "512Mi")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void tempoKeepsTracesInTheStacksBucketForItsRetention(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource tempo = plan.one(RELEASE, "tempo");
        assertThat(tempo.input("chart")).isEqualTo("tempo");
        assertThat(tempo.input("version")).isEqualTo("2.2.4");
        assertThat(tempo.input("repositoryOpts.repo")).isEqualTo("https://grafana-community.github.io/helm-charts");
        assertThat(tempo.input("namespace")).isEqualTo("monitoring");
        assertThat(tempo.input("values.tempo.repository")).isEqualTo("grafana/tempo");
        assertThat(tempo.input("values.tempo.tag")).isEqualTo("2.10.8");
        assertThat(tempo.input("values.serviceAccount")).isEqualTo(Map.of("create", true, "name", "tempo"));
        JsonNode config = tempoConfig(tempo);
        JsonNode s3 = config.at("/storage/trace/s3");
        assertThat(config.at("/storage/trace/backend").asText()).isEqualTo("s3");
        assertThat(s3.get("bucket").asText()).isEqualTo("platform-" + stack + "-traces-" + PlannedStacks.account(stack));
        assertThat(s3.get("endpoint").asText()).isEqualTo("s3.us-east-1.amazonaws.com");
        assertThat(s3.get("region").asText()).isEqualTo("us-east-1");
        // Credentials come from Pod Identity, the key from the bucket's default encryption: none in the config.
        assertThat(JSON.convertValue(s3, Map.class)).containsOnlyKeys("bucket", "endpoint", "region");
        // The fixture stacks keep 14 days in production and 7 in staging.
        assertThat(config.at("/compactor/compaction/block_retention").asText()).isEqualTo(stack.equals("production") ? "336h" : "168h");
        assertThat(config.at("/distributor/receivers").toString()).isEqualTo("{\"otlp\":{\"protocols\":{\"grpc\":{\"endpoint\":\"0.0.0.0:4317\"}}}}");
        assertThat(config.at("/server/http_listen_port").asInt()).isEqualTo(3200);
        assertThat(config.at("/usage_report/reporting_enabled").asBoolean(true)).isFalse();
        assertThat(config.at("/ingester/max_block_duration").asText()).isEqualTo("5m");
        // The WAL lives on the emptyDir mounted where the config writes it (the root filesystem is read-only).
        assertThat(config.at("/storage/trace/wal/path").asText()).isEqualTo("/var/tempo/wal");
        assertThat(tempo.input("values.tempo.extraVolumeMounts")).isEqualTo(List.of(Map.of("name", "tempo-data", "mountPath", "/var/tempo")));
        assertThat(tempo.input("values.extraVolumes")).isEqualTo(List.of(Map.of("name", "tempo-data", "emptyDir", Map.of("sizeLimit", "5Gi"))));
        assertThat(tempo.input("values.tempo.securityContext")).isEqualTo(restrictedContainer());
        assertThat(tempo.input("values.securityContext")).isEqualTo(restrictedPod());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theCollectorStartsAfterTempoAndTempoAfterItsRoleIsBound(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource tempo = plan.one(RELEASE, "tempo");
        assertThat(plan.one(RELEASE, "opentelemetry-collector").dependencies()).contains(tempo.urn());
        assertThat(tempo.dependencies()).contains(plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "tempo").urn(),
                plan.one("kubernetes:core/v1:Namespace", "monitoring").urn());
        PlannedResource association = plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "tempo");
        assertThat(association.input("namespace")).isEqualTo("monitoring");
        assertThat(association.input("serviceAccount")).isEqualTo("tempo");
        PlannedResource grafana = plan.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", "grafana");
        assertThat(grafana.input("namespace")).isEqualTo("monitoring");
        assertThat(grafana.input("serviceAccount")).isEqualTo("grafana");
        assertThat(plan.one(RELEASE, "kube-prometheus-stack").input("values.grafana.serviceAccount")).isEqualTo(Map.of("create", true, "name", "grafana"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void grafanaReadsTempoAndCloudWatchThroughProvisionedDatasources(String stack) {
        PlannedResource kps = PlannedStacks.of(stack).one(RELEASE, "kube-prometheus-stack");
        assertThat(kps.input("values.grafana.additionalDataSources")).isEqualTo(List.of(
                Map.of("name", "Tempo", "uid", "tempo", "type", "tempo", "access", "proxy",
                        "url", "http://tempo.monitoring.svc.cluster.local:3200", "editable", false),
                Map.of("name", "CloudWatch", "uid", "cloudwatch", "type", "cloudwatch", "access", "proxy", "editable", false,
                        "jsonData", Map.of("authType", "default", "defaultRegion", "us-east-1"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theTracesBucketIsEncryptedLoggedAndExpiresADayAfterTemposRetention(String stack) {
        Plan plan = PlannedStacks.of(stack);
        String name = "platform-" + stack + "-traces-" + PlannedStacks.account(stack);
        assertThat(plan.one("aws:s3/bucketV2:BucketV2", "traces").input("bucket")).isEqualTo(name);
        PlannedResource encryption = plan.one(SSE, "traces");
        assertThat(encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        // The S3 key the backups bucket uses, not a key of its own.
        assertThat(encryption.input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId")).asString().startsWith("arn:aws:kms:")
                .isEqualTo(plan.one(SSE, "backups").input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertThat(encryption.input("rules.0.bucketKeyEnabled")).isEqualTo(true);
        PlannedResource lifecycle = plan.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "traces");
        int days = stack.equals("production") ? 15 : 8;
        assertThat(lifecycle.input("rules.0.id")).isEqualTo("expire-after-" + days + "-days");
        assertThat(lifecycle.input("rules.0.expiration.days")).isEqualTo((long) days);
        // Never a colder storage class: every trace search reads the blocks.
        assertThat(lifecycle.input("rules.0.transitions")).isNull();
        assertThat(lifecycle.input("rules.1.id")).isEqualTo("tidy-versions-and-uploads");
        assertThat(plan.one("aws:s3/bucketLoggingV2:BucketLoggingV2", "traces").input("targetPrefix")).isEqualTo(name + "/");
        PlannedResource block = plan.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "traces");
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(block.input(flag)).as(flag).isEqualTo(true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void tempoMayOnlyUseTheTracesBucketAndTheS3KeyThroughS3(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String bucket = "arn:aws:s3:::platform-" + stack + "-traces-" + PlannedStacks.account(stack);
        JsonNode statements = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "tempo").input("policy")).get("Statement");
        assertThat(statements).hasSize(3);
        assertThat(texts(statements.get(0).get("Action"))).containsExactly("s3:ListBucket");
        assertThat(texts(statements.get(0).get("Resource"))).containsExactly(bucket);
        assertThat(texts(statements.get(1).get("Action"))).containsExactly("s3:PutObject", "s3:GetObject", "s3:DeleteObject",
                "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:AbortMultipartUpload");
        assertThat(texts(statements.get(1).get("Resource"))).containsExactly(bucket + "/*");
        assertThat(texts(statements.get(2).get("Action"))).containsExactly("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(texts(statements.get(2).get("Resource"))).containsExactly(
                (String) plan.one(SSE, "traces").input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertThat(statements.get(2).get("Condition").get("StringEquals").toString()).isEqualTo(
                "{\"kms:EncryptionContext:aws:s3:arn\":\"" + bucket + "\",\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}");
        JsonNode trust = JSON.readTree((String) plan.one("aws:iam/role:Role", "tempo").input("assumeRolePolicy")).get("Statement").get(0);
        assertThat(trust.at("/Condition/StringEquals/aws:RequestTag~1kubernetes-namespace").asText()).isEqualTo("monitoring");
        assertThat(trust.at("/Condition/StringEquals/aws:RequestTag~1kubernetes-service-account").asText()).isEqualTo("tempo");
    }

    @Test
    void grafanaReadsOnlyThisStacksLogGroupsAndAlarmsAndWritesNothing() throws Exception {
        Plan plan = PlannedStacks.of("production");
        String account = PlannedStacks.account("production");
        String groups = "arn:aws:logs:us-east-1:" + account + ":log-group:";
        JsonNode statements = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "grafana").input("policy")).get("Statement");
        assertThat(statements).hasSize(6);
        assertThat(texts(statements.get(0).get("Action"))).containsExactly("logs:StartQuery", "logs:GetQueryResults",
                "logs:GetLogGroupFields", "logs:GetLogEvents");
        assertThat(texts(statements.get(0).get("Resource"))).containsExactly(
                groups + "/aws/eks/platform-production/*", groups + "/aws/eks/platform-production/*:*",
                groups + "/aws/vpc/platform-production/*", groups + "/aws/vpc/platform-production/*:*",
                groups + "/aws/rds/instance/platform-production-postgres/*", groups + "/aws/rds/instance/platform-production-postgres/*:*");
        assertThat(texts(statements.get(1).get("Action"))).containsExactly("logs:DescribeLogGroups");
        assertThat(texts(statements.get(1).get("Resource"))).containsExactly(groups + "*");
        assertThat(texts(statements.get(2).get("Action"))).containsExactly("logs:StopQuery");
        assertThat(texts(statements.get(3).get("Action"))).containsExactly("cloudwatch:ListMetrics", "cloudwatch:GetMetricData",
                "cloudwatch:GetMetricStatistics", "cloudwatch:DescribeAlarmsForMetric");
        assertThat(texts(statements.get(4).get("Action"))).containsExactly("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory");
        assertThat(texts(statements.get(4).get("Resource"))).containsExactly("arn:aws:cloudwatch:us-east-1:" + account + ":alarm:*");
        assertThat(texts(statements.get(5).get("Action"))).containsExactly("ec2:DescribeTags", "ec2:DescribeInstances",
                "ec2:DescribeRegions", "tag:GetResources");
        List<String> actions = new ArrayList<>();
        statements.forEach(statement -> actions.addAll(texts(statement.get("Action"))));
        assertThat(actions).allSatisfy(action -> assertThat(action).matches("(logs|cloudwatch|ec2|tag):(Get|List|Describe|StartQuery|StopQuery).*"));
        assertThat(plan.where(r -> r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment") && r.name().startsWith("grafana"))).isEmpty();
    }
}
