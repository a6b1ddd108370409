package com.featureapi.platform.config;

/**
 * {@code platform:cost}: the budget the cost report compares the plan with.
 *
 * @param monthlyBudgetUsd monthly budget in US dollars, 1 to 1,000,000
 */
public record CostConfig(int monthlyBudgetUsd) {

    static CostConfig read(ConfigNode node) {
        int budget = node.integer("monthlyBudgetUsd", 1000, 1, 1_000_000);
        node.rejectUnknownKeys();
        return new CostConfig(budget);
    }
}
