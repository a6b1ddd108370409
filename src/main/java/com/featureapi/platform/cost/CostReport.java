package com.featureapi.platform.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The breakdown of a {@link CostEstimate} as text (terminal), Markdown (pull requests) or JSON (tools). */
public final class CostReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private CostReport() {
    }

    /** {@code $1,973.56}: two decimals, thousands separated; a signed variant for deltas. */
    public static String usd(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        BigDecimal cents = CostEstimate.cents(amount);
        return (cents.signum() < 0 ? "-$" : "$") + format.format(cents.abs());
    }

    /** "1 unpriced line", "3 unpriced lines": the one phrase every report, gate and comment uses for a count of lines without a price. */
    public static String unpricedLines(long count) {
        return count + " unpriced line" + (count == 1 ? "" : "s");
    }

    /** A unit price as the catalog has it: {@code $0.045 per GB processed}. */
    public static String unitPrice(CostLine line) {
        return "$" + line.price().price().stripTrailingZeros().toPlainString() + " per " + line.price().unit();
    }

    /** The amount column of a line: its monthly amount, or why there is none. */
    static String amount(CostLine line) {
        return switch (line.kind()) {
            case FREE -> "free";
            case UNPRICED -> "unpriced";
            case FIXED -> usd(line.monthlyUsd());
            case USAGE -> line.hasAmount() ? usd(line.monthlyUsd()) : unitPrice(line);
        };
    }

    static String detail(CostLine line) {
        List<String> parts = new ArrayList<>();
        if (line.quantity() != null && line.price() != null) {
            parts.add(line.quantity().stripTrailingZeros().toPlainString() + " x " + unitPrice(line));
        }
        if (line.note() != null) {
            parts.add(line.note());
        }
        if (line.unconfirmed()) {
            parts.add("unconfirmed price");
        }
        return String.join("; ", parts);
    }

    public static String text(CostEstimate estimate) {
        StringBuilder out = new StringBuilder();
        out.append("Monthly cost of ").append(estimate.project()).append('/').append(estimate.stack())
                .append(" (").append(estimate.region()).append(", on-demand list prices, 730 hours a month)\n");
        Map<String, List<ResourceCost>> byTier = byTier(estimate);
        for (Map.Entry<String, List<ResourceCost>> tier : byTier.entrySet()) {
            out.append('\n').append(tier.getKey()).append("  ").append(usd(estimate.byTier().get(tier.getKey()))).append('\n');
            List<ResourceCost> free = new ArrayList<>();
            for (ResourceCost resource : tier.getValue()) {
                if (resource.free()) {
                    free.add(resource);
                    continue;
                }
                out.append("  ").append(resource.type()).append("  ").append(resource.name())
                        .append(resource.region().equals(estimate.region()) ? "" : "  [" + resource.region() + "]").append('\n');
                for (CostLine line : resource.lines()) {
                    out.append(String.format(Locale.ROOT, "    %-58s %14s%s%n", marked(line), amount(line),
                            detail(line).isEmpty() ? "" : "  " + detail(line)));
                }
            }
            if (!free.isEmpty()) {
                out.append("  free: ").append(freeSummary(free)).append('\n');
            }
        }
        out.append('\n');
        appendTotals(estimate, out, false);
        return out.toString();
    }

    /** Per tier and the totals only: the last part of {@code ./platform plan}. */
    public static String summary(CostEstimate estimate) {
        StringBuilder out = new StringBuilder();
        out.append("monthly cost (on-demand list prices, 730 hours a month; ./platform cost --plan <plan.json> for every line):\n");
        estimate.byTier().forEach((tier, amount) -> out.append(String.format(Locale.ROOT, "  %-16s %14s%n", tier, usd(amount))));
        appendTotals(estimate, out, false);
        return out.toString();
    }

    private static void appendTotals(CostEstimate estimate, StringBuilder out, boolean markdown) {
        String bullet = markdown ? "- " : "";
        out.append(bullet).append("fixed: ").append(usd(estimate.fixedUsd())).append(" a month\n");
        out.append(bullet).append("usage-based: ").append(usd(estimate.usageUsd())).append(" a month from ")
                .append(estimate.usageFile().orElse("no usage file")).append("; ")
                .append(estimate.usageLinesWithoutValue()).append(" usage line(s) without a value show their unit price\n");
        out.append(bullet).append("total: ").append(usd(estimate.totalUsd())).append(" a month\n");
        out.append(bullet).append("unpriced lines: ").append(estimate.unpricedLines())
                .append(estimate.unpricedTypes().isEmpty() ? "" : " (" + String.join(", ", estimate.unpricedTypes()) + ")").append('\n');
        out.append(bullet).append("lines on unconfirmed prices: ").append(estimate.unconfirmedLines())
                .append(estimate.unconfirmedLines() == 0 ? "" : " (marked *)").append('\n');
        estimate.budgetUsd().ifPresent(budget -> out.append(bullet).append("budget: ").append(usd(budget)).append(" a month (platform:cost.monthlyBudgetUsd): ")
                .append(!estimate.overBudget() && estimate.unpricedLines() > 0
                        ? "unknown: " + estimate.unpricedLines() + " unpriced line(s) on top of " + usd(estimate.fixedUsd()) + " fixed"
                        : estimate.overBudget()
                        ? "OVER by " + usd(CostEstimate.cents(estimate.fixedUsd()).subtract(budget)) + (estimate.enforceBudget() ? " (enforced)" : " (reported only; set platform:cost.enforceBudget to fail)")
                        : "within, " + usd(budget.subtract(CostEstimate.cents(estimate.fixedUsd()))) + " left")
                .append('\n'));
    }

    private static String marked(CostLine line) {
        return (line.unconfirmed() ? "* " : "") + line.label();
    }

    private static String freeSummary(List<ResourceCost> free) {
        Map<String, Integer> counts = new TreeMap<>();
        free.forEach(r -> counts.merge(shortType(r.type()), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((type, n) -> parts.add(n + " " + type));
        return String.join(", ", parts);
    }

    /** {@code aws:ec2/subnet:Subnet} to {@code Subnet}, {@code kubernetes:core/v1:Service} to {@code Service}. */
    public static String shortType(String type) {
        int colon = type.lastIndexOf(':');
        return colon >= 0 ? type.substring(colon + 1) : type;
    }

    private static Map<String, List<ResourceCost>> byTier(CostEstimate estimate) {
        Map<String, List<ResourceCost>> result = new TreeMap<>();
        estimate.resources().forEach(r -> result.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r));
        return result;
    }

    public static String markdown(CostEstimate estimate) {
        StringBuilder out = new StringBuilder();
        out.append("### Monthly cost of `").append(estimate.stack()).append("`: ").append(usd(estimate.totalUsd())).append("\n\n");
        out.append("| tier | monthly |\n|---|---:|\n");
        estimate.byTier().forEach((tier, amount) -> out.append("| ").append(tier).append(" | ").append(usd(amount)).append(" |\n"));
        out.append("| **total** | **").append(usd(estimate.totalUsd())).append("** |\n\n");
        appendTotals(estimate, out, true);
        out.append("\n<details><summary>every line</summary>\n\n| tier | resource | line | monthly | detail |\n|---|---|---|---:|---|\n");
        for (ResourceCost resource : estimate.resources()) {
            if (resource.free()) {
                continue;
            }
            for (CostLine line : resource.lines()) {
                out.append("| ").append(resource.tier()).append(" | `").append(shortType(resource.type())).append("` ").append(resource.name())
                        .append(" | ").append(marked(line).replace("|", "\\|")).append(" | ").append(amount(line))
                        .append(" | ").append(detail(line).replace("|", "\\|")).append(" |\n");
            }
        }
        long free = estimate.resources().stream().filter(ResourceCost::free).count();
        out.append("\n").append(free).append(" free resources (subnets, roles, rules, ...) are left out of this table.\n\n</details>\n");
        return out.toString();
    }

    public static String json(CostEstimate estimate) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", estimate.project());
        document.put("stack", estimate.stack());
        document.put("region", estimate.region());
        document.put("currency", "USD");
        document.put("hoursPerMonth", 730);
        document.put("fixedMonthlyUsd", CostEstimate.cents(estimate.fixedUsd()));
        document.put("usageMonthlyUsd", CostEstimate.cents(estimate.usageUsd()));
        document.put("totalMonthlyUsd", CostEstimate.cents(estimate.totalUsd()));
        Map<String, BigDecimal> tiers = new TreeMap<>();
        estimate.byTier().forEach((t, a) -> tiers.put(t, CostEstimate.cents(a)));
        document.put("byTier", tiers);
        document.put("unpricedLines", estimate.unpricedLines());
        document.put("unpricedTypes", List.copyOf(estimate.unpricedTypes()));
        document.put("unconfirmedLines", estimate.unconfirmedLines());
        document.put("usageLinesWithoutValue", estimate.usageLinesWithoutValue());
        document.put("usageFile", estimate.usageFile().orElse(null));
        document.put("budgetUsd", estimate.budgetUsd().orElse(null));
        document.put("overBudget", estimate.overBudget());
        document.put("budgetVerdict", estimate.budgetVerdict());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceCost r : estimate.resources()) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("urn", r.urn());
            resource.put("type", r.type());
            resource.put("name", r.name());
            resource.put("tier", r.tier());
            resource.put("region", r.region());
            resource.put("monthlyUsd", CostEstimate.cents(r.monthlyUsd()));
            List<Map<String, Object>> lines = new ArrayList<>();
            for (CostLine l : r.lines()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("label", l.label());
                line.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
                line.put("quantity", l.quantity());
                line.put("unit", l.price() == null ? null : l.price().unit());
                line.put("unitPriceUsd", l.price() == null ? null : l.price().price());
                line.put("monthlyUsd", l.monthlyUsd() == null ? null : CostEstimate.cents(l.monthlyUsd()));
                line.put("priceKey", l.price() == null ? null : l.price().key());
                line.put("source", l.price() == null ? null : l.price().source());
                line.put("confidence", l.price() == null ? null : l.price().confirmed() ? "confirmed" : "unconfirmed");
                line.put("note", l.note());
                lines.add(line);
            }
            resource.put("lines", lines);
            resources.add(resource);
        }
        document.put("resources", resources);
        try {
            return JSON.writer(PRINTER).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
