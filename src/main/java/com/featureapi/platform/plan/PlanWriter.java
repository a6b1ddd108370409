package com.featureapi.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes {@code plan.json} (schema: docs/plan-schema.md): pretty-printed with sorted keys, resources sorted
 * by URN, "\n" line ends, no timestamps or paths, so two plans of the same sources are byte-identical.
 */
public final class PlanWriter {

    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private PlanWriter() {
    }

    public static String toJson(Plan plan) {
        return toJson(plan, null);
    }

    /** The plan with the verdicts of the policy phase as its {@code policies} section (null: no section). */
    public static String toJson(Plan plan, Map<String, Object> policies) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (policies != null) {
            document.put("policies", policies);
        }
        document.put("schemaVersion", SCHEMA_VERSION);
        document.put("project", plan.project());
        document.put("stack", plan.stack());
        document.put("config", plan.config());
        document.put("summary", summary(plan));
        document.put("resources", plan.resources());
        document.put("outputs", plan.outputs());
        try {
            return JSON.writer(PRINTER).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new PlanException("cannot write the plan of stack " + plan.stack() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code <outDir>/<stack>/plan.json} and returns its path. */
    public static Path write(Plan plan, Path outDir) {
        return write(plan, null, outDir);
    }

    /** Writes the plan with its {@code policies} section (null: none) to {@code <outDir>/<stack>/plan.json}. */
    public static Path write(Plan plan, Map<String, Object> policies, Path outDir) {
        Path file = outDir.resolve(plan.stack()).resolve("plan.json");
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "plan", ".json.tmp");
            try (Interrupts.Registration removeOnInterrupt = Interrupts.onInterrupt(() -> temporary.toFile().delete())) {
                Files.writeString(temporary, toJson(plan, policies), StandardCharsets.UTF_8);
                // Rename into place so a failed write never leaves half a plan behind.
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new PlanException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> summary(Plan plan) {
        Tiers tiers = new Tiers(plan);
        SortedMap<String, Integer> byTier = new TreeMap<>();
        SortedMap<String, Integer> byType = new TreeMap<>();
        int custom = 0;
        for (PlannedResource resource : plan.resources()) {
            byTier.merge(tiers.of(resource), 1, Integer::sum);
            byType.merge(resource.type(), 1, Integer::sum);
            custom += resource.custom() ? 1 : 0;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("resources", plan.resources().size());
        summary.put("custom", custom);
        summary.put("components", plan.resources().size() - custom);
        summary.put("byTier", byTier);
        summary.put("byType", byType);
        return summary;
    }
}
