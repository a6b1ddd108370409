package com.featureapi.platform.cli;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.review.PullRequestPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gates of {@code platform diff} at their boundaries, on plans of the production fixture stack and of pull
 * requests against it: a cost increase exactly at the threshold, one unpriced line, one stateful replacement.
 */
class DiffGatesTest {

    @TempDir
    Path dir;

    private String write(String name, Plan plan) {
        return PlanWriter.write(plan, dir.resolve(name)).toString();
    }

    @Test
    void theCostGatePassesExactlyAtTheThresholdAndFailsACentBelowIt() {
        String base = write("base", PullRequestPlans.base());
        String head = write("head", PullRequestPlans.BIGGER_DATABASE.get());
        // db.r5.xlarge -> db.r5.2xlarge Multi-AZ: (2.00 - 1.00) $/h x 730 h = +$730.00 a month.
        assertThat(CliRun.of("diff", "--base", base, "--head", head, "--fail-on-increase", "730").exitCode()).isZero();
        CliRun over = CliRun.of("diff", "--base", base, "--head", head, "--fail-on-increase", "729.99");
        assertThat(over.exitCode()).isEqualTo(1);
        assertThat(over.err()).startsWith("error: the monthly cost rises by $730.00 (").endsWith("%), above --fail-on-increase $729.99\n");
    }

    @Test
    void oneUnpricedLineFailsTheCostGateWhateverTheThreshold() {
        String base = write("base", PullRequestPlans.base());
        String head = write("head", PullRequestPlans.withInputs(PullRequestPlans.base(), "aws:rds/instance:Instance", "postgres",
                in -> PullRequestPlans.with(in, "instanceClass", "db.z9.huge")));
        CliRun run = CliRun.of("diff", "--base", base, "--head", head, "--fail-on-increase", "1000000", "--format", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: the monthly cost change is unknown (1 unpriced line, listed above; an unpriced line is never"
                + " read as $0), so --fail-on-increase $1000000 fails\n");
        assertThat(run.out()).contains("\"known\" : false", "\"deltaUsd\" : null",
                "\"reason\" : \"no price for rds.postgres-multi-az.db.z9.huge in the us-east-1 catalog\"");
        // Without a cost gate the diff itself succeeds: unknown is shown, not an error.
        assertThat(CliRun.of("diff", "--base", base, "--head", head).exitCode()).isZero();
    }

    @Test
    void oneStatefulReplacementFailsTheDataRiskGateAndARippleThatReplacesNothingStatefulPasses() {
        String base = write("base", PullRequestPlans.base());
        String replaced = write("replaced", PullRequestPlans.DATABASE_MASTER_USER.get());
        CliRun run = CliRun.of("diff", "--base", base, "--head", replaced, "--fail-on-data-risk");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: replaces aws:rds/instance:Instance postgres (stateful), refused by --fail-on-data-risk\n");
        assertThat(run.out()).contains("the deploy will stop here: postgres is protected");
        assertThat(CliRun.of("diff", "--base", base, "--head", replaced).exitCode()).as("no gate asked for").isZero();
        String subnet = write("subnet", PullRequestPlans.DATABASE_SUBNET_CIDR.get());
        assertThat(CliRun.of("diff", "--base", base, "--head", subnet, "--fail-on-data-risk").exitCode()).isZero();
    }
}
