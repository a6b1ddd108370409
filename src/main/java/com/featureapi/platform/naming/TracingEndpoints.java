package com.featureapi.platform.naming;

/**
 * The in-cluster addresses of the trace pipeline, which two tiers must agree on: the Kubernetes tier tells the app
 * where to send spans (and opens its NetworkPolicy to it) before the observability tier installs the collector and
 * Tempo under these names.
 */
public final class TracingEndpoints {

    /** Helm release and object names of the OpenTelemetry collector (its Service). */
    public static final String COLLECTOR = "opentelemetry-collector";
    /** Helm release and object names of Grafana Tempo (its Service). */
    public static final String TEMPO = "tempo";
    /** OTLP over gRPC, the collector's and Tempo's receiver. */
    public static final int OTLP_GRPC_PORT = 4317;
    /** OTLP over HTTP (protobuf), what the app's OpenTelemetry SDK sends. */
    public static final int OTLP_HTTP_PORT = 4318;
    /** Tempo's HTTP API, which Grafana queries. */
    public static final int TEMPO_HTTP_PORT = 3200;

    private TracingEndpoints() {
    }

    private static String service(String name) {
        return name + "." + ServiceAccounts.MONITORING_NAMESPACE + ".svc.cluster.local";
    }

    /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} of the app: the collector's OTLP/HTTP port (the SDK appends /v1/traces). */
    public static String collectorOtlpHttp() {
        return "http://" + service(COLLECTOR) + ":" + OTLP_HTTP_PORT;
    }

    /** Where the collector exports spans: Tempo's OTLP/gRPC receiver (host:port, as the otlp_grpc exporter takes it). */
    public static String tempoOtlpGrpc() {
        return service(TEMPO) + ":" + OTLP_GRPC_PORT;
    }

    /** Grafana's Tempo datasource URL. */
    public static String tempoHttp() {
        return "http://" + service(TEMPO) + ":" + TEMPO_HTTP_PORT;
    }
}
