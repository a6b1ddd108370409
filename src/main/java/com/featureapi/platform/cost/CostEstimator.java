package com.featureapi.platform.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.Tiers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices a plan: every cloud resource (components and Pulumi providers are not billed and left out) through
 * {@link PricingRules}, with the catalog of the region it is created in (its explicit provider's
 * {@code region}, else {@code aws:region}).
 */
public final class CostEstimator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CostEstimator() {
    }

    public static CostEstimate estimate(Plan plan, UsageFile usage) {
        return estimate(plan, usage, LocalDate.now(ZoneOffset.UTC));
    }

    /** {@code asOf} decides which EKS versions are past standard support. */
    public static CostEstimate estimate(Plan plan, UsageFile usage, LocalDate asOf) {
        String stackRegion = plan.config().getOrDefault("aws:region", "");
        Map<String, PlannedResource> byUrn = new HashMap<>();
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
        Tiers tiers = new Tiers(plan);
        int azs = availabilityZones(plan);
        List<ResourceCost> costs = new ArrayList<>();
        for (PlannedResource resource : plan.resources()) {
            if (!resource.custom() || resource.type().startsWith("pulumi:")) {
                continue;
            }
            String region = regionOf(resource, byUrn, stackRegion);
            PricingContext context = new PricingContext(plan.stack(), resource, region, AwsCatalog.forRegion(region), usage, byUrn,
                    plan.resources(), asOf, azs);
            costs.add(new ResourceCost(resource.urn(), resource.type(), resource.name(), tiers.of(resource), region,
                    List.copyOf(PricingRules.price(context))));
        }
        JsonNode cost = parse(plan.config().get("platform:cost"));
        Optional<BigDecimal> budget = cost.has("monthlyBudgetUsd") ? Optional.of(cost.get("monthlyBudgetUsd").decimalValue()) : Optional.empty();
        boolean enforce = cost.path("enforceBudget").asBoolean(false);
        return new CostEstimate(plan.project(), plan.stack(), stackRegion, List.copyOf(costs), budget, enforce, usage.origin());
    }

    private static String regionOf(PlannedResource resource, Map<String, PlannedResource> byUrn, String stackRegion) {
        String provider = resource.provider();
        if (provider != null && provider.contains("::")) {
            String urn = provider.substring(0, provider.lastIndexOf("::"));
            PlannedResource p = byUrn.get(urn);
            if (p != null && p.inputs().get("region") instanceof String region && !region.isEmpty()) {
                return region;
            }
        }
        return stackRegion;
    }

    private static int availabilityZones(Plan plan) {
        JsonNode network = parse(plan.config().get("platform:network"));
        int azs = network.path("availabilityZones").size();
        return azs > 0 ? azs : 2;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.equals("[secret]")) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.createObjectNode() : node;
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
