package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which pods the spot pool gets, over the feature-api chart as the real Helm rendered it for each fixture stack:
 * staging has the pool (platform:cluster.spotPool.enabled), production does not.
 */
class SpotPlacementTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static Deployment deployment(String stack) {
        return RenderedChart.typed(stack, "Deployment", "feature-api", Deployment.class);
    }

    @Test
    void withThePoolOnTheApiToleratesItsTaintAndPrefersItsSpotNodes() {
        var pod = deployment("staging").getSpec().getTemplate().getSpec();
        assertThat(pod.getTolerations()).containsExactly(new Toleration("NoSchedule", "spot-instance", "Equal", null, "true"));
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .as("preferred only: the managed node groups still take the pods when spot capacity is short").isNull();
        List<PreferredSchedulingTerm> preferred = pod.getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(preferred).hasSize(1);
        assertThat(preferred.get(0).getWeight()).isEqualTo(100);
        assertThat(preferred.get(0).getPreference().getMatchExpressions()).containsExactly(
                new NodeSelectorRequirement("karpenter.sh/nodepool", "In", List.of(SpotPool.NAME)),
                new NodeSelectorRequirement("karpenter.sh/capacity-type", "In", List.of("spot")));
    }

    @Test
    void theTolerationMatchesTheTaintAndThePreferenceTheLabelsOfThePlannedNodePool() {
        Plan plan = PlannedStacks.of("staging");
        PlannedResource pool = plan.one("kubernetes:karpenter.sh/v1:NodePool", SpotPool.NAME);
        assertThat(pool.input("spec.template.spec.taints")).isEqualTo(List.of(Map.of("key", "spot-instance", "value", "true", "effect", "NoSchedule")));
        assertThat(pool.input("metadata.name")).isEqualTo("spot");
        assertThat(String.valueOf(pool.input("spec.template.spec.requirements")))
                .contains("{key=karpenter.sh/capacity-type, operator=In, values=[spot]}");
        Toleration toleration = deployment("staging").getSpec().getTemplate().getSpec().getTolerations().get(0);
        assertThat(toleration.getKey()).isEqualTo(SpotPool.TAINT_KEY);
    }

    @Test
    void withoutThePoolThePodsHaveNoTolerationAndNoAffinity() {
        var pod = deployment("production").getSpec().getTemplate().getSpec();
        assertThat(pod.getTolerations()).isEmpty();
        assertThat(pod.getAffinity()).isNull();
        assertThat(PlannedStacks.of("production").one(RELEASE, "feature-api").input("values.spotPool.enabled")).isEqualTo(false);
    }

    /**
     * Nothing else in the staging plan tolerates the taint: no other release's values (Karpenter itself, the
     * autoscaler, Prometheus and Alertmanager with their volumes, Velero ...) and no other rendered object.
     */
    @Test
    void noStatefulOrControllerWorkloadToleratesTheSpotTaint() {
        Plan plan = PlannedStacks.of("staging");
        for (PlannedResource release : plan.ofType(RELEASE)) {
            if (release.name().equals("feature-api")) {
                continue;
            }
            assertThat(String.valueOf(release.input("values"))).as(release.name()).doesNotContain(SpotPool.TAINT_KEY);
        }
        List<PlannedResource> tolerating = plan.where(r -> r.rendered() && String.valueOf(r.inputs()).contains(SpotPool.TAINT_KEY));
        assertThat(tolerating).extracting(PlannedResource::name).containsExactly("feature-api/feature-api");
        assertThat(plan.one(RELEASE, "karpenter").input("values.tolerations")).as("the controller never on its own nodes").isNull();
    }

    /**
     * Consolidation respects the app's PodDisruptionBudget: Karpenter evicts through the Eviction API and does not
     * voluntarily disrupt a node while a PDB blocks (Karpenter v1.14 docs, concepts/disruption.md), unless the
     * NodePool sets {@code terminationGracePeriod}, which the pool does not. The budget lets one pod go at a time
     * (min 2 replicas, minAvailable 1), so it never blocks consolidation for ever either, and a pod that never became
     * ready is evictable.
     */
    @Test
    void consolidationDrainsTheApiOnePodAtATimeWithinItsDisruptionBudget() {
        PodDisruptionBudget pdb = RenderedChart.typed("staging", "PodDisruptionBudget", "feature-api", PodDisruptionBudget.class);
        HorizontalPodAutoscaler hpa = RenderedChart.typed("staging", "HorizontalPodAutoscaler", "feature-api", HorizontalPodAutoscaler.class);
        assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(hpa.getSpec().getMinReplicas()).as("at least one more replica than the budget keeps").isEqualTo(2);
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment("staging").getSpec().getSelector().getMatchLabels());
        PlannedResource pool = PlannedStacks.of("staging").one("kubernetes:karpenter.sh/v1:NodePool", SpotPool.NAME);
        assertThat(pool.input("spec.template.spec.terminationGracePeriod")).as("no grace period that overrides blocking PDBs").isNull();
        // A spot interruption gives two minutes: the pod's preStop sleep and its own stop fit inside.
        assertThat(deployment("staging").getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isLessThan(120L);
    }
}
