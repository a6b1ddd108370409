package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21 item 12: a default deny in every namespace the program creates, each allowance by value, and enforcement on. */
class NamespaceNetworkPoliciesTest {

    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    /** The fixture stacks' private subnets: the nodes, the pods and the control plane's interfaces. */
    private static List<String> privateSubnets(String stack) {
        return stack.equals("staging") ? List.of("10.0.10.0/24", "10.0.20.0/24", "10.0.30.0/24")
                : List.of("10.0.16.0/22", "10.0.20.0/22", "10.0.24.0/22");
    }
    private static final List<String> DATABASE = List.of("10.0.100.0/24", "10.0.200.0/24", "10.0.201.0/24");

    private static PlannedResource policy(Plan plan, String namespace, String name) {
        return plan.one(POLICY, namespace + "-" + name);
    }

    private static List<Map<String, Object>> ipBlocks(List<String> cidrs) {
        return cidrs.stream().map(cidr -> Map.<String, Object>of("ipBlock", Map.of("cidr", cidr))).toList();
    }

    private static Map<String, Object> tcp(long port) {
        return Map.of("protocol", "TCP", "port", port);
    }

    private static final Map<String, Object> KUBE_DNS = Map.of(
            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
            "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")));

    private static Map<String, Object> egressOnly(Map<String, Object> podSelector, List<Map<String, Object>> egress) {
        return Map.of("podSelector", podSelector, "policyTypes", List.of("Egress"), "egress", egress);
    }

    private static Map<String, Object> awsApis(Map<String, Object> podSelector) {
        return egressOnly(podSelector, List.of(
                Map.of("to", ipBlocks(List.of("0.0.0.0/0")), "ports", List.of(tcp(443))),
                Map.of("to", ipBlocks(List.of("169.254.170.23/32")), "ports", List.of(tcp(80)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyNamespaceTheProgramCreatesDeniesAllIngressAndEgressByDefault(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<PlannedResource> namespaces = plan.ofType("kubernetes:core/v1:Namespace");
        assertThat(namespaces).extracting(PlannedResource::name).containsExactlyInAnyOrder("feature-api", "external-secrets", "external-dns", "monitoring", "velero");
        for (PlannedResource namespace : namespaces) {
            String name = (String) namespace.input("metadata.name");
            PlannedResource deny = policy(plan, name, "default-deny");
            assertThat(deny.input("metadata.name")).isEqualTo("default-deny");
            assertThat(deny.input("metadata.namespace")).isEqualTo(name);
            // Every pod, both directions, no rule: only what another policy allows gets through.
            assertThat(deny.input("spec")).as(name).isEqualTo(Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress")));
            assertThat(deny.dependencies()).contains(namespace.urn());
            assertThat(policy(plan, name, "allow-dns").input("spec")).as(name).isEqualTo(egressOnly(Map.of(), List.of(Map.of("to", List.of(KUBE_DNS),
                    "ports", List.of(Map.of("protocol", "UDP", "port", 53L), Map.of("protocol", "TCP", "port", 53L))))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void eachNamespaceAllowsExactlyWhatItsAddOnsNeed(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> privateSubnets = privateSubnets(stack);
        Map<String, List<String>> byNamespace = new TreeMap<>();
        for (PlannedResource policy : plan.ofType(POLICY)) {
            if (policy.input("metadata.namespace") != null) {
                byNamespace.computeIfAbsent((String) policy.input("metadata.namespace"), k -> new ArrayList<>()).add((String) policy.input("metadata.name"));
            }
        }
        assertThat(byNamespace).containsOnlyKeys("feature-api", "external-secrets", "external-dns", "monitoring", "velero");
        assertThat(byNamespace.get("external-dns")).containsExactlyInAnyOrder("default-deny", "allow-dns", "allow-api-server", "external-dns-to-route53");
        // "feature-api" is the chart's own policy of the API pods (FeatureApiChartTest), rendered into the plan.
        assertThat(byNamespace.get("feature-api")).containsExactlyInAnyOrder("default-deny", "allow-dns", "migrations-to-database", "feature-api");
        assertThat(byNamespace.get("external-secrets")).containsExactlyInAnyOrder("default-deny", "allow-dns", "allow-api-server", "aws-apis",
                "webhook-from-control-plane");
        assertThat(byNamespace.get("monitoring")).containsExactlyInAnyOrder("default-deny", "allow-dns", "allow-api-server", "within-namespace",
                "prometheus-scrapes", "alertmanager-to-sns", "fluent-bit-to-cloudwatch-logs", "tempo-to-s3", "grafana-to-cloudwatch",
                "collector-from-app", "webhook-from-control-plane");
        // database-dump is Backups' own policy for the dump's pods.
        assertThat(byNamespace.get("velero")).containsExactlyInAnyOrder("default-deny", "allow-dns", "allow-api-server", "velero-to-aws", "database-dump");

        List<String> apiServer = new ArrayList<>(List.of("10.100.0.1/32", "172.20.0.1/32"));
        apiServer.addAll(privateSubnets);
        for (String namespace : List.of("external-secrets", "external-dns", "monitoring", "velero")) {
            assertThat(policy(plan, namespace, "allow-api-server").input("spec")).as(namespace).isEqualTo(egressOnly(Map.of(),
                    List.of(Map.of("to", ipBlocks(apiServer), "ports", List.of(tcp(443))))));
        }
        for (String namespace : List.of("external-secrets", "monitoring")) {
            // Both charts' webhooks listen on 10250 (Charts.webhookPort), called from the control plane's interfaces.
            assertThat(policy(plan, namespace, "webhook-from-control-plane").input("spec")).as(namespace).isEqualTo(Map.of(
                    "podSelector", Map.of(), "policyTypes", List.of("Ingress"),
                    "ingress", List.of(Map.of("from", ipBlocks(privateSubnets), "ports", List.of(tcp(10250))))));
        }
        assertThat(policy(plan, "feature-api", "migrations-to-database").input("spec")).isEqualTo(egressOnly(
                Map.of("matchLabels", Map.of("app.kubernetes.io/name", "feature-api", "app.kubernetes.io/component", "migrations")),
                List.of(Map.of("to", ipBlocks(DATABASE), "ports", List.of(tcp(5432))))));
        assertThat(policy(plan, "external-secrets", "aws-apis").input("spec")).isEqualTo(awsApis(Map.of()));
        assertThat(policy(plan, "external-dns", "external-dns-to-route53").input("spec")).isEqualTo(awsApis(Map.of()));
        assertThat(policy(plan, "monitoring", "alertmanager-to-sns").input("spec"))
                .isEqualTo(awsApis(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "alertmanager"))));
        assertThat(policy(plan, "monitoring", "fluent-bit-to-cloudwatch-logs").input("spec"))
                .isEqualTo(awsApis(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "fluent-bit"))));
        assertThat(policy(plan, "monitoring", "tempo-to-s3").input("spec"))
                .isEqualTo(awsApis(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "tempo"))));
        assertThat(policy(plan, "monitoring", "grafana-to-cloudwatch").input("spec"))
                .isEqualTo(awsApis(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "grafana"))));
        // The app's spans: only from its namespace, only to the collector's OTLP/HTTP port (the app chart's egress rule's twin).
        assertThat(policy(plan, "monitoring", "collector-from-app").input("spec")).isEqualTo(Map.of(
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "opentelemetry-collector")),
                "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", List.of(Map.of("namespaceSelector", Map.of("matchLabels",
                        Map.of("kubernetes.io/metadata.name", "feature-api")))), "ports", List.of(tcp(4318))))));
        assertThat(policy(plan, "velero", "velero-to-aws").input("spec"))
                .isEqualTo(awsApis(Map.of("matchLabels", Map.of("app.kubernetes.io/name", "velero"))));
        assertThat(policy(plan, "monitoring", "within-namespace").input("spec")).isEqualTo(Map.of("podSelector", Map.of(),
                "policyTypes", List.of("Ingress", "Egress"),
                "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of())))),
                "egress", List.of(Map.of("to", List.of(Map.of("podSelector", Map.of()))))));
        assertThat(policy(plan, "monitoring", "prometheus-scrapes").input("spec")).isEqualTo(egressOnly(
                Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus")), List.of(
                        Map.of("to", List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "feature-api")))),
                                "ports", List.of(tcp(3000))),
                        Map.of("to", ipBlocks(privateSubnets), "ports", List.of(tcp(10250), tcp(9100))),
                        Map.of("to", List.of(KUBE_DNS), "ports", List.of(tcp(9153))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyReleaseInANamespaceOfTheProgramStartsUnderItsAllowances(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource release : plan.ofType("kubernetes:helm.sh/v3:Release")) {
            String namespace = (String) release.input("namespace");
            if (namespace.equals("kube-system")) {
                continue;
            }
            // The program's own policies of the namespace; a chart's rendered policy comes with its release.
            for (PlannedResource policy : plan.where(r -> r.type().equals(POLICY) && namespace.equals(r.input("metadata.namespace"))
                    && !r.name().equals("database-dump") && !r.urn().contains("helm.sh/v3:Release$"))) {
                assertThat(release.dependencies()).as("%s waits for %s", release.name(), policy.name()).contains(policy.urn());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theVpcCniEnforcesNetworkPoliciesAtAVersionThatHasTheAgent(String stack) {
        PlannedResource cni = PlannedStacks.of(stack).one("aws:eks/addon:Addon", "vpc-cni");
        assertThat(cni.input("configurationValues")).isEqualTo("{\"enableNetworkPolicy\":\"true\"}");
        // The network policy agent ships with vpc-cni 1.14.0 and later (EKS user guide, "Limit Pod traffic with Kubernetes network policies").
        String version = (String) cni.input("addonVersion");
        assertThat(version).matches("v1\\.\\d+\\.\\d+-eksbuild\\.\\d+");
        assertThat(Integer.parseInt(version.split("\\.")[1])).isGreaterThanOrEqualTo(14);
    }
}
