package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackFileTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void valuesArePassedAsPulumiPassesThem() throws IOException {
        write("Pulumi.yaml", "name: platform\nruntime: java\n");
        write("Pulumi.dev.yaml", """
                config:
                  aws:region: us-east-1
                  platform:accountId: "111111111111"
                  platform:count: 3
                  platform:network: { vpcCidr: 10.0.0.0/16, zones: [a, b] }
                  plain: value
                """);
        StackFile stack = StackFile.load(dir, "dev");
        assertThat(stack.project()).isEqualTo("platform");
        assertThat(stack.config()).containsEntry("aws:region", "us-east-1")
                .containsEntry("platform:accountId", "111111111111")
                .containsEntry("platform:count", "3")
                .containsEntry("platform:network", "{\"vpcCidr\":\"10.0.0.0/16\",\"zones\":[\"a\",\"b\"]}")
                .containsEntry("platform:plain", "value");
        assertThat(stack.secretKeys()).isEmpty();
    }

    @Test
    void secureValuesBecomePlaceholdersAndMarkTheirWholeKeySecret() throws IOException {
        write("Pulumi.yaml", "name: platform\n");
        write("Pulumi.dev.yaml", """
                config:
                  platform:token:
                    secure: v1:AAAAencrypted==
                  platform:alerts:
                    channel: ops
                    webhook:
                      secure: v1:BBBBencrypted==
                """);
        StackFile stack = StackFile.load(dir, "dev");
        assertThat(stack.config()).containsEntry("platform:token", StackFile.SECRET_PLACEHOLDER)
                .containsEntry("platform:alerts", "{\"channel\":\"ops\",\"webhook\":\"" + StackFile.SECRET_PLACEHOLDER + "\"}");
        assertThat(stack.secretKeys()).containsExactly("platform:alerts", "platform:token");
        assertThat(stack.config().values()).noneMatch(v -> v.contains("encrypted"));
    }

    @Test
    void projectLevelConfigAppliesWhereTheStackSetsNothing() throws IOException {
        write("Pulumi.yaml", """
                name: platform
                config:
                  pulumi:tags:
                    value: { project: platform }
                  aws:region: us-west-2
                  platform:environment: { value: staging }
                  logLevel: { type: string, default: info }
                  platform:documentedOnly: { type: string, description: set per stack }
                """);
        write("Pulumi.dev.yaml", "config:\n  aws:region: eu-central-1\n");
        assertThat(StackFile.load(dir, "dev").config()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "aws:region", "eu-central-1", "platform:environment", "staging", "platform:logLevel", "info"));
    }

    @Test
    void anUnknownStackListsTheStacksThatExist() throws IOException {
        write("Pulumi.yaml", "name: platform\n");
        write("Pulumi.staging.yaml", "config: {}\n");
        write("Pulumi.production.yaml", "config: {}\n");
        assertThatThrownBy(() -> StackFile.load(dir, "prod"))
                .isInstanceOf(PlanException.class)
                .hasMessage("unknown stack \"prod\": this project has stacks production, staging (files Pulumi.<stack>.yaml)")
                .matches(e -> ((PlanException) e).isInvalidInput());
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        write("Pulumi.yaml", "name: platform\n");
        write("Pulumi.dev.yaml", "config:\n  aws:region: us-east-1\n  platform:network: [unclosed\n");
        assertThatThrownBy(() -> StackFile.load(dir, "dev"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("Pulumi.dev.yaml (line ")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aSecretInsideAListOfObjectsMarksItsKey() throws IOException {
        write("Pulumi.yaml", "name: platform\n");
        write("Pulumi.dev.yaml", """
                config:
                  platform:hooks:
                    - name: ops
                      url:
                        secure: v1:CCCCencrypted==
                  platform:plain: [a, b]
                """);
        StackFile stack = StackFile.load(dir, "dev");
        assertThat(stack.secretKeys()).containsExactly("platform:hooks");
        assertThat(stack.config()).containsEntry("platform:hooks", "[{\"name\":\"ops\",\"url\":\"" + StackFile.SECRET_PLACEHOLDER + "\"}]")
                .containsEntry("platform:plain", "[\"a\",\"b\"]");
    }

    @Test
    void aStructuredProjectDefaultIsPassedAsJsonAndCliKeysAndNullsAreSkipped() throws IOException {
        write("Pulumi.yaml", """
                name: platform
                config:
                  platform:network: { vpcCidr: 10.0.0.0/16 }
                  pulumi:disable-default-providers: ["*"]
                  platform:unset: null
                """);
        write("Pulumi.dev.yaml", "");
        StackFile stack = StackFile.load(dir, "dev");
        assertThat(stack.config()).containsExactly(java.util.Map.entry("platform:network", "{\"vpcCidr\":\"10.0.0.0/16\"}"));
    }

    @Test
    void aStackFileWhoseConfigIsNotAMapIsRejected() throws IOException {
        write("Pulumi.yaml", "name: platform\n");
        write("Pulumi.dev.yaml", "config:\n  - aws:region\n");
        assertThatThrownBy(() -> StackFile.load(dir, "dev")).isInstanceOf(PlanException.class)
                .hasMessage("Pulumi.dev.yaml: config: must be a map of keys to values");
        write("Pulumi.dev.yaml", "config:\n");
        assertThat(StackFile.load(dir, "dev").config()).isEmpty();
    }

    @Test
    void aProjectNeedsAPulumiYamlWithANameAndStackFiles() throws IOException {
        assertThatThrownBy(() -> StackFile.load(dir, "dev")).isInstanceOf(PlanException.class)
                .hasMessage("no Pulumi.yaml in " + dir.toAbsolutePath().normalize() + "; run from the project directory or pass --project-dir");
        write("Pulumi.yaml", "runtime: java\n");
        assertThatThrownBy(() -> StackFile.load(dir, "dev"))
                .hasMessage("unknown stack \"dev\": this project has no stacks (files Pulumi.<stack>.yaml)");
        write("Pulumi.dev.yaml", "config: {}\n");
        assertThatThrownBy(() -> StackFile.load(dir, "dev")).hasMessage("Pulumi.yaml: the project has no name: key");
        assertThatThrownBy(() -> StackFile.stacks(dir.resolve("absent")))
                .hasMessageStartingWith("cannot list the stack files in " + dir.resolve("absent") + ": ");
    }
}
