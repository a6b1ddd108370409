package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a program that fails reaches the user: one message naming the stack and the root cause, never a secret. */
class ProgramFailureTest {

    @TempDir
    Path dir;

    private StackFile stack() {
        TestProject.write(dir, "dev", "config:\n  aws:region: us-east-1\n  platform:token:\n    secure: v1:AAAAcipher==\n");
        return StackFile.load(dir, "dev");
    }

    @Test
    void anExceptionOfTheProgramIsReportedByItsRootCauseWithSecretsMasked() {
        StackFile stack = stack();
        assertThatThrownBy(() -> new OfflineEngine(false).run(stack, (ctx, keys) -> {
            String token = ctx.config("platform").require("token");
            throw new IllegalStateException("wrapper", new UncheckedIOException(new IOException("cannot reach " + token)));
        })).isInstanceOf(PlanException.class)
                .hasMessage("the program failed for stack dev: IOException: cannot reach [secret]")
                .matches(e -> !((PlanException) e).isInvalidInput());
    }

    @Test
    void aPlanExceptionOfTheProgramKeepsItsOwnMessage() {
        StackFile stack = stack();
        assertThatThrownBy(() -> new OfflineEngine(false).run(stack, (ctx, keys) -> {
            throw PlanException.invalidInput("the chart ./charts/x is missing");
        })).isInstanceOf(PlanException.class).hasMessage("the chart ./charts/x is missing")
                .matches(e -> ((PlanException) e).isInvalidInput());
    }

    @Test
    void anErrorTheProgramLogsFailsThePlanWithItsFirstLine() {
        StackFile stack = stack();
        StringWriter err = new StringWriter();
        assertThatThrownBy(() -> new OfflineEngine(false, new PrintWriter(err, true)).run(stack, (ctx, keys) ->
                ctx.log().error("the budget is below the plan's cost\nsee docs/operations.md")))
                .isInstanceOf(PlanException.class)
                .hasMessage("the program failed for stack dev: the budget is below the plan's cost");
        assertThat(err.toString()).isEqualTo("pulumi error: the budget is below the plan's cost\n");
    }

    @Test
    void exceptionsKnowWhetherTheUsersInputIsAtFault() {
        assertThat(new PlanException("engine bug").isInvalidInput()).isFalse();
        assertThat(new PlanException("engine bug", new IllegalStateException()).isInvalidInput()).isFalse();
        assertThat(PlanException.invalidInput("unknown stack").isInvalidInput()).isTrue();
    }

    @Test
    void urnsLoseTheRootStackFromTheirTypeChainAndOtherTextStaysAsItIs() {
        assertThat(Urns.real("urn:pulumi:dev::platform::pulumi:pulumi:Stack$platform:network:Network::network"))
                .isEqualTo("urn:pulumi:dev::platform::platform:network:Network::network");
        assertThat(Urns.real("")).isEmpty();
        assertThat(Urns.real("x::pulumi:pulumi:Stack$y")).isEqualTo("x::pulumi:pulumi:Stack$y");
    }
}
