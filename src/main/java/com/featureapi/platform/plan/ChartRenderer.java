package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helm 3 itself (helm-java: Helm's Go code in the jar, no binary, no network) renders a local chart with the
 * values a release gets, as {@code helm template} would. Used by the offline engine and by the tests.
 *
 * <p>Hooks: {@code helm template} prints the chart's hooks after its manifest, but helm-java's template
 * command returns only the manifest (its Go side prints {@code rel.Manifest}, never {@code rel.Hooks}; still
 * so in helm-java 0.0.21). So the chart is rendered from a temporary copy in which the hook annotation keys
 * {@code helm.sh/hook*} are spelled {@value #HOOK_STAND_IN}{@code *}: Helm then renders the hook templates
 * as ordinary objects, and the keys are spelled back in its output. Nothing else of the chart changes, so the
 * hook objects are exactly what Helm renders for the hooks.
 */
public final class ChartRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * helm-java calls Helm's Go code through JNA and says nothing of calling it from two threads at once, so
     * renders take turns (the offline engine renders inside its own turn; tests also render directly).
     */
    private static final Object HELM = new Object();

    static final String HOOK_ANNOTATION = "helm.sh/hook";
    static final String HOOK_STAND_IN = "helm-java.offline-plan/hook";

    private ChartRenderer() {
    }

    /** The manifests of a release, hooks included, in Helm's install order. */
    public static String template(Path chartDir, String releaseName, String namespace, Map<String, Object> values) {
        // Ctrl-C: the undo waits for the render in progress, whose finally removes its working copy (deleting it
        // from the hook instead would race the copy still being written); a render after that never starts.
        try (Interrupts.Registration waitOnInterrupt = Interrupts.onInterrupt(() -> {
            synchronized (HELM) {
                // the render in progress has ended
            }
        })) {
            synchronized (HELM) {
                if (Interrupts.shuttingDown()) {
                    throw new PlanException("interrupted before rendering " + releaseName);
                }
                return render(chartDir, releaseName, namespace, values);
            }
        }
    }

    private static String render(Path chartDir, String releaseName, String namespace, Map<String, Object> values) {
        Path work = null;
        try {
            work = Files.createTempDirectory("chart-" + releaseName);
            Path chartCopy = copyWithHooksAsObjects(chartDir, work.resolve(chartDir.getFileName().toString()));
            Path valuesFile = work.resolve("values.json");
            // JSON is YAML: Helm reads the file as it reads any values file.
            Files.writeString(valuesFile, JSON.writeValueAsString(values), StandardCharsets.UTF_8);
            String rendered = new Helm(chartCopy).template()
                    .withName(releaseName)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    .call();
            Interrupts.reclaimSignals();   // Helm's Go runtime took SIGINT
            return rendered.replace(HOOK_STAND_IN, HOOK_ANNOTATION);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the chart " + chartDir + " for release " + releaseName, e);
        } finally {
            Directories.deleteQuietly(work);
        }
    }

    private static Path copyWithHooksAsObjects(Path chartDir, Path target) throws IOException {
        try (var files = Files.walk(chartDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(chartDir.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (chartDir.relativize(file).startsWith("templates")) {
                    Files.writeString(copy, Files.readString(file, StandardCharsets.UTF_8).replace(HOOK_ANNOTATION, HOOK_STAND_IN),
                            StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** {@link #template} as objects: one map per YAML document, empty documents left out. */
    public static List<Map<String, Object>> objects(Path chartDir, String releaseName, String namespace, Map<String, Object> values) {
        return parse(template(chartDir, releaseName, namespace, values));
    }

    /** The YAML documents of rendered manifests as maps. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> parse(String manifests) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && document.isObject() && document.size() > 0) {
                    objects.add(JSON.convertValue(document, Map.class));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Helm rendered manifests that are not YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** {@code helm lint} of a chart with its own values. */
    public static LintResult lint(Path chartDir) {
        synchronized (HELM) {
            return new Helm(chartDir).lint().strict().call();
        }
    }
}
