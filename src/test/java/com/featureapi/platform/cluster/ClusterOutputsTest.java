package com.featureapi.platform.cluster;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster tier's registered outputs: name, endpoint, a secret kubeconfig, and what it created by name. */
class ClusterOutputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void nameEndpointKubeconfigNodeGroupsAndAssociationsAreRegistered(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource cluster = plan.one("platform:cluster:Cluster", "cluster");
        assertThat(cluster.registeredOutputs()).containsOnlyKeys("clusterName", "endpoint", "kubeconfig", "nodeGroups", "podIdentityAssociations");
        assertThat(cluster.registeredOutput("clusterName")).isEqualTo("platform-" + stack).isEqualTo(plan.outputs().get("clusterName"))
                .isEqualTo(plan.one("aws:eks/cluster:Cluster", "cluster").input("name"));
        assertThat(cluster.registeredOutput("endpoint")).isEqualTo(plan.outputs().get("clusterEndpoint")).asString().startsWith("https://");
        // The kubeconfig carries a token command and the CA: never in clear in a plan.
        assertThat(cluster.registeredOutput("kubeconfig")).isEqualTo("[secret]");
        assertThat(cluster.registeredOutput("nodeGroups")).asList().containsExactlyElementsOf(
                plan.ofType("aws:eks/nodeGroup:NodeGroup").stream().map(PlannedResource::name).sorted().toList());
        assertThat(cluster.registeredOutput("podIdentityAssociations")).asList().containsExactlyInAnyOrderElementsOf(
                plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").stream().map(PlannedResource::name).toList());
    }

    /**
     * Everything the later tiers put into Kubernetes goes through the provider this tier builds from the cluster's own
     * kubeconfig: an object on the default provider would be applied to whatever cluster the CI machine's kubeconfig names.
     */
    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyKubernetesObjectGoesThroughTheClustersProvider(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource provider = plan.one("pulumi:providers:kubernetes", "kubernetes");
        assertThat(provider.parent()).isEqualTo(plan.one("platform:cluster:Cluster", "cluster").urn());
        assertThat(provider.input("kubeconfig")).isEqualTo("[secret]");
        var objects = plan.where(r -> r.type().startsWith("kubernetes:") && !r.rendered());
        assertThat(objects).hasSizeGreaterThan(20).allSatisfy(object ->
                assertThat(object.provider()).as(object.type() + " " + object.name()).startsWith(provider.urn() + "::"));
    }
}
