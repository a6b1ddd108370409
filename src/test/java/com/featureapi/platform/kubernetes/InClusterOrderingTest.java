package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order a fresh cluster needs, as rules over the plan (DESIGN: "a custom resource depends on the release that
 * serves its CRD and admission webhook; a workload depends on its Pod Identity association").
 */
class InClusterOrderingTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

    /** API groups served by an add-on's CRDs, and the release that installs them and their webhook. */
    private static final Map<String, String> CRD_GROUPS = Map.of(
            "karpenter.sh", "karpenter",
            "karpenter.k8s.aws", "karpenter",
            "external-secrets.io", "external-secrets",
            "generators.external-secrets.io", "external-secrets",
            "monitoring.coreos.com", "kube-prometheus-stack",
            "velero.io", "velero");

    /** Groups the API server serves by itself (and the provider's own Release type). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("core", "apps", "batch", "policy", "autoscaling",
            "networking.k8s.io", "storage.k8s.io", "rbac.authorization.k8s.io", "helm.sh");

    /** Each workload and the roles of the associations its pods run with. */
    private static final Map<String, List<String>> WORKLOAD_ROLES = Map.of(
            "aws-load-balancer-controller", List.of("load-balancer-controller"),
            "cluster-autoscaler", List.of("cluster-autoscaler"),
            "external-secrets", List.of("external-secrets"),
            "feature-api", List.of("feature-api"),
            "kube-prometheus-stack", List.of("alertmanager", "grafana"),
            "fluent-bit", List.of("fluent-bit"),
            "velero", List.of("velero"),
            "tempo", List.of("tempo"),
            "external-dns", List.of("external-dns"),
            "karpenter", List.of("karpenter"));

    /** Releases whose pods call no AWS API. */
    private static final Set<String> WITHOUT_AWS_ROLE = Set.of("metrics-server", "opentelemetry-collector");

    private static String group(String type) {
        String groupVersion = type.split(":")[1];
        return groupVersion.substring(0, groupVersion.lastIndexOf('/'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyCustomResourceWaitsForTheReleaseServingItsCrdAndWebhook(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> checked = new ArrayList<>();
        for (PlannedResource resource : plan.where(r -> r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:core/")
                && !BUILT_IN_GROUPS.contains(group(r.type())))) {
            assertThat(CRD_GROUPS).as("the add-on serving %s (%s)", resource.type(), resource.name()).containsKey(group(resource.type()));
            String serving = plan.one(RELEASE, CRD_GROUPS.get(group(resource.type()))).urn();
            // A custom resource rendered from a chart is applied by its release: that release waits instead.
            PlannedResource applier = resource.rendered() ? plan.byUrn(resource.parent()) : resource;
            if (applier.urn().equals(serving)) {
                continue;
            }
            assertThat(applier.dependencies()).as("%s %s waits for release %s", resource.type(), resource.name(), serving)
                    .contains(serving);
            checked.add(resource.type() + " " + resource.name());
        }
        assertThat(checked).as("the custom resources of the program and of the app chart").contains(
                "kubernetes:generators.external-secrets.io/v1alpha1:Password grafana-admin-password",
                "kubernetes:external-secrets.io/v1:ExternalSecret grafana-admin",
                "kubernetes:external-secrets.io/v1:ClusterSecretStore aws-secrets-manager",
                "kubernetes:monitoring.coreos.com/v1:PrometheusRule platform-rules",
                "kubernetes:generators.external-secrets.io/v1alpha1:Password feature-api-secrets",
                "kubernetes:external-secrets.io/v1alpha1:PushSecret feature-api-secrets");
        if (stack.equals("staging")) {
            assertThat(checked).as("the spot pool of the staging fixture").contains(
                    "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass spot", "kubernetes:karpenter.sh/v1:NodePool spot");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyWorkloadWaitsForItsPodIdentityAssociation(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource release : plan.ofType(RELEASE)) {
            List<String> roles = WORKLOAD_ROLES.get(release.name());
            if (roles == null) {
                assertThat(WITHOUT_AWS_ROLE).as("a release with no AWS role").contains(release.name());
                continue;
            }
            for (String role : roles) {
                assertThat(release.dependencies()).as("release %s waits for the %s association", release.name(), role)
                        .contains(plan.one(ASSOCIATION, role).urn());
            }
        }
        PlannedResource dump = plan.one("kubernetes:batch/v1:CronJob", "database-dump");
        assertThat(dump.dependencies()).contains(plan.one(ASSOCIATION, "database-backup").urn());
    }
}
