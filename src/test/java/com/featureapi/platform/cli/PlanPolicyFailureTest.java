package com.featureapi.platform.cli;

import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.policy.PolicyPackDir;
import com.featureapi.platform.policy.ScriptedPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} when the analyzer dies while the engine streams resources to it: the phase fails with the one
 * paragraph and exit code it always had, no plan is written and node is gone.
 */
@BesideInProcessTests
class PlanPolicyFailureTest {

    @Test
    void anAnalyzerThatDiesWhileTheEngineStreamsFailsThePlanWithExitOne(@TempDir Path pack, @TempDir Path out) throws IOException {
        ScriptedPacks.dyingOnTheVpc(pack);
        String urnPrefix = "urn:pulumi:staging::" + PlannedStacks.of("staging").project() + "::";

        CliRun run = CliRun.of("plan", "--stack", "staging", "--out", out.toString(), "--policy-pack", pack.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the policy phase of stack staging failed, so no plan was written: policy pack "
                + PolicyPackDir.of(pack).dir() + ": Analyze " + urnPrefix);
        assertThat(run.err()).containsOnlyOnce(" failed: ").endsWith("\n(to plan without policies: --skip-policies)\n");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(out.resolve("staging/plan.json")).doesNotExist();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("run-policy-pack"))
                .filter(p -> p.info().commandLine().orElse("").contains(pack.toString()))
                .forEach(p -> assertThat(p.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive()).isFalse());
    }
}
