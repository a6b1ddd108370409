package com.featureapi.platform.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.cost.CostEstimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link PlanDiff} as JSON, for CI scripts. */
public final class DiffJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private DiffJson() {
    }

    public static String render(PlanDiff diff) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("base", diff.baseStack());
        doc.put("head", diff.headStack());
        doc.put("alerts", diff.alerts());
        doc.put("cost", cost(diff.totalCost()));
        Map<String, Object> tiers = new LinkedHashMap<>();
        diff.costByTier().forEach((t, d) -> tiers.put(t, cost(d)));
        doc.put("costByTier", tiers);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ResourceChange c : diff.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            m.put("address", c.address());
            m.put("type", c.type());
            m.put("name", c.name());
            m.put("tier", c.tier());
            m.put("stateful", c.stateful());
            m.put("protectBefore", c.protectBefore());
            m.put("protectAfter", c.protectAfter());
            m.put("stopsDeploy", c.stopsDeploy());
            m.put("replacementCauses", c.replacementCauses());
            m.put("properties", c.properties());
            m.put("cost", cost(c.cost()));
            changes.add(m);
        }
        doc.put("changes", changes);
        List<Map<String, Object>> ignored = new ArrayList<>();
        for (ResourceChange c : diff.ignored()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", c.address());
            m.put("type", c.type());
            m.put("name", c.name());
            m.put("properties", c.ignoredProperties());
            ignored.add(m);
        }
        doc.put("ignored", ignored);
        doc.put("unpriced", diff.unpriced());
        List<Map<String, Object>> ceilings = new ArrayList<>();
        for (NodeGroupCeiling c : diff.ceilings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("minBefore", c.minBefore());
            m.put("maxBefore", c.maxBefore());
            m.put("minAfter", c.minAfter());
            m.put("maxAfter", c.maxAfter());
            m.put("atMax", cost(c.atMax()));
            m.put("bound", c.bound());
            ceilings.add(m);
        }
        doc.put("nodeGroupCeilings", ceilings);
        doc.put("policyChanges", diff.policyChanges());
        try {
            return JSON.writer(PRINTER).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> cost(CostDelta d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseMonthlyUsd", CostEstimate.cents(d.baseUsd()));
        m.put("headMonthlyUsd", CostEstimate.cents(d.headUsd()));
        m.put("deltaUsd", d.known() ? CostEstimate.cents(d.deltaUsd()) : null);
        m.put("known", d.known());
        m.put("unpricedLines", d.unpriced());
        m.put("deltaPercent", d.percent().orElse(null));
        return m;
    }
}
