package com.featureapi.platform.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code platform cost --recommend}: the stack's monthly cost against its budget and the savings, largest first, as
 * text, Markdown (an issue or a pull request) or JSON (tools: the weekly optimization run reads it).
 */
public final class RecommendationReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private RecommendationReport() {
    }

    /** Sum of the known savings (a recommendation with an unknown figure adds nothing and is counted apart). */
    public static BigDecimal knownSavings(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::savingsUsd).flatMap(Optional::stream).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public static long unknownSavings(List<Recommendation> recommendations) {
        return recommendations.stream().filter(r -> r.savingsUsd().isEmpty()).count();
    }

    /** A figure or the word {@code unknown}: never $0.00 for a missing price. */
    public static String figure(Optional<BigDecimal> usd) {
        return usd.map(CostReport::usd).orElse("unknown");
    }

    public static String text(CostEstimate estimate, List<Recommendation> recommendations) {
        StringBuilder out = new StringBuilder();
        out.append("Savings for ").append(estimate.project()).append('/').append(estimate.stack()).append(" (").append(estimate.region())
                .append("): ").append(heading(estimate, recommendations)).append("\n\n");
        int i = 1;
        for (Recommendation r : recommendations) {
            out.append(i++).append(". ").append(figure(r.savingsUsd())).append(" a month").append(r.estimate() ? " (estimate)" : "")
                    .append("  [").append(r.kind().label()).append(", risk ").append(r.risk().label()).append("]  ").append(r.resource()).append('\n')
                    .append("   ").append(r.action()).append('\n')
                    .append("   change: ").append(r.configKey()).append('\n')
                    .append("   ").append(figure(r.currentUsd())).append(" -> ").append(figure(r.proposedUsd())).append(": ").append(r.basis()).append('\n')
                    .append("   risk: ").append(r.riskNote()).append('\n');
        }
        if (recommendations.isEmpty()) {
            out.append("No recommendation: nothing in the plan or the usage file points at a saving.\n");
        }
        return out.toString();
    }

    public static String markdown(CostEstimate estimate, List<Recommendation> recommendations) {
        StringBuilder out = new StringBuilder();
        out.append("### Savings for `").append(estimate.stack()).append("`\n\n").append(heading(estimate, recommendations)).append("\n\n");
        if (recommendations.isEmpty()) {
            return out.append("No recommendation: nothing in the plan or the usage file points at a saving.\n").toString();
        }
        out.append(table(recommendations));
        out.append("\n<details><summary>How each figure is computed</summary>\n\n");
        int i = 1;
        for (Recommendation r : recommendations) {
            out.append(i++).append(". `").append(r.resource()).append("`: ").append(figure(r.currentUsd())).append(" → ")
                    .append(figure(r.proposedUsd())).append(" = ").append(r.basis().replace("|", "\\|")).append(". Risk: ").append(r.riskNote()).append('\n');
        }
        return out.append("\n</details>\n").toString();
    }

    /** The Markdown table of the given recommendations (the review shows the first three of a stack). */
    public static String table(List<Recommendation> recommendations) {
        StringBuilder out = new StringBuilder("| saving a month | what | config key | risk | resource |\n|---:|---|---|---|---|\n");
        for (Recommendation r : recommendations) {
            out.append("| ").append(figure(r.savingsUsd())).append(r.estimate() ? " (estimate)" : "").append(" | ")
                    .append(r.kind().label()).append(": ").append(cell(r.action())).append(" | `").append(cell(r.configKey())).append("` | ")
                    .append(r.risk().label()).append(" | `").append(cell(r.resource())).append("` |\n");
        }
        return out.toString();
    }

    public static String json(CostEstimate estimate, List<Recommendation> recommendations) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", estimate.project());
        document.put("stack", estimate.stack());
        document.put("region", estimate.region());
        document.put("currency", "USD");
        document.put("fixedMonthlyUsd", CostEstimate.cents(estimate.fixedUsd()));
        document.put("unpricedLines", estimate.unpricedLines());
        document.put("budgetUsd", estimate.budgetUsd().orElse(null));
        document.put("budgetVerdict", estimate.budgetVerdict());
        document.put("knownSavingsMonthlyUsd", CostEstimate.cents(knownSavings(recommendations)));
        document.put("unknownSavings", unknownSavings(recommendations));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Recommendation r : recommendations) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", r.kind().label());
            item.put("resource", r.resource());
            item.put("action", r.action());
            item.put("configKey", r.configKey());
            item.put("currentMonthlyUsd", r.currentUsd().map(CostEstimate::cents).orElse(null));
            item.put("proposedMonthlyUsd", r.proposedUsd().map(CostEstimate::cents).orElse(null));
            item.put("savingsMonthlyUsd", r.savingsUsd().map(CostEstimate::cents).orElse(null));
            item.put("savingsKnown", r.savingsUsd().isPresent());
            item.put("estimate", r.estimate());
            item.put("risk", r.risk().label());
            item.put("riskNote", r.riskNote());
            item.put("basis", r.basis());
            items.add(item);
        }
        document.put("recommendations", items);
        try {
            return JSON.writer(PRINTER).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stack's fixed monthly cost against its budget, and what the recommendations save. */
    private static String heading(CostEstimate estimate, List<Recommendation> recommendations) {
        String cost = CostReport.usd(estimate.fixedUsd()) + " a month fixed" + (estimate.unpricedLines() > 0
                ? " + " + CostReport.unpricedLines(estimate.unpricedLines()) + " (total unknown)" : "");
        String budget = estimate.budgetUsd().map(b -> ", budget " + CostReport.usd(b) + " (" + estimate.budgetVerdict() + ")").orElse(", no budget set");
        long unknown = unknownSavings(recommendations);
        return cost + budget + "; " + recommendations.size() + " recommendation" + (recommendations.size() == 1 ? "" : "s") + ", "
                + CostReport.usd(knownSavings(recommendations)) + " a month known" + (unknown > 0 ? " + " + unknown + " unknown" : "")
                + " (not additive: a Graviton change and a reservation of the same resource overlap)";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
