package com.featureapi.platform.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.kubernetes.Charts;
import com.featureapi.platform.kubernetes.Workloads;
import com.featureapi.platform.naming.ServiceAccounts;
import com.featureapi.platform.naming.TracingEndpoints;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.Resource;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace path from the app to Grafana: the OpenTelemetry collector receives OTLP from the app and exports it to
 * Grafana Tempo, which keeps its blocks in the stack's traces bucket (KMS-encrypted) with its own Pod Identity role.
 * Grafana reads Tempo through the datasource {@link MonitoringStack} provisions. Both run in the monitoring
 * namespace, restricted-compliant although the namespace allows more (node-exporter needs it).
 */
final class Tracing {

    /** The collector's pipeline: only traces, only from OTLP, only to Tempo. */
    static final String TEMPO_EXPORTER = "otlp_grpc/tempo";
    /** Tempo flushes a block to S3 at least this often: what a restart of its pod can lose (the WAL is an emptyDir). */
    static final String TEMPO_MAX_BLOCK_DURATION = "5m";
    static final String TEMPO_DATA_PATH = "/var/tempo";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Release tempo;
    private final Release collector;

    Tracing(PlatformConfig config, Workloads workloads, Output<String> tracesBucket, Resource parent) {
        Placement placement = Placement.monitoring(config);
        this.tempo = Releases.of(TracingEndpoints.TEMPO, Charts.TEMPO, ServiceAccounts.TEMPO.namespace(),
                tracesBucket.applyValue(bucket -> tempoValues(config, placement, bucket)), parent, workloads.provider(),
                Releases.after(workloads.networkPolicies(ServiceAccounts.TEMPO.namespace()), workloads.monitoringNamespace(),
                        workloads.podIdentityAssociation(ServiceAccounts.TEMPO.role())));
        // The collector holds spans in memory only; starting it after Tempo means its first exports find a receiver.
        this.collector = Releases.of(TracingEndpoints.COLLECTOR, Charts.OPENTELEMETRY_COLLECTOR, ServiceAccounts.MONITORING_NAMESPACE,
                Output.of(collectorValues(placement)), parent, workloads.provider(),
                Releases.after(workloads.networkPolicies(ServiceAccounts.MONITORING_NAMESPACE), workloads.monitoringNamespace(), tempo));
    }

    Release tempo() {
        return tempo;
    }

    Release collector() {
        return collector;
    }

    /** Non-root, no privilege escalation, no capabilities, read-only root filesystem: the restricted profile's rules. */
    static Map<String, Object> containerSecurityContext() {
        return Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL")));
    }

    static Map<String, Object> podSecurityContext(int user) {
        return Map.of("runAsNonRoot", true, "runAsUser", user, "runAsGroup", user, "fsGroup", user,
                "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    static Map<String, Object> collectorValues(Placement placement) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fullnameOverride", TracingEndpoints.COLLECTOR);
        values.put("mode", "deployment");
        // Two replicas behind one Service: a node drain or a rollout does not drop the app's spans.
        values.put("replicaCount", 2);
        values.put("podDisruptionBudget", Map.of("enabled", true, "minAvailable", 1));
        values.put("image", Map.of("repository", Charts.imageRepository(Charts.OTEL_COLLECTOR_IMAGE),
                "tag", Charts.imageTag(Charts.OTEL_COLLECTOR_IMAGE)));
        values.put("command", Map.of("name", Charts.OTEL_COLLECTOR_COMMAND));
        // The whole configuration, not merged with the chart's default one (which also receives Jaeger, Zipkin and
        // Prometheus and prints every log and metric through the debug exporter).
        values.put("alternateConfig", collectorConfig());
        // Only the OTLP ports are open; the chart's Jaeger and Zipkin ports would point at no receiver.
        Map<String, Object> ports = new LinkedHashMap<>();
        for (String port : List.of("jaeger-compact", "jaeger-thrift", "jaeger-grpc", "zipkin")) {
            ports.put(port, Map.of("enabled", false));
        }
        values.put("ports", ports);
        // The collector's image runs as 10001 (the releases' Dockerfile); it writes nothing to disk.
        values.put("podSecurityContext", podSecurityContext(10001));
        values.put("securityContext", containerSecurityContext());
        // The memory limiter refuses spans at 80% of the limit, and the chart sets GOMEMLIMIT from it.
        values.put("resources", MonitoringStack.resources("100m", "128Mi", "512Mi"));
        values.putAll(placement.values());
        return values;
    }

