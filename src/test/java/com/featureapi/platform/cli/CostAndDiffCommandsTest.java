package com.featureapi.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cost} and {@code diff} on the project's own plans, and the cost phase and budget gate of {@code plan}. */
class CostAndDiffCommandsTest {

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    static Path dir;

    private static String staging;
    private static String production;

    @BeforeAll
    static void writePlans() {
        staging = PlanWriter.write(PlannedStacks.of("staging"), dir).toString();
        production = PlanWriter.write(PlannedStacks.of("production"), dir).toString();
    }

    @Test
    void costPrintsEveryTierAndTheTotals() {
        CliRun run = cli("cost", "--plan", production);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Monthly cost of platform/production (us-east-1, on-demand list prices, 730 hours a month)\n")
                .contains("\ncluster  $673.64\n").contains("\ndata  $1,230.44\n")
                .contains("    3 x cache.r5.large")
                .contains("\nkubernetes  $27.38\n")
                .contains("\nedge  $10.00\n")
                .contains("fixed: $2,066.06 a month\n")
                .contains("unpriced lines: 0\n")
                .contains("budget: $2,500.00 a month (platform:cost.monthlyBudgetUsd): within, $433.94 left");
    }

    @Test
    void costAsJsonForTools() throws IOException {
        CliRun run = cli("cost", "--plan", production, "--format", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("fixedMonthlyUsd").decimalValue()).isEqualByComparingTo("2066.06");
        assertThat(json.get("unpricedLines").asInt()).isZero();
        assertThat(json.get("byTier").get("network").decimalValue()).isEqualByComparingTo("109.50");
    }

    @Test
    void costWithAUsageFile() throws IOException {
        Path usage = dir.resolve("usage.yaml");
        Files.writeString(usage, "defaults:\n  aws:ec2/natGateway:NatGateway:\n    monthlyProcessedGb: 100\n");
        // 3 gateways x 100 GB x 0.045 = 13.50
        CliRun run = cli("cost", "--plan", production, "--usage", usage.toString(), "--format", "markdown");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("- usage-based: $13.50 a month from usage.yaml").contains("| **total** | **$2,079.56** |");
    }

