package com.featureapi.platform.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformCliTest {

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    static Path outDir;

    private static CliRun staging;

    @BeforeAll
    static void planStaging() {
        staging = cli("plan", "--stack", "staging", "--out", outDir.toString());
    }

    @Test
    void planOfAStackExitsZeroPrintsTheTreeAndWritesPlanJson() {
        assertThat(staging.exitCode()).isZero();
        assertThat(staging.err()).isEmpty();
        assertThat(staging.out()).startsWith("Plan of stack staging (project platform, us-east-1): ")
                .contains("\nnetwork (")
                .contains("    aws:ec2/natGateway:NatGateway  nat-us-east-1a\n")
                .contains("wrote " + outDir.resolve("staging").resolve("plan.json"));
        assertThat(outDir.resolve("staging/plan.json")).exists();
    }

    /** The JSON report is plan.json itself, byte for byte, and the same bytes as the text run's plan.json of the same sources. */
    @Test
    void jsonFormatPrintsThePlanDocument(@TempDir Path jsonOut) throws java.io.IOException {
        CliRun run = cli("plan", "--stack", "staging", "--format", "json", "--out", jsonOut.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String written = Files.readString(jsonOut.resolve("staging/plan.json"));
        assertThat(run.out()).isEqualTo(written).isEqualTo(Files.readString(outDir.resolve("staging/plan.json")));
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(document.path("stack").asText()).isEqualTo("staging");
        assertThat(document.path("summary").path("resources").asInt()).isEqualTo(PlannedStacks.of("staging").resources().size());
        assertThat(document.has("policies")).as("the policy phase's verdicts are part of the document").isTrue();
    }

    @Test
    void anUnknownStackExitsTwoListingTheStacks() {
        CliRun run = cli("plan", "--stack", "prod");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown stack \"prod\": this project has stacks production, staging (files Pulumi.<stack>.yaml)\n");
    }

    @Test
    void versionNamesTheToolAndWhatItIsPinnedTo() {
        CliRun run = cli("-V");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().toList()).startsWith(
                "platform 0.1.0",
                "Pulumi Java SDK com.pulumi:pulumi 1.36.1",
                "provider com.pulumi:aws 6.83.0 (resource plugin aws 6.83.0)",
                "provider com.pulumi:kubernetes 4.0.0 (resource plugin kubernetes 4.0.0)",
                "Helm com.marcnuri.helm-java:helm-java 0.0.15");
        assertThat(run.out()).contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void noStackExitsTwoNamingTheChoices() {
        CliRun run = cli("plan");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: name a stack with --stack NAME (this project has production, staging) or use --all-stacks\n");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        CliRun run = cli("plan", "--stack", "staging", "--formt", "json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown options: '--formt', 'json'\nPossible solutions: --format");
    }

    @Test
    void invalidConfigExitsTwoWithEveryProblemAndWritesNoPlan(@TempDir Path project, @TempDir Path out) {
        StackFiles.copyEdited(project, "staging", config ->
                ((ObjectNode) config.get("platform:network").get("subnets").get("database").get(2)).put("cidr", "10.0.300.0/24"));
        CliRun run = cli("plan", "--stack", "staging", "--project-dir", project.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: invalid configuration for stack \"staging\" (1 problem):\n"
                + "  - platform:network.subnets.database[2].cidr = \"10.0.300.0/24\": not a valid IPv4 CIDR block (a.b.c.d/n, each of a-d from 0 to 255, for example 10.0.3.0/24)\n"
                + "Fix these in Pulumi.staging.yaml (or with `pulumi config set`); nothing was created or changed.\n");
        assertThat(run.err()).doesNotContain("at com.");
        assertThat(Files.exists(out.resolve("staging"))).isFalse();
    }

    @Test
    void secretsPrintAsSecretEverywhere(@TempDir Path project, @TempDir Path out) throws Exception {
        StackFiles.copyEdited(project, "staging", config -> config.set("platform:accountId",
                ((ObjectNode) config.objectNode().set("secure", TextNode.valueOf("v1:c2VjcmV0LWNpcGhlcnRleHQ=")))));
        CliRun run = cli("plan", "--stack", "staging", "--project-dir", project.toString(), "--out", out.toString(), "--format", "json");
        // Offline, a secret cannot be decrypted, so the account id is not 12 digits: the error names the key, not the value.
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("  - platform:accountId = \"[secret]\": must be the 12-digit AWS account id, quoted in YAML\n")
                .doesNotContain("c2VjcmV0").doesNotContain("offline-secret-placeholder");
    }

    @Test
    void allStacksPlansEveryStack(@TempDir Path out) throws java.io.IOException {
        CliRun run = cli("plan", "--all-stacks", "--out", out.toString());
        assertThat(run.exitCode()).isZero();
        // Both reports, in the order of the stack names, a blank line between them.
        assertThat(run.out()).startsWith("Plan of stack production (").contains("\n\nPlan of stack staging (")
                .contains("wrote " + out.resolve("production").resolve("plan.json")).endsWith("wrote " + out.resolve("staging").resolve("plan.json") + "\n");
        assertThat(Files.readString(out.resolve("staging/plan.json"))).isEqualTo(Files.readString(outDir.resolve("staging/plan.json")));
        var production = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("production/plan.json").toFile());
        assertThat(production.path("stack").asText()).isEqualTo("production");
        assertThat(production.path("summary").path("resources").asInt()).isEqualTo(PlannedStacks.of("production").resources().size());
    }
}