    static Map<String, Object> collectorConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("receivers", Map.of("otlp", Map.of("protocols", Map.of(
                "grpc", Map.of("endpoint", "${env:MY_POD_IP}:" + TracingEndpoints.OTLP_GRPC_PORT),
                "http", Map.of("endpoint", "${env:MY_POD_IP}:" + TracingEndpoints.OTLP_HTTP_PORT)))));
        Map<String, Object> processors = new LinkedHashMap<>();
        processors.put("memory_limiter", Map.of("check_interval", "5s", "limit_percentage", 80, "spike_limit_percentage", 25));
        processors.put("batch", Map.of());
        config.put("processors", processors);
        // otlp_grpc: the exporter's name since collector 0.144.0 ("otlp" is its deprecated alias). Plain gRPC inside
        // the monitoring namespace; Tempo serves no TLS on its receiver.
        config.put("exporters", Map.of(TEMPO_EXPORTER, Map.of("endpoint", TracingEndpoints.tempoOtlpGrpc(),
                "tls", Map.of("insecure", true))));
        // The chart's probes call the health_check extension on this port.
        config.put("extensions", Map.of("health_check", Map.of("endpoint", "${env:MY_POD_IP}:13133")));
        config.put("service", Map.of(
                "extensions", List.of("health_check"),
                "pipelines", Map.of("traces", Map.of(
                        "receivers", List.of("otlp"),
                        "processors", List.of("memory_limiter", "batch"),
                        "exporters", List.of(TEMPO_EXPORTER)))));
        return config;
    }

    static Map<String, Object> tempoValues(PlatformConfig config, Placement placement, String bucket) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fullnameOverride", TracingEndpoints.TEMPO);
        values.put("serviceAccount", Map.of("create", true, "name", ServiceAccounts.TEMPO.name()));
        Map<String, Object> tempo = new LinkedHashMap<>();
        tempo.put("repository", Charts.imageRepository(Charts.TEMPO_IMAGE));
        tempo.put("tag", Charts.imageTag(Charts.TEMPO_IMAGE));
        tempo.put("resources", MonitoringStack.resources("200m", "512Mi", "2Gi"));
        tempo.put("securityContext", containerSecurityContext());
        // The WAL and the blocks not yet flushed: an emptyDir, since the root filesystem is read-only. No EBS volume
        // to strand in one zone; a restart loses at most the last TEMPO_MAX_BLOCK_DURATION of traces.
        tempo.put("extraVolumeMounts", List.of(Map.of("name", "tempo-data", "mountPath", TEMPO_DATA_PATH)));
        values.put("tempo", tempo);
        values.put("extraVolumes", List.of(Map.of("name", "tempo-data", "emptyDir", Map.of("sizeLimit", "5Gi"))));
        // The chart's default is runAsUser 10001 with fsGroup; the seccomp profile completes the restricted profile.
        values.put("securityContext", podSecurityContext(10001));
        // The chart renders this string as tempo.yaml: the whole configuration, written here so a test can read it.
        values.put("config", yaml(tempoConfig(config, bucket)));
        values.putAll(placement.values());
        return values;
    }

    static Map<String, Object> tempoConfig(PlatformConfig config, String bucket) {
        Map<String, Object> tempo = new LinkedHashMap<>();
        tempo.put("stream_over_http_enabled", false);
        tempo.put("multitenancy_enabled", false);
        // No usage reports to Grafana Labs: nothing in the cluster calls out but what the platform needs.
        tempo.put("usage_report", Map.of("reporting_enabled", false));
        tempo.put("server", Map.of("http_listen_port", TracingEndpoints.TEMPO_HTTP_PORT));
        tempo.put("distributor", Map.of("receivers", Map.of("otlp", Map.of("protocols", Map.of(
                "grpc", Map.of("endpoint", "0.0.0.0:" + TracingEndpoints.OTLP_GRPC_PORT))))));
        tempo.put("ingester", Map.of("max_block_duration", TEMPO_MAX_BLOCK_DURATION));
        tempo.put("compactor", Map.of("compaction", Map.of("block_retention", config.monitoring().traceRetentionDays() * 24 + "h")));
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("bucket", bucket);
        s3.put("endpoint", "s3." + config.region() + ".amazonaws.com");
        s3.put("region", config.region());
        // No keys: Tempo (2.6 and later) takes the Pod Identity credentials EKS injects. No SSE settings: the bucket
        // encrypts with the S3 key by default, and its policy refuses an upload that asks for anything else.
        // An ordered map: Map.of's iteration order differs between JVMs, and two plans of the same sources must be
        // byte-identical (PlanDeterminismTest).
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("backend", "s3");
        trace.put("s3", s3);
        trace.put("wal", Map.of("path", TEMPO_DATA_PATH + "/wal"));
        tempo.put("storage", Map.of("trace", trace));
        tempo.put("overrides", Map.of("per_tenant_override_config", "/conf/overrides.yaml"));
        return tempo;
    }

    static String yaml(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
