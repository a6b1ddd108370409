package com.featureapi.platform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform check} on plan files: exit codes and what it prints. */
@BesideInProcessTests
class CheckCommandTest {

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    Path dir;

    @Test
    void aPlanWithAnUnencryptedDatabaseExitsOneNamingPolicyAndResource() throws Exception {
        ObjectNode plan = (ObjectNode) new ObjectMapper().readTree(PlanWriter.toJson(PlannedStacks.of("production")));
        for (var r : plan.get("resources")) {
            if (r.get("type").asText().equals("aws:rds/instance:Instance")) {
                ((ObjectNode) r.get("inputs")).put("storageEncrypted", false);
            }
        }
        Path file = dir.resolve("plan.json");
        Files.writeString(file, plan.toString());

        CliRun run = cli("check", "--plan", file.toString(), "--stack", "production");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("checked " + file + " (stack production, ")
                .contains("policy pack platform@1.0.0 (")
                .containsPattern("policies: 1 mandatory, \\d+ advisory violations\nmandatory:\n"
                        + "  rds-storage-encrypted  aws:rds/instance:Instance postgres\n"
                        + "      storageEncrypted is not true: the database, its snapshots and replicas are stored in clear\n"
                        + "advisory:\n");
    }

    @Test
    void aStackWithoutPolicyConfigIsRefusedNamingTheConfiguredOnes() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, PlanWriter.toJson(PlannedStacks.of("staging")));

        CliRun run = cli("check", "--plan", file.toString(), "--stack", "stagin");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: policy pack " + FixtureStacks.project().resolve("policies").toAbsolutePath().normalize()
                + " has no config for stack \"stagin\" (config/stagin.json); it has config for production, staging:"
                + " give --stack one of those, or add config/stagin.json\n");
    }

    @Test
    void anUnreadablePlanExitsTwo() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"resources\": [");

        CliRun run = cli("check", "--plan", file.toString(), "--stack", "production");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + file + " is not valid JSON (line 1, column 16): the text ends before the document is complete;"
                + " see docs/plan-schema.md\n");
    }

    @Test
    void aMissingPlanExitsTwoSayingHowToMakeOne() {
        CliRun run = cli("check", "--plan", dir.resolve("nothing.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: no plan at " + dir.resolve("nothing.json") + "; write one with ./platform plan --stack NAME\n");
    }

    @Test
    void aFolderThatIsNotAPackExitsTwo() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"stack\": \"staging\", \"resources\": []}");

        CliRun run = cli("check", "--plan", file.toString(), "--policy-pack", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: policy pack " + dir + " has no PulumiPolicy.yaml: give the folder of a CrossGuard pack\n");
    }
}
