package com.featureapi.platform.observability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus project's PromQL grammar ({@code @prometheus-io/lezer-promql}) under the machine's node, through
 * {@code tools/promql-check/check.mjs}: one node process for a whole batch of expressions.
 */
final class PromqlParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TOOL = Path.of("tools/promql-check");

    record Result(String name, String expr, List<Map<String, Object>> errors) {
    }

    private PromqlParser() {
    }

    /** Parses each expression (name to expression) and returns, per name, the places where the parser found an error. */
    static Map<String, List<Map<String, Object>>> errors(Map<String, String> expressions) throws IOException, InterruptedException {
        Path input = Files.createTempFile("promql", ".json");
        try {
            JSON.writeValue(input.toFile(), expressions.entrySet().stream()
                    .map(e -> Map.of("name", e.getKey(), "expr", e.getValue())).toList());
            Process process = new ProcessBuilder("node", "check.mjs", input.toAbsolutePath().toString())
                    .directory(TOOL.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("tools/promql-check/check.mjs failed (run `npm ci` there): "
                        + new String(output, StandardCharsets.UTF_8));
            }
            List<Result> results = JSON.readValue(output, new TypeReference<>() {
            });
            Map<String, List<Map<String, Object>>> byName = new LinkedHashMap<>();
            results.forEach(r -> byName.put(r.name(), r.errors()));
            return byName;
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
