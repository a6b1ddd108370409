package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staging's steady pods fit its managed node group at minSize, with Karpenter's controller on it (the controller never
 * runs on the spot pool's nodes, and the app's pods may stay there when spot capacity is short). The requests are read
 * from the staging fixture's plan, component by component (a release the table does not know fails the test, so a new
 * add-on is counted). Allocatable per node is the EKS AL2023 AMI's (awslabs/amazon-eks-ami nodeadm
 * internal/kubelet/config.go): kube-reserved CPU 6% of the first core + 1% of the second (70m of an m5.large's 2,000m),
 * memory 11 Mi x maxPods (29 on m5.large) + 255 Mi = 574 Mi, and the kubelet's hard eviction at 100 Mi.
 * What EKS runs itself (CoreDNS, kube-proxy, the VPC CNI, the EBS CSI driver, the Pod Identity agent) sets its own
 * requests outside the plan: {@link #EKS_ADDON_MARGIN} of the CPU is left for them.
 */
class ManagedNodeCapacityTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    /** m5.large: 2 vCPUs less 70m kube-reserved. */
    static final long M5_LARGE_ALLOCATABLE_MILLICPU = 2000 - 70;
    /** m5.large: 8,192 Mi less 574 Mi kube-reserved and 100 Mi hard eviction. */
    static final long M5_LARGE_ALLOCATABLE_MI = 8192 - 574 - 100;
    /** Share of the CPU left for EKS's own add-ons (CoreDNS 2 x 100m, kube-proxy 100m and the CNI's 25m a node, ...). */
    static final BigDecimal EKS_ADDON_MARGIN = new BigDecimal("0.15");

    /**
     * A steady pod of a release: where its requests and replica count are in the release's values.
     *
     * @param perNode a DaemonSet: one pod on each node
     * @param pods    pods per replica that carry these requests (the Grafana chart's two sidecars, the config
     *                reloader in the Prometheus and the Alertmanager pod)
     */
    record Component(String release, String requests, String replicas, int defaultReplicas, boolean perNode, int pods) {
        static Component of(String release, String requests, String replicas, int defaultReplicas) {
            return new Component(release, requests, replicas, defaultReplicas, false, 1);
        }
    }

    static final List<Component> COMPONENTS = List.of(
            Component.of("aws-load-balancer-controller", "resources.requests", "replicaCount", 2),
            Component.of("cluster-autoscaler", "resources.requests", "replicaCount", 1),
            Component.of("external-dns", "resources.requests", "replicaCount", 1),
            Component.of("external-secrets", "resources.requests", "replicaCount", 1),
            Component.of("external-secrets", "webhook.resources.requests", "webhook.replicaCount", 1),
            Component.of("external-secrets", "certController.resources.requests", "certController.replicaCount", 1),
            // Karpenter 1.14.1's values.yaml: replicas 2.
            Component.of("karpenter", "controller.resources.requests", "replicas", 2),
            Component.of("metrics-server", "resources.requests", "replicas", 1),
            new Component("fluent-bit", "resources.requests", null, 0, true, 1),
            Component.of("kube-prometheus-stack", "prometheus.prometheusSpec.resources.requests", "prometheus.prometheusSpec.replicas", 1),
            Component.of("kube-prometheus-stack", "alertmanager.alertmanagerSpec.resources.requests", "alertmanager.alertmanagerSpec.replicas", 1),
            new Component("kube-prometheus-stack", "prometheusOperator.prometheusConfigReloader.resources.requests", null, 1, false, 2),
            Component.of("kube-prometheus-stack", "prometheusOperator.resources.requests", "prometheusOperator.replicas", 1),
            Component.of("kube-prometheus-stack", "grafana.resources.requests", "grafana.replicas", 1),
            new Component("kube-prometheus-stack", "grafana.sidecar.resources.requests", "grafana.replicas", 1, false, 2),
            Component.of("kube-prometheus-stack", "kube-state-metrics.resources.requests", "kube-state-metrics.replicas", 1),
            new Component("kube-prometheus-stack", "prometheus-node-exporter.resources.requests", null, 0, true, 1),
            Component.of("opentelemetry-collector", "resources.requests", "replicaCount", 1),
            Component.of("tempo", "tempo.resources.requests", "replicas", 1),
            Component.of("velero", "resources.requests", "replicas", 1));

    /** Releases with no steady pod of their own, or counted from the rendered chart (feature-api). */
    static final Set<String> COUNTED_ELSEWHERE = Set.of("feature-api");

    record Requests(long milliCpu, long mebibytes) {
        Requests plus(Requests other) {
            return new Requests(milliCpu + other.milliCpu, mebibytes + other.mebibytes);
        }

        Requests times(long n) {
            return new Requests(milliCpu * n, mebibytes * n);
        }
    }

    static Requests of(Object requests) {
        if (!(requests instanceof Map<?, ?> map) || map.get("cpu") == null || map.get("memory") == null) {
            throw new AssertionError("no cpu and memory requests in " + requests);
        }
        BigDecimal cpu = Quantity.getAmountInBytes(new Quantity(String.valueOf(map.get("cpu")))).multiply(BigDecimal.valueOf(1000));
        BigDecimal memory = Quantity.getAmountInBytes(new Quantity(String.valueOf(map.get("memory")))).divide(BigDecimal.valueOf(1024L * 1024));
        return new Requests(cpu.longValueExact(), memory.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    /** The steady requests on the managed nodes of a plan with {@code nodes} managed nodes. */
    static Requests steady(Plan plan, int nodes) {
        Requests total = new Requests(0, 0);
        for (Component c : COMPONENTS) {
            total = total.plus(requests(plan.one(RELEASE, c.release()), c, nodes));
        }
        return total.plus(app(plan));
    }

    /** What a component of {@code release} requests in all: each pod's requests times its pods ({@code nodes} for a DaemonSet). */
    static Requests requests(PlannedResource release, Component c, int nodes) {
        Object replicas = c.replicas() == null ? null : release.input("values." + c.replicas());
        long count = c.perNode() ? nodes : (replicas instanceof Number n ? n.longValue() : c.defaultReplicas());
        return of(release.input("values." + c.requests())).times(count * c.pods());
    }

    /** The requests fit: CPU within the allocatable less {@link #EKS_ADDON_MARGIN}, memory within the allocatable. */
    static void assertFits(String measured, Requests requests, long allocatableMilliCpu, long allocatableMi) {
        System.out.println(measured);
        assertThat(BigDecimal.valueOf(requests.milliCpu())).as(measured)
                .isLessThanOrEqualTo(BigDecimal.valueOf(allocatableMilliCpu).multiply(BigDecimal.ONE.subtract(EKS_ADDON_MARGIN)));
        assertThat(requests.mebibytes()).as(measured).isLessThanOrEqualTo(allocatableMi);
    }

    /** The app: its Deployment's requests at the HPA's minimum (preferred onto the spot pool, but not required). */
    static Requests app(Plan plan) {
        Map<String, Quantity> app = RenderedChart.typed(plan, "Deployment", "feature-api", Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests();
        Map<String, String> appRequests = Map.of("cpu", app.get("cpu").toString(), "memory", app.get("memory").toString());
        HorizontalPodAutoscaler hpa = RenderedChart.typed(plan, "HorizontalPodAutoscaler", "feature-api", HorizontalPodAutoscaler.class);
        return of(appRequests).times(hpa.getSpec().getMinReplicas());
    }

    @Test
    void everyReleaseOfStagingIsCounted() {
        Set<String> counted = COMPONENTS.stream().map(Component::release).collect(Collectors.toCollection(TreeSet::new));
        counted.addAll(COUNTED_ELSEWHERE);
        Set<String> releases = PlannedStacks.of("staging").ofType(RELEASE).stream().map(PlannedResource::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(releases).isEqualTo(counted);
    }

    @Test
    void stagingsSteadyPodsWithKarpentersControllerFitTheAppNodesAtMinSize() {
        Plan plan = PlannedStacks.of("staging");
        PlannedResource group = plan.one("aws:eks/nodeGroup:NodeGroup", "app-nodes");
        assertThat(group.input("instanceTypes")).isEqualTo(List.of("m5.large"));
        int nodes = ((Number) group.input("scalingConfig.minSize")).intValue();
        Requests requests = steady(plan, nodes);
        long cpu = nodes * M5_LARGE_ALLOCATABLE_MILLICPU;
        long memory = nodes * M5_LARGE_ALLOCATABLE_MI;
        assertFits("staging managed nodes: " + requests.milliCpu() + "m CPU, " + requests.mebibytes() + " Mi of " + cpu + "m, "
                + memory + " Mi on " + nodes + " nodes", requests, cpu, memory);
    }
}
