package com.featureapi.platform.kubernetes;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.SubnetConfig;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.naming.TracingEndpoints;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of every namespace the program creates: {@value #DEFAULT_DENY} (every pod, ingress and egress,
 * no rule) and, beside it, the allowances each add-on needs. Policies add up: a pod may send or receive what any
 * policy selecting it allows. The VPC CNI's network policy agent enforces them ({@code enableNetworkPolicy} on the
 * vpc-cni add-on, {@code ManagedAddon.VPC_CNI}). Namespaces the program does not create (kube-system, default) keep
 * no policy: EKS's own add-ons and the AWS controllers run there.
 */
final class NamespaceNetworkPolicies {

    static final String DEFAULT_DENY = "default-deny";
    /**
     * The {@code kubernetes} Service's address: the first address of the cluster's service range, which EKS picks from
     * 10.100.0.0/16 or 172.20.0.0/16 when the cluster names none (this program names none). Both candidates are
     * allowed: a pod's connection to the API server leaves it with this address before kube-proxy translates it.
     */
    static final List<String> KUBERNETES_SERVICE_ADDRESSES = List.of("10.100.0.1/32", "172.20.0.1/32");
    /** The EKS Pod Identity agent's link-local address on every node (credentials over HTTP). */
    static final String POD_IDENTITY_AGENT = "169.254.170.23/32";
    /** The kubelet (metrics, cAdvisor) and node-exporter (host network) ports Prometheus scrapes on every node. */
    static final List<Integer> NODE_SCRAPE_PORTS = List.of(10250, 9100);
    /** CoreDNS's metrics port, scraped by kube-prometheus-stack's coreDns job. */
    static final int COREDNS_METRICS_PORT = 9153;
    /** The app's container and metrics port (charts/feature-api: the Deployment's port and prometheus.io/port). */
    static final int APP_PORT = 3000;
    /** Labels the Prometheus Operator gives the pods of each Prometheus and Alertmanager; the fluent-bit chart's pod label. */
    static final Map<String, String> PROMETHEUS_PODS = Map.of("app.kubernetes.io/name", "prometheus");
    static final Map<String, String> ALERTMANAGER_PODS = Map.of("app.kubernetes.io/name", "alertmanager");
    static final Map<String, String> FLUENT_BIT_PODS = Map.of("app.kubernetes.io/name", "fluent-bit");
    /** The tempo and grafana charts' pods (their selector labels: the chart's name); the collector's (TracingEndpoints). */
    static final Map<String, String> TEMPO_PODS = Map.of("app.kubernetes.io/name", "tempo");
    static final Map<String, String> GRAFANA_PODS = Map.of("app.kubernetes.io/name", "grafana");
    static final Map<String, String> COLLECTOR_PODS = Map.of("app.kubernetes.io/name", TracingEndpoints.COLLECTOR);
    /** The velero chart's server pods; the app chart's migration hook pods. */
    static final Map<String, String> VELERO_PODS = Map.of("app.kubernetes.io/name", "velero");
    static final Map<String, String> MIGRATION_PODS = Map.of("app.kubernetes.io/name", "feature-api", "app.kubernetes.io/component", "migrations");

    /** One NetworkPolicy: its name in the namespace and its spec (known, or from another tier's output). */
    record Policy(String name, Output<Map<String, Object>> spec) {
        Policy(String name, Map<String, Object> spec) {
            this(name, Output.of(spec));
        }
    }

    private final PlatformConfig config;

    NamespaceNetworkPolicies(PlatformConfig config) {
        this.config = config;
    }

    /** Every pod of the namespace: nothing in, nothing out, unless another policy allows it. */
    static Policy defaultDeny() {
        return new Policy(DEFAULT_DENY, spec(Map.of(), List.of(), List.of()));
    }

