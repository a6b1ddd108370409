package com.featureapi.platform.cli;

import com.featureapi.platform.config.ConfigProblem;
import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.plan.TestProject;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `platform plan` on small programs: exit codes, messages and secrecy, independent of the real App. */
class PlanCommandProgramsTest {

    private static CliRun cli(OfflineEngine.Program program, String... args) {
        return CliRun.of(program, args);
    }

    /** Reads the secrets both ways a program can: marked ({@code requireSecret}) and carelessly ({@code require}). */
    private static final OfflineEngine.Program READS_SECRETS = (ctx, keys) -> {
        var config = ctx.config();
        new Vpc("main", VpcArgs.builder().cidrBlock("10.0.0.0/16")
                .tags(Map.of("careless", config.require("dbPassword")))
                .build());
        ctx.export("password", config.requireSecret("dbPassword"));
        ctx.export("alerts", config.require("alerts"));
        ctx.log().warn("the alert webhook is not verified offline");
    };

    @TempDir
    static Path project;
    @TempDir
    static Path out;

    static CliRun text;
    static CliRun json;

    @BeforeAll
    static void planTheSecretStackTwice() {
        TestProject.write(project, "dev", TestProject.STACK_WITH_SECRETS);
        text = cli(READS_SECRETS, "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", out.toString());
        json = cli(READS_SECRETS, "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", out.toString(), "--format", "json");
    }

    @Test
    void secretsPrintAsSecretInTextJsonAndPlanFile() throws Exception {
        assertThat(text.exitCode()).isZero();
        assertThat(json.exitCode()).isZero();
        String planFile = Files.readString(out.resolve("dev/plan.json"));
        for (String printed : List.of(text.out(), text.err(), json.out(), json.err(), planFile)) {
            assertThat(printed).doesNotContain(TestProject.CIPHERTEXT).doesNotContain(StackFile.SECRET_PLACEHOLDER);
        }
        assertThat(planFile).contains("\"platform:dbPassword\" : \"[secret]\"", "\"platform:alerts\" : \"[secret]\"",
                "\"careless\" : \"[secret]\"", "\"password\" : \"[secret]\"", "\"alerts\" : \"[secret]\"");
        assertThat(json.out()).isEqualTo(planFile);
        assertThat(text.out()).contains("  password = [secret]\n");
    }

    @Test
    void programWarningsReachStderrAsOneLine() {
        assertThat(text.err()).isEqualTo("pulumi warning: the alert webhook is not verified offline\n");
    }

    @Test
    void aFailingProgramExitsOneWithOneParagraphAndNoStackTrace(@TempDir Path fresh) {
        CliRun run = cli((ctx, keys) -> {
            new Vpc("main", VpcArgs.builder().cidrBlock("10.0.0.0/16").build());
            throw new IllegalStateException("the cluster tier needs at least two private subnets");
        }, "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", fresh.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: the program failed for stack dev: IllegalStateException: "
                + "the cluster tier needs at least two private subnets\n");
        assertThat(fresh.resolve("dev")).doesNotExist();
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path fresh) {
        CliRun run = cli((ctx, keys) -> {
            throw new IllegalStateException("boom");
        }, "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", fresh.toString(), "--verbose");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: the program failed for stack dev: IllegalStateException: boom\n").contains("\tat ");
    }

    @Test
    void anInvokeTheMocksCannotAnswerIsNamed(@TempDir Path fresh) {
        CliRun run = cli((ctx, keys) -> ctx.export("zones", AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder().build())
                        .applyValue(r -> r.names())),
                "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", fresh.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: the offline engine cannot answer the invoke aws:index/getAvailabilityZones:getAvailabilityZones;")
                .doesNotContain("\tat ");
    }

    @Test
    void invalidConfigEvenWhenWrappedExitsTwoAndWritesNoPlan(@TempDir Path fresh) {
        CliRun run = cli((ctx, keys) -> {
            throw new IllegalStateException("loading failed",
                    new InvalidConfigException("dev", List.of(new ConfigProblem("platform:network", "x", "must be a map"))));
        }, "plan", "--stack", "dev", "--project-dir", project.toString(), "--out", fresh.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: invalid configuration for stack \"dev\" (1 problem):\n  - platform:network")
                .doesNotContain("\tat ");
        assertThat(fresh.resolve("dev")).doesNotExist();
    }
}
