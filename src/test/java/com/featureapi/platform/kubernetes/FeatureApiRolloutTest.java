package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.featureapi.platform.plan.ChartRenderer;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a real cluster does on the second `pulumi up`, a chart edit and a rollout: the release is upgraded when the
 * chart's files change, the HPA keeps its count, and pods leave the ALB without failed requests.
 */
class FeatureApiRolloutTest {

    private static final Path CHART = Path.of(Charts.FEATURE_API_PATH);

    private static Deployment deployment(String stack) {
        return RenderedChart.typed(stack, "Deployment", "feature-api", Deployment.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theReleaseCarriesTheDigestOfTheChartsFiles(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource release = plan.one("kubernetes:helm.sh/v3:Release", "feature-api");
        String digest = ChartDigest.of(CHART);
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(release.input("values.chartDigest")).isEqualTo(digest);
        assertThat(deployment(stack).getMetadata().getAnnotations()).containsEntry("feature-api.platform/chart-digest", digest);
    }

    @Test
    void aTemplateEditUnderTheSameChartVersionChangesTheDigest(@TempDir Path copy) throws IOException {
        copyChart(copy);
        assertThat(ChartDigest.of(copy)).isEqualTo(ChartDigest.of(CHART));
        Path service = copy.resolve("templates/service.yaml");
        Files.writeString(service, Files.readString(service).replace("port: 80", "port: 8080"));
        assertThat(Files.readString(copy.resolve("Chart.yaml"))).isEqualTo(Files.readString(CHART.resolve("Chart.yaml")));
        assertThat(ChartDigest.of(copy)).isNotEqualTo(ChartDigest.of(CHART));
    }

    @Test
    void aRenamedFileChangesTheDigest(@TempDir Path copy) throws IOException {
        copyChart(copy);
        Files.move(copy.resolve("templates/pdb.yaml"), copy.resolve("templates/pdb2.yaml"));
        assertThat(ChartDigest.of(copy)).isNotEqualTo(ChartDigest.of(CHART));
    }

    @Test
    void aDirectoryWithoutAChartIsRefusedWithItsPath(@TempDir Path empty) {
        assertThatThrownBy(() -> ChartDigest.of(empty)).hasMessageContaining("no Helm chart at " + empty.toAbsolutePath())
                .hasMessageContaining("Chart.yaml missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theHpaAloneOwnsTheReplicaCount(String stack) {
        assertThat(deployment(stack).getSpec().getReplicas()).isNull();
        assertThat(RenderedChart.manifest(stack, "HorizontalPodAutoscaler", "feature-api")).isNotNull();
        assertThat(PlannedStacks.of(stack).one("kubernetes:helm.sh/v3:Release", "feature-api").input("values.replicaCount")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void podsLeaveTheAlbBeforeTheyStop(String stack) {
        PodSpec pod = deployment(stack).getSpec().getTemplate().getSpec();
        Container app = pod.getContainers().get(0);
        int preStop = app.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        Ingress ingress = RenderedChart.typed(stack, "Ingress", "feature-api", Ingress.class);
        String attributes = ingress.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/target-group-attributes");
        assertThat(attributes).isEqualTo("deregistration_delay.timeout_seconds=30");
        assertThat(preStop).isEqualTo(35).isGreaterThanOrEqualTo(30);
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(65L);
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("alb.ingress.kubernetes.io/target-type", "ip");
        PlannedResource namespace = PlannedStacks.of(stack).one("kubernetes:core/v1:Namespace", "feature-api");
        assertThat(namespace.input("metadata.labels")).isInstanceOf(Map.class)
                .satisfies(labels -> assertThat(((Map<?, ?>) labels).get("elbv2.k8s.aws/pod-readiness-gate-inject")).isEqualTo("enabled"));
    }

    @Test
    void theChartRefusesAPreStopShorterThanTheDrain() throws IOException {
        Map<String, Object> values = defaults();
        shutdown(values).put("preStopSleepSeconds", 20);
        assertThatThrownBy(() -> ChartRenderer.template(CHART, "feature-api", "feature-api", values))
                .hasMessageContaining("shutdown.preStopSleepSeconds (20) must be at least shutdown.deregistrationDelaySeconds (30)");
    }

    @Test
    void theChartRefusesAGracePeriodThatEndsInThePreStopSleep() throws IOException {
        Map<String, Object> values = defaults();
        shutdown(values).put("terminationGracePeriodSeconds", 35);
        assertThatThrownBy(() -> ChartRenderer.template(CHART, "feature-api", "feature-api", values))
                .hasMessageContaining("shutdown.terminationGracePeriodSeconds (35) must exceed shutdown.preStopSleepSeconds (35)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaults() throws IOException {
        return new ObjectMapper().convertValue(new YAMLMapper().readValue(CHART.resolve("values.yaml").toFile(), Map.class), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shutdown(Map<String, Object> values) {
        return (Map<String, Object>) values.get("shutdown");
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }
}
