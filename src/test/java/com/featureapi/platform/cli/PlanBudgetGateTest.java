package com.featureapi.platform.cli;

import com.featureapi.platform.plan.TestProject;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.lightsail.Instance;
import com.pulumi.aws.lightsail.InstanceArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget check of {@code plan} fails closed: with one unpriced line a stack within its budget on what is priced
 * cannot be said to be within it (a type no pricing rule knows, registered by a small program).
 */
class PlanBudgetGateTest {

    private static final String STACK = "config:\n  aws:region: us-east-1\n"
            + "  platform:cost:\n    monthlyBudgetUsd: 100\n    enforceBudget: %s\n";

    private static CliRun plan(Path dir, boolean enforce, boolean withUnpriced) {
        TestProject.write(dir, "dev", STACK.formatted(enforce));
        return CliRun.of((ctx, keys) -> {
            new Eip("ip");   // $0.005/h x 730 h = $3.65 a month: priced, far within $100
            if (withUnpriced) {
                new Instance("box", InstanceArgs.builder().availabilityZone("us-east-1a").blueprintId("amazon_linux_2").bundleId("nano_3_0").build());
            }
        }, "plan", "--stack", "dev", "--project-dir", dir.toString(), "--out", dir.resolve("out").toString(), "--skip-policies");
    }

    @Test
    void oneUnpricedLineMakesAnEnforcedBudgetFailAndAReportedOneWarn(@TempDir Path dir) {
        CliRun enforced = plan(dir, true, true);
        assertThat(enforced.exitCode()).isEqualTo(1);
        assertThat(enforced.err()).contains("error: stack dev costs at least $3.65 a month (fixed) plus 1 unpriced line"
                + " (aws:lightsail/instance:Instance), so its budget of $100.00 (platform:cost.monthlyBudgetUsd) cannot be checked");
        assertThat(enforced.out()).contains("budget: $100.00 a month (platform:cost.monthlyBudgetUsd): unknown: 1 unpriced line(s) on top of $3.65 fixed");
        assertThat(Files.exists(dir.resolve("out/dev/plan.json"))).as("the plan is still written").isTrue();
    }

    @Test
    void reportedOnlyItWarnsAndWithoutUnpricedLinesItPasses(@TempDir Path dir) {
        CliRun reported = plan(dir, false, true);
        assertThat(reported.exitCode()).isZero();
        assertThat(reported.err()).contains("warning: stack dev costs at least $3.65 a month (fixed) plus 1 unpriced line");
        CliRun priced = plan(dir, true, false);
        assertThat(priced.exitCode()).isZero();
        assertThat(priced.err()).doesNotContain("budget");
    }
}
