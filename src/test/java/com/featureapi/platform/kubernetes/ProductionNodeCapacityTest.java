package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.kubernetes.ManagedNodeCapacityTest.Component;
import com.featureapi.platform.kubernetes.ManagedNodeCapacityTest.Requests;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.featureapi.platform.plan.TestProject;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's steady pods fit its two managed node groups at minSize, each group on its own: the monitoring group
 * (m5.large, tainted {@code monitoring=true:NoSchedule}) takes exactly the pods that select {@code workload: monitoring},
 * the app group (m5.xlarge) everything else, and the DaemonSets run on every node of both. Once as the fixture stands
 * (no spot pool) and once with the spot pool turned on as a team would turn it on (the chart's two Karpenter controllers,
 * 1 CPU / 1 Gi each, on the app group). Allocatable per node as in {@link ManagedNodeCapacityTest} (EKS AL2023,
 * nodeadm): an m5.xlarge reserves 6% of the first core, 1% of the second and 0.5% of the third and fourth (80m) and
 * 11 Mi x 58 pods + 255 Mi of memory, plus the 100 Mi hard eviction.
 */
class ProductionNodeCapacityTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final long M5_XLARGE_ALLOCATABLE_MILLICPU = 4000 - 80;
    private static final long M5_XLARGE_ALLOCATABLE_MI = 16384 - (11 * 58 + 255) - 100;

    record Group(String name, String instanceType, int nodes, long milliCpu, long mebibytes) {
    }

    private static Group group(Plan plan, String name, long perNodeMilliCpu, long perNodeMi, String instanceType) {
        PlannedResource group = plan.one("aws:eks/nodeGroup:NodeGroup", name);
        assertThat(group.input("instanceTypes")).as(name).isEqualTo(List.of(instanceType));
        int nodes = ((Number) group.input("scalingConfig.minSize")).intValue();
        return new Group(name, instanceType, nodes, nodes * perNodeMilliCpu, nodes * perNodeMi);
    }

    /** The values section whose nodeSelector places a component's pod (sidecars go where their pod goes). */
    private static String section(Component c) {
        return switch (c.requests()) {
            case "prometheusOperator.prometheusConfigReloader.resources.requests" -> "prometheus.prometheusSpec";
            case "grafana.sidecar.resources.requests" -> "grafana";
            default -> c.requests().equals("resources.requests") ? "" : c.requests().substring(0, c.requests().length() - ".resources.requests".length());
        };
    }

    private static boolean onMonitoringNodes(PlannedResource release, Component c) {
        String base = section(c);
        Object selector = release.input("values." + (base.isEmpty() ? "" : base + ".") + "nodeSelector");
        return selector instanceof Map<?, ?> map && "monitoring".equals(map.get("workload"));
    }

    private static void assertFits(Plan plan, String what) {
        Group app = group(plan, "app-nodes", M5_XLARGE_ALLOCATABLE_MILLICPU, M5_XLARGE_ALLOCATABLE_MI, "m5.xlarge");
        Group monitoring = group(plan, "monitoring-nodes", ManagedNodeCapacityTest.M5_LARGE_ALLOCATABLE_MILLICPU,
                ManagedNodeCapacityTest.M5_LARGE_ALLOCATABLE_MI, "m5.large");
        Requests onApp = ManagedNodeCapacityTest.app(plan);
        Requests onMonitoring = new Requests(0, 0);
        for (Component c : ManagedNodeCapacityTest.COMPONENTS) {
            List<PlannedResource> releases = plan.where(r -> r.type().equals(RELEASE) && r.name().equals(c.release()));
            if (releases.isEmpty()) {
                assertThat(c.release()).as("only Karpenter is absent, and only without the spot pool").isEqualTo("karpenter");
                continue;
            }
            PlannedResource release = releases.get(0);
            if (c.perNode()) {
                onApp = onApp.plus(ManagedNodeCapacityTest.requests(release, c, app.nodes()));
                onMonitoring = onMonitoring.plus(ManagedNodeCapacityTest.requests(release, c, monitoring.nodes()));
            } else if (onMonitoringNodes(release, c)) {
                onMonitoring = onMonitoring.plus(ManagedNodeCapacityTest.requests(release, c, 0));
            } else {
                onApp = onApp.plus(ManagedNodeCapacityTest.requests(release, c, 0));
            }
        }
        assertWithin(what, app, onApp);
        assertWithin(what, monitoring, onMonitoring);
    }

    private static void assertWithin(String what, Group group, Requests requests) {
        ManagedNodeCapacityTest.assertFits(what + ", " + group.name() + ": " + requests.milliCpu() + "m CPU, " + requests.mebibytes()
                + " Mi of " + group.milliCpu() + "m, " + group.mebibytes() + " Mi on " + group.nodes() + " " + group.instanceType(),
                requests, group.milliCpu(), group.mebibytes());
    }

    @Test
    void theAppStaysOffTheTaintedMonitoringNodes() {
        Deployment app = RenderedChart.typed("production", "Deployment", "feature-api", Deployment.class);
        assertThat(app.getSpec().getTemplate().getSpec().getTolerations()).extracting(Toleration::getKey).doesNotContain("monitoring");
        assertThat(PlannedStacks.of("production").one("aws:eks/nodeGroup:NodeGroup", "monitoring-nodes").input("taints"))
                .isEqualTo(List.of(Map.of("key", "monitoring", "value", "true", "effect", "NO_SCHEDULE")));
    }

    @Test
    void productionsSteadyPodsFitEachManagedGroupAtMinSize() {
        assertFits(PlannedStacks.of("production"), "production");
    }

    @Test
    void theyStillFitWithTheSpotPoolOnAndItsTwoControllersOnTheAppNodes() {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(TestProject.temporaryDirectory(), "production", config ->
                ((ObjectNode) config.get("platform:cluster")).putObject("spotPool").put("enabled", true).put("cpuLimit", 16)), "production");
        PlannedResource karpenter = plan.one(RELEASE, "karpenter");
        assertThat(karpenter.input("values.replicas")).isEqualTo(2L);
        assertThat(karpenter.input("values.controller.resources.requests")).isEqualTo(Map.of("cpu", "1", "memory", "1Gi"));
        assertFits(plan, "production with the spot pool");
    }
}