    @Test
    void recommendAsJsonForTheWeeklyRun() throws IOException {
        CliRun run = cli("cost", "--plan", production, "--recommend", "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("stack").asText()).isEqualTo("production");
        assertThat(json.get("fixedMonthlyUsd").decimalValue()).isEqualByComparingTo("2066.06");
        assertThat(json.get("budgetUsd").decimalValue()).isEqualByComparingTo("2500");
        assertThat(json.get("budgetVerdict").asText()).isEqualTo("within");
        JsonNode first = json.get("recommendations").get(0);
        // 3 cache.r5.large nodes x 730 h x (0.216 - 0.147) = 151.11, the largest known saving
        assertThat(first.get("kind").asText()).isEqualTo("reserved");
        assertThat(first.get("savingsMonthlyUsd").decimalValue()).isEqualByComparingTo("151.11");
        JsonNode unknown = json.get("recommendations").get(json.get("recommendations").size() - 1);
        assertThat(unknown.get("savingsKnown").asBoolean()).isFalse();
        assertThat(unknown.get("savingsMonthlyUsd").isNull()).isTrue();
        assertThat(json.get("unknownSavings").asInt()).isPositive();
    }

    @Test
    void recommendAsMarkdownNamesTheConfigKeyAndRisk() {
        CliRun run = cli("cost", "--plan", production, "--recommend", "--format", "markdown");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("### Savings for `production`\n\n$2,066.06 a month fixed, budget $2,500.00 (within); ")
                .contains("| $83.22 | graviton: m5.xlarge -> m6g.xlarge | `platform:cluster.nodeGroups[0].instanceTypes` | medium | `aws:eks/nodeGroup:NodeGroup::app-nodes` |")
                .contains("| unknown | reserved: a one-year, no-upfront reserved DB instance (db.r5.xlarge, Multi-AZ) |");
    }

    @Test
    void costOfAMissingPlanExitsTwo() {
        CliRun run = cli("cost", "--plan", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: no plan at " + dir.resolve("nope.json") + "; write one with ./platform plan --stack NAME\n");
    }

    @Test
    void diffStagingToProductionInMarkdown() {
        CliRun run = cli("diff", "--base", staging, "--head", production, "--format", "markdown");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("## Plan diff: `staging` → `production`")
                // staging 536.005 (427.10 + internal ALB 16.425 + 8 alarms 0.80 + 2 keys + Prometheus/Alertmanager volumes 4.40
                // + its web ACL 10.00 + the app's 3 own secrets 1.20)
                // + a third m5.large app node for Karpenter's controller, 0.096 x 730 = 70.08, and its 50 GiB gp3 root volume 4.00)
                // -> production 2066.055 (its web ACL and secrets too): +1530.05, +285.5%
                .contains("**Monthly cost:** $536.01 → $2,066.06 (+$1,530.05, +285.5%)")
                .contains("| + | `NodeGroup` monitoring-nodes | cluster | +$156.16, new |");
    }

    @Test
    void diffPricesEachSideWithItsOwnStacksUsageFile() throws IOException {
        String nat = "version: 1\ndefaults:\n  aws:ec2/natGateway:NatGateway:\n    monthlyProcessedGb: 100\n";
        Path productionOnly = Files.createDirectories(dir.resolve("usage-production"));
        Files.writeString(productionOnly.resolve("cost-usage.production.yaml"), nat);
        // The head (production) gets its 3 gateways x 100 GB x $0.045 = $13.50: $2,066.06 -> $2,079.56, +$1,543.55.
        assertThat(cli("diff", "--base", staging, "--head", production, "--format", "markdown", "--usage-dir", productionOnly.toString()).out())
                .contains("**Monthly cost:** $536.01 → $2,079.56 (+$1,543.55, +");
        Path stagingOnly = Files.createDirectories(dir.resolve("usage-staging"));
        Files.writeString(stagingOnly.resolve("cost-usage.staging.yaml"), nat);
        // Staging's file prices staging only: the head stays $2,066.06.
        assertThat(cli("diff", "--base", staging, "--head", production, "--format", "markdown", "--usage-dir", stagingOnly.toString()).out())
                .contains(" → $2,066.06 (+$");
    }

    @Test
    void failOnIncreaseExitsOneAboveTheThresholdOnly() {
        CliRun above = cli("diff", "--base", staging, "--head", production, "--fail-on-increase", "10%");
        assertThat(above.exitCode()).isEqualTo(1);
        assertThat(above.err()).isEqualTo("error: the monthly cost rises by $1,530.05 (285.5%), above --fail-on-increase 10%\n");
        assertThat(cli("diff", "--base", staging, "--head", production, "--fail-on-increase", "2000").exitCode()).isZero();
        assertThat(cli("diff", "--base", production, "--head", staging, "--fail-on-increase", "0").exitCode()).isZero();
        CliRun bad = cli("diff", "--base", staging, "--head", production, "--fail-on-increase", "lots");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void planEndsWithTheCostAndFailsAnEnforcedBudget(@TempDir Path project) {
        StackFiles.copyEdited(project, "staging", config -> ((ObjectNode) config.get("platform:cost"))
                .put("monthlyBudgetUsd", 100).put("enforceBudget", true));
        CliRun run = cli("plan", "--stack", "staging", "--project-dir", project.toString(), "--out", project.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("monthly cost (on-demand list prices, 730 hours a month;")
                .contains("total: $536.01 a month\n")
                .contains("budget: $100.00 a month (platform:cost.monthlyBudgetUsd): OVER by $436.01 (enforced)");
        assertThat(run.err()).isEqualTo("error: stack staging costs $536.01 a month (fixed), over its budget of $100.00 (platform:cost.monthlyBudgetUsd)\n");
    }

    @Test
    void aTypeAwsDoesNotOfferStopsThePlanBeforeAnythingIsRegistered(@TempDir Path project) {
        StackFiles.copyEdited(project, "staging", config -> ((ObjectNode) config.get("platform:database")).put("instanceClass", "db.t3.huge"));
        CliRun run = cli("plan", "--stack", "staging", "--project-dir", project.toString(), "--out", project.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("platform:database.instanceClass = \"db.t3.huge\": is not an RDS for PostgreSQL instance class offered and priced in us-east-1; did you mean \"db.t3.large\"?");
        assertThat(project.resolve("out/staging/plan.json")).doesNotExist();
    }
}