    /**
     * The application's namespace. The API pods' own policy is the chart's ({@code charts/feature-api} NetworkPolicy:
     * the ALB's subnets and Prometheus in, DNS, the data subnets, the Pod Identity agent and HTTPS out); the migration
     * hook reaches PostgreSQL only.
     */
    List<Policy> application(Output<Integer> databasePort) {
        List<Map<String, Object>> database = ipBlocks(cidrs(SubnetRole.DATABASE));
        return List.of(defaultDeny(), dns(),
                new Policy("migrations-to-database", databasePort.applyValue(port -> spec(MIGRATION_PODS, List.of(),
                        List.of(rule(database, tcp(port)))))));
    }

    /** External Secrets: the API server, Secrets Manager (HTTPS) with Pod Identity credentials, its webhook for the API server. */
    List<Policy> externalSecrets() {
        return List.of(defaultDeny(), dns(), apiServer(),
                awsApis("aws-apis", Map.of()),
                webhookFromControlPlane(Charts.EXTERNAL_SECRETS));
    }

    /**
     * Monitoring: its pods talk to each other (Grafana to Prometheus, Prometheus to Alertmanager and to
     * kube-state-metrics, the operator); every pod may reach the API server (service discovery, the operator,
     * Grafana's sidecars, the CRD upgrade and webhook certificate jobs, Fluent Bit's kubernetes filter); Prometheus
     * scrapes the app, the nodes and CoreDNS; Alertmanager publishes to SNS, Fluent Bit writes to CloudWatch Logs, Tempo
     * keeps its blocks in S3 and Grafana reads CloudWatch, each with Pod Identity credentials; the app's pods send spans
     * to the OpenTelemetry collector's OTLP/HTTP port (the collector reaches Tempo within the namespace); the operator's
     * admission webhook answers the control plane.
     */
    List<Policy> monitoring(String appNamespace) {
        Map<String, Object> sameNamespace = Map.of("podSelector", Map.of());
        List<Map<String, Object>> scrapeTargets = new ArrayList<>();
        scrapeTargets.add(rule(List.of(Map.of("namespaceSelector", namespaceLabel(appNamespace))), tcp(APP_PORT)));
        scrapeTargets.add(rule(ipBlocks(cidrs(SubnetRole.PRIVATE)), NODE_SCRAPE_PORTS.stream().map(NamespaceNetworkPolicies::tcp).toList()));
        scrapeTargets.add(rule(List.of(kubeDns()), tcp(COREDNS_METRICS_PORT)));
        return List.of(defaultDeny(), dns(), apiServer(),
                new Policy("within-namespace", spec(Map.of(), List.of(Map.of("from", List.of(sameNamespace))),
                        List.of(Map.of("to", List.of(sameNamespace))))),
                new Policy("prometheus-scrapes", spec(PROMETHEUS_PODS, List.of(), scrapeTargets)),
                awsApis("alertmanager-to-sns", ALERTMANAGER_PODS),
                awsApis("fluent-bit-to-cloudwatch-logs", FLUENT_BIT_PODS),
                awsApis("tempo-to-s3", TEMPO_PODS),
                awsApis("grafana-to-cloudwatch", GRAFANA_PODS),
                new Policy("collector-from-app", spec(COLLECTOR_PODS, List.of(Map.of(
                        "from", List.of(Map.of("namespaceSelector", namespaceLabel(appNamespace))),
                        "ports", List.of(tcp(TracingEndpoints.OTLP_HTTP_PORT)))), List.of())),
                webhookFromControlPlane(Charts.KUBE_PROMETHEUS_STACK));
    }

    /** Velero: the API server, and S3, EC2 snapshots and STS with Pod Identity credentials. The dump's own policy is Backups'. */
    List<Policy> backups() {
        return List.of(defaultDeny(), dns(), apiServer(), awsApis("velero-to-aws", VELERO_PODS));
    }

