package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local charts rendered into the plan by Helm itself (helm-java), on a chart of two objects and a hook that this
 * test writes: what {@link ChartRenderer} returns and how {@link RenderedCharts} puts it under its release.
 */
class RenderedChartsTest {

    private static final String RELEASE_URN = "urn:pulumi:dev::platform::platform:kubernetes:Workloads$kubernetes:helm.sh/v3:Release::app";

    @TempDir
    Path project;

    /** {@code charts/tiny}: a ConfigMap and a Service, a pre-install Job hook, a template that renders nothing, a binary file. */
    private Path tinyChart() {
        Path chart = project.resolve("charts/tiny");
        write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\ndescription: test chart\n");
        write(chart.resolve("values.yaml"), "greeting: hello\nport: 8080\n");
        write(chart.resolve("templates/configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-config
                  labels: {zeta: last, alpha: first}
                data:
                  greeting: {{ .Values.greeting | quote }}
                """);
        write(chart.resolve("templates/service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                  namespace: elsewhere
                spec:
                  ports: [{port: {{ .Values.port }}}]
                """);
        write(chart.resolve("templates/migrate.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: {{ .Release.Name }}-migrate
                  annotations:
                    helm.sh/hook: pre-install,pre-upgrade
                    helm.sh/hook-weight: "-5"
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "busybox:1.36"}]
                """);
        write(chart.resolve("templates/disabled.yaml"), "{{- if .Values.extra }}\napiVersion: v1\nkind: Secret\n{{- end }}\n");
        try {
            Files.createDirectories(chart.resolve("files"));
            Files.write(chart.resolve("files/logo.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chart;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PlannedResource release(Map<String, Object> inputs) {
        return new PlannedResource(RELEASE_URN, RenderedCharts.HELM_RELEASE, "app", "urn:pulumi:dev::platform::platform:kubernetes:Workloads::k8s",
                true, "", new TreeMap<>(inputs), List.of(), new TreeMap<>(), false, false, false, List.of(), List.of(), List.of());
    }

    private static long leftoverWorkDirectories(String releaseName) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("chart-" + releaseName)).count();
        }
    }

    @Test
    void helmRendersTheObjectsAndTheHooksOfAChartInInstallOrder() throws IOException {
        Path chart = tinyChart();
        List<Map<String, Object>> objects = ChartRenderer.objects(chart, "demo", "apps", Map.of("greeting", "hi there"));

        assertThat(objects).extracting(o -> o.get("kind")).containsExactly("ConfigMap", "Service", "Job");
        assertThat(objects.get(0)).containsEntry("data", Map.of("greeting", "hi there"))
                .extractingByKey("metadata").isEqualTo(Map.of("name", "demo-config", "labels", Map.of("alpha", "first", "zeta", "last")));
        assertThat(objects.get(1)).extractingByKey("spec").isEqualTo(Map.of("ports", List.of(Map.of("port", 8080))));
        // The hook is rendered as Helm renders it, with its annotations spelled as the chart spells them.
        assertThat(objects.get(2)).extractingByKey("metadata").isEqualTo(Map.of("name", "demo-migrate",
                "annotations", Map.of("helm.sh/hook", "pre-install,pre-upgrade", "helm.sh/hook-weight", "-5")));
        // A release name of this run alone, so that working copies other runs left behind do not count.
        String probe = "probe-" + Long.toString(System.nanoTime(), 36);
        assertThat(ChartRenderer.template(chart, probe, "apps", Map.of())).doesNotContain(ChartRenderer.HOOK_STAND_IN)
                .contains("name: " + probe + "-config");
        // The chart itself is untouched, and the working copy is gone.
        assertThat(Files.readString(chart.resolve("templates/migrate.yaml"))).contains("helm.sh/hook: pre-install");
        assertThat(leftoverWorkDirectories(probe)).isZero();
    }

    @Test
    void parseKeepsEveryObjectDocumentAndDropsEmptyOnes() {
        assertThat(ChartRenderer.parse("---\n# only a comment\n---\n{}\n---\nkind: A\n---\njust text\n---\n- a list\n---\nkind: B\nx: 1\n"))
                .containsExactly(Map.of("kind", "A"), Map.of("kind", "B", "x", 1));
        assertThat(ChartRenderer.parse("")).isEmpty();
        assertThatThrownBy(() -> ChartRenderer.parse("kind: A\n  bad: [\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Helm rendered manifests that are not YAML: ");
    }

    @Test
    void lintPassesAValidChartAndFailsOneWithoutAVersion() {
        Path chart = tinyChart();
        assertThat(ChartRenderer.lint(chart).isFailed()).isFalse();
        write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: tiny\n");
        var broken = ChartRenderer.lint(chart);
        assertThat(broken.isFailed()).isTrue();
        assertThat(String.join("\n", broken.getMessages())).contains("version");
    }

    @Test
    void aLocalReleaseIsFollowedByItsObjectsAsRenderedChildren() {
        tinyChart();
        PlannedResource other = new PlannedResource("urn:pulumi:dev::platform::kubernetes:core/v1:Namespace::apps",
                "kubernetes:core/v1:Namespace", "apps", "", true, "", new TreeMap<>(), List.of(), new TreeMap<>(),
                false, false, false, List.of(), List.of(), List.of());
        PlannedResource release = release(Map.of("chart", "./charts/tiny", "name", "feature-api", "namespace", "apps",
                "values", Map.of("greeting", "from the program")));

        List<PlannedResource> result = RenderedCharts.addTo(List.of(other, release), project);

        assertThat(result.get(0)).isSameAs(other);
        assertThat(result.get(1).chartRendered()).isTrue();
        assertThat(result.get(1).chartRenderedReason()).isEqualTo("local chart ./charts/tiny rendered with helm-java: 3 objects");
        assertThat(result.subList(2, result.size())).extracting(PlannedResource::type, PlannedResource::name, PlannedResource::urn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kubernetes:core/v1:ConfigMap", "apps/feature-api-config",
                                RELEASE_URN.replace("::app", "$kubernetes:core/v1:ConfigMap::apps/feature-api-config")),
                        org.assertj.core.groups.Tuple.tuple("kubernetes:core/v1:Service", "elsewhere/feature-api",
                                RELEASE_URN.replace("::app", "$kubernetes:core/v1:Service::elsewhere/feature-api")),
                        org.assertj.core.groups.Tuple.tuple("kubernetes:batch/v1:Job", "apps/feature-api-migrate",
                                RELEASE_URN.replace("::app", "$kubernetes:batch/v1:Job::apps/feature-api-migrate")));
        PlannedResource configMap = result.get(2);
        assertThat(configMap.parent()).isEqualTo(RELEASE_URN);
        assertThat(configMap.rendered()).isTrue();
        assertThat(configMap.custom()).isTrue();
        assertThat(configMap.input("data.greeting")).isEqualTo("from the program");
        // Nested objects of a rendered manifest are sorted like every other input.
        assertThat(new java.util.ArrayList<Object>(((SortedMap<?, ?>) configMap.inputs().get("metadata")).keySet())).containsExactly("labels", "name");
        assertThat(new java.util.ArrayList<Object>(((SortedMap<?, ?>) configMap.input("metadata.labels")).keySet())).containsExactly("alpha", "zeta");
    }

    @Test
    void aReleaseWithoutNameOrNamespaceIsRenderedAsTheReleaseResourceInDefault() {
        tinyChart();
        List<PlannedResource> result = RenderedCharts.addTo(List.of(release(Map.of("chart", "./charts/tiny"))), project);
        assertThat(result).extracting(PlannedResource::name).containsExactly("app", "default/app-config", "elsewhere/app", "default/app-migrate");
    }

    @Test
    void remoteChartsAreMarkedNotRenderedWithChartVersionAndRepository() {
        PlannedResource fromRepository = release(Map.of("chart", "kube-prometheus-stack", "version", "65.1.0",
                "repositoryOpts", Map.of("repo", "https://prometheus-community.github.io/helm-charts")));
        PlannedResource byName = release(Map.of("chart", "oci://registry.example/charts/app", "version", "1.0.0"));
        PlannedResource pathWithRepository = release(Map.of("chart", "./charts/tiny", "repositoryOpts", Map.of("repo", "https://charts.example")));
        tinyChart();

        List<PlannedResource> result = RenderedCharts.addTo(List.of(fromRepository, byName, pathWithRepository), project);

        assertThat(result).extracting(PlannedResource::chartRendered).containsExactly(false, false, false);
        assertThat(result).extracting(PlannedResource::chartRenderedReason).containsExactly(
                "remote chart kube-prometheus-stack 65.1.0 from https://prometheus-community.github.io/helm-charts: not rendered (the plan cannot fetch charts)",
                "remote chart oci://registry.example/charts/app 1.0.0: not rendered (the plan cannot fetch charts)",
                "remote chart ./charts/tiny from https://charts.example: not rendered (the plan cannot fetch charts)");
    }

    @Test
    void localChartPathsAreRelativeToTheProjectOrAbsolute() {
        Path chart = tinyChart();
        Path nested = project.resolve("infra");
        write(nested.resolve(".keep"), "");
        assertThat(RenderedCharts.addTo(List.of(release(Map.of("chart", "../charts/tiny"))), nested)).hasSize(4);
        assertThat(RenderedCharts.addTo(List.of(release(Map.of("chart", chart.toAbsolutePath().toString()))), nested)).hasSize(4);
    }

    @Test
    void aLocalChartMissingFromTheProjectIsMarkedNotRendered() {
        List<PlannedResource> result = RenderedCharts.addTo(List.of(release(Map.of("chart", "./charts/missing"))), project);
        assertThat(result).singleElement().satisfies(r -> {
            assertThat(r.chartRendered()).isFalse();
            assertThat(r.chartRenderedReason())
                    .isEqualTo("local chart ./charts/missing is not in the project directory: not rendered (pulumi up there would fail)");
        });
    }

    @Test
    void valuesHelmCannotRenderNameTheRelease() {
        Path chart = tinyChart();
        write(chart.resolve("templates/required.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"image.tag is required\" .Values.image }}\n");
        assertThatThrownBy(() -> RenderedCharts.addTo(List.of(release(Map.of("chart", "./charts/tiny"))), project))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("Helm cannot render the chart of release app with the values the program gives it: ")
                .hasMessageContaining("image.tag is required");
    }

    @Test
    void typeTokensAndChildUrnsFollowThePulumiKubernetesProvider() {
        assertThat(RenderedCharts.typeToken("v1", "ConfigMap")).isEqualTo("kubernetes:core/v1:ConfigMap");
        assertThat(RenderedCharts.typeToken("networking.k8s.io/v1", "NetworkPolicy")).isEqualTo("kubernetes:networking.k8s.io/v1:NetworkPolicy");
        assertThat(RenderedCharts.childUrn("urn:pulumi:dev::platform::kubernetes:helm.sh/v3:Release::app", "kubernetes:core/v1:Service", "ns/app"))
                .isEqualTo("urn:pulumi:dev::platform::kubernetes:helm.sh/v3:Release$kubernetes:core/v1:Service::ns/app");
        assertThatThrownBy(() -> RenderedCharts.childUrn("release-app", "t", "n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a URN: release-app");
        Map<String, Object> manifest = new LinkedHashMap<>(Map.of("kind", "Secret", "apiVersion", "v1"));
        assertThat(RenderedCharts.object(release(Map.of()), manifest, "apps").name()).isEqualTo("apps/null");
    }
}
