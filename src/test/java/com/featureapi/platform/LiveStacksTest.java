package com.featureapi.platform;

import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.policy.PolicyResult;
import com.featureapi.platform.policy.PolicyRunner;
import com.featureapi.platform.policy.SharedAnalyzer;
import com.featureapi.platform.policy.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stack files ({@code Pulumi.<stack>.yaml} of the project, every one of them, so a stack a pull request
 * adds is checked too), for what any valid change must keep: the config validates, the program plans, the policy
 * pack finds no mandatory violation, and the fixed monthly cost is known and within the stack's
 * {@code platform:cost.monthlyBudgetUsd}. Nothing else about their values is pinned here: tests of the program's
 * behaviour read the fixture stacks ({@link FixtureStacks}), so an image tag, replicas, a database class or
 * node-group sizes change without touching a test.
 */
@BesideInProcessTests
class LiveStacksTest {

    private static final Path PROJECT = Path.of(".");
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    static List<String> liveStacks() {
        return StackFile.stacks(PROJECT);
    }

    /**
     * The plan of a live stack. When the live file holds exactly the fixture's settings (as after the fixture was
     * refreshed from it), it is the fixture's shared plan: the suite plans each distinct stack once.
     */
    private static Plan plan(String stack) {
        return PLANS.computeIfAbsent(stack, s -> {
            StackFile live = StackFile.load(PROJECT, s);
            boolean sameAsFixture = Files.isRegularFile(FixtureStacks.stackFile(s)) && live.equals(FixtureStacks.load(s));
            return sameAsFixture ? PlannedStacks.of(s) : PlannedStacks.plan(PROJECT, s);
        });
    }

    @ParameterizedTest
    @MethodSource("liveStacks")
    void theStackValidatesAndPlans(String stack) {
        Plan plan;
        try {
            plan = plan(stack);
        } catch (InvalidConfigException e) {
            throw new AssertionError("Pulumi." + stack + ".yaml is not valid:\n" + e.getMessage(), e);
        }
        assertThat(plan.stack()).isEqualTo(stack);
        assertThat(plan.resources()).as("resources of stack %s", stack).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("liveStacks")
    void thePolicyPackFindsNoMandatoryViolation(String stack) {
        PolicyResult result = PolicyRunner.run(List.of(SharedAnalyzer.get()), plan(stack), stack, PROJECT);
        boolean hasPolicyConfig = Files.isRegularFile(PROJECT.resolve("policies/config/" + stack + ".json"));
        assertThat(result.verdicts()).filteredOn(Verdict::mandatory)
                .as("mandatory violations of Pulumi.%s.yaml (fix the config%s)", stack, hasPolicyConfig
                        ? ", or the policy config policies/config/" + stack + ".json"
                        : "; there is no policies/config/" + stack + ".json, so the pack applies its strictest (production) settings:"
                        + " a new stack copied from staging needs a copy of policies/config/staging.json too")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("liveStacks")
    void theFixedMonthlyCostIsKnownAndWithinTheStacksBudget(String stack) {
        CostEstimate cost = CostEstimator.estimate(plan(stack), UsageFile.forStack(PROJECT, stack));
        assertThat(cost.unpricedLines()).as("cost lines of stack %s without a price (unknown is never zero)", stack).isZero();
        assertThat(cost.budgetUsd()).as("platform:cost.monthlyBudgetUsd of stack %s", stack).isPresent();
        assertThat(cost.fixedUsd())
                .as("fixed monthly cost of stack %s, %s, against its budget %s (raise platform:cost.monthlyBudgetUsd in the same change if intended)",
                        stack, CostReport.usd(cost.fixedUsd()), CostReport.usd(cost.budgetUsd().orElseThrow()))
                .isLessThanOrEqualTo(cost.budgetUsd().orElseThrow());
    }
}