    /** external-dns: the API server (it watches Ingresses), Route 53 (HTTPS) with Pod Identity credentials; it serves no webhook. */
    List<Policy> externalDns() {
        return List.of(defaultDeny(), dns(), apiServer(), awsApis("external-dns-to-route53", Map.of()));
    }

    /** Every pod: DNS queries to CoreDNS. */
    static Policy dns() {
        return new Policy("allow-dns", spec(Map.of(), List.of(), List.of(rule(List.of(kubeDns()), List.of(
                Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53))))));
    }

    /**
     * Every pod: the API server on 443, through the {@code kubernetes} Service's address or directly at the control
     * plane's network interfaces, which EKS places in the cluster's (private) subnets.
     */
    Policy apiServer() {
        List<String> targets = new ArrayList<>(KUBERNETES_SERVICE_ADDRESSES);
        targets.addAll(cidrs(SubnetRole.PRIVATE));
        return new Policy("allow-api-server", spec(Map.of(), List.of(), List.of(rule(ipBlocks(targets), tcp(443)))));
    }

    /**
     * AWS APIs: HTTPS to any address (the regional endpoints through the NAT gateway or the VPC's interface endpoints)
     * and the Pod Identity agent for the role's credentials.
     */
    static Policy awsApis(String name, Map<String, String> pods) {
        return new Policy(name, spec(pods, List.of(), List.of(
                rule(ipBlocks(List.of("0.0.0.0/0")), tcp(443)),
                rule(ipBlocks(List.of(POD_IDENTITY_AGENT)), tcp(80)))));
    }

    /** The API server calls a chart's admission webhook from the control plane's interfaces in the private subnets. */
    Policy webhookFromControlPlane(Charts chart) {
        int port = chart.webhookPort().orElseThrow(() -> new IllegalArgumentException(chart.chart() + " serves no webhook"));
        return new Policy("webhook-from-control-plane", spec(Map.of(),
                List.of(Map.of("from", ipBlocks(cidrs(SubnetRole.PRIVATE)), "ports", List.of(tcp(port)))), List.of()));
    }

    private List<String> cidrs(SubnetRole role) {
        return config.network().subnets(role).stream().map(SubnetConfig::cidr).toList();
    }

    private static Map<String, Object> kubeDns() {
        return Map.of("namespaceSelector", namespaceLabel("kube-system"),
                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")));
    }

    private static Map<String, Object> namespaceLabel(String namespace) {
        return Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace));
    }

    private static List<Map<String, Object>> ipBlocks(List<String> cidrs) {
        return cidrs.stream().map(cidr -> Map.<String, Object>of("ipBlock", Map.of("cidr", cidr))).toList();
    }

    private static Map<String, Object> tcp(int port) {
        return Map.of("protocol", "TCP", "port", port);
    }

    private static Map<String, Object> rule(List<Map<String, Object>> to, Map<String, Object> port) {
        return rule(to, List.of(port));
    }

    private static Map<String, Object> rule(List<Map<String, Object>> to, List<Map<String, Object>> ports) {
        return Map.of("to", to, "ports", ports);
    }

    /**
     * A spec whose policy types are the directions it has rules for; with no rule at all, both: that is the default deny
     * (a selected pod may only do what some policy allows, and the allowances add up).
     */
    private static Map<String, Object> spec(Map<String, String> pods, List<Map<String, Object>> ingress, List<Map<String, Object>> egress) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", pods.isEmpty() ? Map.of() : Map.of("matchLabels", pods));
        List<String> types = new ArrayList<>();
        if (!ingress.isEmpty() || egress.isEmpty()) {
            types.add("Ingress");
        }
        if (!egress.isEmpty() || ingress.isEmpty()) {
            types.add("Egress");
        }
        spec.put("policyTypes", types);
        if (!ingress.isEmpty()) {
            spec.put("ingress", ingress);
        }
        if (!egress.isEmpty()) {
            spec.put("egress", egress);
        }
        return spec;
    }
}
