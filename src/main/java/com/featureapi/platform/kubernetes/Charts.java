package com.featureapi.platform.kubernetes;

import java.util.Map;

/**
 * Every Helm chart the platform installs, pinned in this one place. Remote pins come from
 * {@code shared/reference/versions.md} (November 2026); the source of each is written beside it.
 * With the real CLI, {@code helm search repo <chart> --versions} lists what is newer.
 */
public enum Charts {

    /** versions.md: 3.5.0 / app v3.5.0, confirmed from the eks-charts index (3.6.0 seen only in release feeds). */
    AWS_LOAD_BALANCER_CONTROLLER("aws-load-balancer-controller", "https://aws.github.io/eks-charts", "3.5.0", 9443, 300),
    /** versions.md: 9.59.0 / app 1.35.0, confirmed from the autoscaler chart index; 9.54-9.55 ship a 1.34 image. */
    CLUSTER_AUTOSCALER("cluster-autoscaler", "https://kubernetes.github.io/autoscaler", "9.59.0", null, 300),
    /** versions.md: 2.9.0 / v2.9.0, confirmed from charts.external-secrets.io. */
    EXTERNAL_SECRETS("external-secrets", "https://charts.external-secrets.io", "2.9.0", 10250, 600),
    /** versions.md: 3.13.1 / 0.8.1, confirmed from the metrics-server chart index. */
    METRICS_SERVER("metrics-server", "https://kubernetes-sigs.github.io/metrics-server", "3.13.1", 10250, 300),
    /** versions.md: 88.5.3 / operator v0.93.1, confirmed from the prometheus-community index (93.4.1 seen only in feeds). */
    KUBE_PROMETHEUS_STACK("kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts", "88.5.3", 10250, 900),
    /** versions.md: 12.1.0 / Velero 1.18.1, confirmed from the vmware-tanzu chart index. */
    VELERO("velero", "https://vmware-tanzu.github.io/helm-charts", "12.1.0", null, 600),
    /** versions.md: 0.58.1 / Fluent Bit 5.1.1, confirmed from the fluent chart index. */
    FLUENT_BIT("fluent-bit", "https://fluent.github.io/helm-charts", "0.58.1", null, 300),
    /**
     * Not in versions.md: chart 1.21.1 / external-dns 0.21.0, from the chart's Chart.yaml at tag
     * external-dns-helm-chart-1.21.1 of kubernetes-sigs/external-dns (2026-04-30, the newest chart tag there); the
     * repository URL from that tag's docs/tutorials/aws.md. It serves no webhook (its DNSEndpoint CRD has none).
     */
    EXTERNAL_DNS("external-dns", "https://kubernetes-sigs.github.io/external-dns/", "1.21.1", null, 300),
    /**
     * Not in versions.md: the newest tag of open-telemetry/opentelemetry-helm-charts in the mirror read on 2026-12-02
     * (opentelemetry-collector-0.170.0, appVersion 0.158.0, 2026-08-20).
     */
    OPENTELEMETRY_COLLECTOR("opentelemetry-collector", "https://open-telemetry.github.io/opentelemetry-helm-charts", "0.170.0", null, 300),
    /**
     * Not in versions.md: the monolithic Tempo chart moved from grafana/helm-charts to grafana-community/helm-charts
     * (deprecated there on 2026-01-30, as loki did); its newest tag there is tempo-2.2.4, appVersion 2.10.8
     * (mirror read on 2026-12-02).
     */
    TEMPO("tempo", "https://grafana-community.github.io/helm-charts", "2.2.4", null, 300),
    /**
     * versions.md: karpenter 1.14.1 from oci://public.ecr.aws/karpenter/karpenter (supports Kubernetes 1.26-1.36). Checked
     * against aws/karpenter-provider-aws: the tag v1.14.1 still carries 1.13.0 in Chart.yaml and values.yaml; the
     * release commit c88abbbad ("Stable Release updates Release v1.14.1") on top of it sets chart 1.14.1 and
     * {@link #KARPENTER_IMAGE_TAG} with its digest. The chart serves no admission webhook (none in its values.yaml or templates at that
     * version); its metrics (8080) are scraped from inside the node security group.
     */
    KARPENTER("karpenter", "oci://public.ecr.aws/karpenter", "1.14.1", null, 300),
    /** The application's own chart, in this repository: rendered into the plan by the offline engine. */
    FEATURE_API("feature-api", null, "1.0.0", null, 1200);

    /** Path of the local chart, relative to the project directory (where {@code pulumi up} runs). */
    public static final String FEATURE_API_PATH = "./charts/feature-api";

