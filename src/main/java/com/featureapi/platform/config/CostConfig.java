package com.featureapi.platform.config;

/**
 * {@code platform:cost}: the budget the cost report compares the plan with, and the AWS cost guards built from it.
 *
 * @param monthlyBudgetUsd          monthly budget in US dollars, 1 to 1,000,000 (default 1000); also the limit of the
 *                                  stack's AWS Budgets budget
 * @param enforceBudget             when true, {@code ./platform plan} fails (exit 1) when the plan's fixed monthly cost
 *                                  is above the budget; when false (default) it only reports it
 * @param budgetActualAlertPercent  the budget alerts when actual spend passes this share of it, 1 to 1000 (default 80)
 * @param budgetForecastAlertPercent the budget alerts when forecast spend passes this share of it, 1 to 1000 (default 100)
 * @param anomalyThresholdPercent   Cost Anomaly Detection alerts on anomalies whose impact is at least this share of
 *                                  the expected spend, 1 to 1000 (default 20, seed 002's {@code cost_anomaly_threshold})
 */
public record CostConfig(int monthlyBudgetUsd, boolean enforceBudget, int budgetActualAlertPercent,
                         int budgetForecastAlertPercent, int anomalyThresholdPercent) {

    /** The record as the cost report knows it: the alert settings take their defaults. */
    public CostConfig(int monthlyBudgetUsd, boolean enforceBudget) {
        this(monthlyBudgetUsd, enforceBudget, 80, 100, 20);
    }

    static CostConfig read(ConfigNode node) {
        int budget = node.integer("monthlyBudgetUsd", 1000, 1, 1_000_000);
        boolean enforce = node.bool("enforceBudget", false);
        int actual = node.integer("budgetActualAlertPercent", 80, 1, 1000);
        int forecast = node.integer("budgetForecastAlertPercent", 100, 1, 1000);
        int anomaly = node.integer("anomalyThresholdPercent", 20, 1, 1000);
        node.rejectUnknownKeys();
        return new CostConfig(budget, enforce, actual, forecast, anomaly);
    }
}
