package com.featureapi.platform.config;

/**
 * {@code platform:cost}: the budget the cost report compares the plan with.
 *
 * @param monthlyBudgetUsd monthly budget in US dollars, 1 to 1,000,000 (default 1000)
 * @param enforceBudget    when true, {@code ./platform plan} fails (exit 1) when the plan's fixed monthly cost is
 *                         above the budget; when false (default) it only reports it
 */
public record CostConfig(int monthlyBudgetUsd, boolean enforceBudget) {

    static CostConfig read(ConfigNode node) {
        int budget = node.integer("monthlyBudgetUsd", 1000, 1, 1_000_000);
        boolean enforce = node.bool("enforceBudget", false);
        node.rejectUnknownKeys();
        return new CostConfig(budget, enforce);
    }
}