    /**
     * cluster-autoscaler image per Kubernetes minor: the image's minor must equal the cluster's
     * (versions.md: {@code v1.35.2} is the newest 1.35 image, confirmed).
     */
    static final Map<String, String> CLUSTER_AUTOSCALER_IMAGE_TAGS = Map.of("1.35", "v1.35.2");

    /** external-dns' image, the chart's appVersion 0.21.0 as its helper renders it ("v" + appVersion), pinned explicitly. */
    static final String EXTERNAL_DNS_IMAGE_TAG = "v0.21.0";

    /** Velero's AWS object-store and EBS snapshot plugin for Velero 1.18 (versions.md: the velero 1.18 upgrade doc). */
    public static final String VELERO_AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.0";

    /**
     * The collector's Kubernetes distribution (receivers, processors and exporters for a cluster, the otlp_grpc
     * exporter among them), at the chart's appVersion; the chart requires an image and its binary's name.
     */
    public static final String OTEL_COLLECTOR_IMAGE = "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s:0.158.0";
    public static final String OTEL_COLLECTOR_COMMAND = "otelcol-k8s";
    /** Grafana Tempo at the tempo chart's appVersion (the chart's registry docker.io), pinned rather than left to the chart. */
    public static final String TEMPO_IMAGE = "grafana/tempo:2.10.8";
    /**
     * The controller image of karpenter 1.14.1, as its values.yaml sets it at the release commit c88abbbad (tag, digest):
     * set explicitly so a chart override can never float it.
     */
    public static final String KARPENTER_IMAGE_REPOSITORY = "public.ecr.aws/karpenter/controller";
    public static final String KARPENTER_IMAGE_TAG = "1.14.1";
    public static final String KARPENTER_IMAGE_DIGEST = "sha256:445baefaaa689029cc12ac1f659b916b0b82fb14308ce536f8521fcf079116fa";

    private final String chart;
    private final String repository;
    private final String version;
    private final Integer webhookPort;
    private final int timeoutSeconds;

    /**
     * @param webhookPort the port on the nodes that the API server calls for this chart's admission webhook or
     *                    API service, as the pinned version serves it by default; null when it serves none. The
     *                    node security group must open it to the control plane (SecurityGroups' list).
     * @param timeoutSeconds how long Helm waits for an install or upgrade (and each hook) before it fails and, the
     *                    releases being atomic, rolls back. Helm's 300 s fits a plain controller; the others need more:
     *                    External Secrets waits for its webhook's certificate (600); kube-prometheus-stack for Prometheus
     *                    and Alertmanager on freshly attached EBS volumes (900); Velero for its CRD upgrade job and the
     *                    plugin init container (600); feature-api for its migration hook (activeDeadlineSeconds 600)
     *                    and then a rolling update whose pods may each take 300 s to start and must pass the ALB's
     *                    readiness gate, a surge of one pod at a time at three replicas (1200).
     */
    Charts(String chart, String repository, String version, Integer webhookPort, int timeoutSeconds) {
        this.chart = chart;
        this.repository = repository;
        this.version = version;
        this.webhookPort = webhookPort;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Helm's wait for this chart's install or upgrade, in seconds. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** The port the control plane calls on the nodes for this chart, if it serves a webhook or API service. */
    public java.util.Optional<Integer> webhookPort() {
        return java.util.Optional.ofNullable(webhookPort);
    }

    /** Chart name in its repository; for the local chart, its path; for an OCI registry, the chart's full reference. */
    public String chart() {
        if (repository == null) {
            return FEATURE_API_PATH;
        }
        return isOci() ? repository + "/" + chart : chart;
    }

    /** A chart in an OCI registry: Helm takes its {@code oci://} reference as the chart, with no repository. */
    public boolean isOci() {
        return repository != null && repository.startsWith("oci://");
    }

    /** The Helm repository URL, or null for a chart in this repository. */
    public String repository() {
        return repository;
    }

    public String version() {
        return version;
    }

    public boolean isLocal() {
        return repository == null;
    }

    /** The repository part of a {@code repository:tag} image pin (charts take the two apart). */
    public static String imageRepository(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    /** The tag part of a {@code repository:tag} image pin. */
    public static String imageTag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    /** The cluster-autoscaler image tag for a cluster's {@code 1.NN} version. */
    static String clusterAutoscalerImageTag(String kubernetesVersion) {
        String tag = CLUSTER_AUTOSCALER_IMAGE_TAGS.get(kubernetesVersion);
        if (tag == null) {
            throw new IllegalStateException("no cluster-autoscaler image is pinned for Kubernetes " + kubernetesVersion
                    + "; add the newest v" + kubernetesVersion + ".x tag to Charts.CLUSTER_AUTOSCALER_IMAGE_TAGS "
                    + "(pinned: " + CLUSTER_AUTOSCALER_IMAGE_TAGS.keySet() + ")");
        }
        return tag;
    }
}
