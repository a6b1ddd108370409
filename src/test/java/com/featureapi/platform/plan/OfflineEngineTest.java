package com.featureapi.platform.plan;

import com.featureapi.platform.App;
import com.featureapi.platform.config.ConfigProblem;
import com.featureapi.platform.config.InvalidConfigException;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineEngineTest {

    /**
     * The engine runs in update mode, where an output the mocks do not answer is null and an apply on it
     * runs anyway ("arn:...:null"). A "null" anywhere in a plan of the real stacks means MockOutputs lacks
     * an output a tier uses: add it there.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"staging", "production"})
    void everyOutputTheTiersUseIsAnsweredByTheMocks(String stack) {
        assertThat(PlanWriter.toJson(PlannedStacks.of(stack))).doesNotContainPattern("\\bnull\\b").doesNotContain("[unknown]");
    }

    @Test
    void theSeedsTypoIsRejectedBeforeAnythingIsRegistered(@TempDir Path dir) {
        StackFiles.copyEdited(dir, "staging", config ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("platform:network").get("subnets").get("database").get(2))
                        .put("cidr", "10.0.300.0/24"));
        // The engine turns an InvalidConfigException thrown after a registration into a different error,
        // so getting InvalidConfigException itself proves nothing was registered.
        assertThatThrownBy(() -> PlannedStacks.plan(dir, "staging"))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).extracting(ConfigProblem::key, ConfigProblem::value)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("platform:network.subnets.database[2].cidr", "10.0.300.0/24")));
    }

    @Test
    void aProgramThatRegistersBeforeValidatingIsCaught() {
        StackFile stack = FixtureStacks.load("staging");
        assertThatThrownBy(() -> new OfflineEngine(false).run(stack, (ctx, keys) -> {
            new Vpc("early", VpcArgs.builder().cidrBlock("10.0.0.0/16").build(), CustomResourceOptions.builder().build());
            throw new InvalidConfigException("staging", List.of(new ConfigProblem("platform:x", "y", "z")));
        })).isInstanceOf(PlanException.class)
                .hasMessage("the program registered [aws:ec2/vpc:Vpc early] before rejecting the config of stack staging; "
                        + "config must be validated before the first resource");
    }

    @Test
    void recordsProtectIgnoreChangesAndDependencies() {
        StackFile stack = FixtureStacks.load("staging");
        Plan plan = new OfflineEngine(false).run(stack, (ctx, keys) -> {
            var first = new Vpc("first", VpcArgs.builder().cidrBlock("10.0.0.0/16").build());
            new Vpc("second", VpcArgs.builder().cidrBlock("10.1.0.0/16").tags(first.id().applyValue(id -> java.util.Map.of("Peer", id))).build(),
                    CustomResourceOptions.builder().protect(true).ignoreChanges("tags").dependsOn(first).build());
            ctx.export("secret", Output.ofSecret("hunter2"));
        });
        PlannedResource first = plan.one("aws:ec2/vpc:Vpc", "first");
        PlannedResource second = plan.one("aws:ec2/vpc:Vpc", "second");
        assertThat(first.protect()).isFalse();
        assertThat(second.protect()).isTrue();
        assertThat(second.ignoreChanges()).containsExactly("tags");
        assertThat(second.dependencies()).contains(first.urn());
        assertThat(second.propertyDependencies().get("tags")).containsExactly(first.urn());
        assertThat(second.input("tags.Peer")).asString().startsWith("vpc-");
        assertThat(plan.outputs()).containsEntry("secret", "[secret]");
        assertThat(PlanWriter.toJson(plan)).doesNotContain("hunter2");
    }

    /**
     * A secret in the stack file, at the top of a key or as a leaf deep inside a structured value, never reaches
     * plan.json: the whole key's value is {@code [secret]}, the other keys stay readable.
     */
    @Test
    void secretConfigIsMaskedInThePlanAtAnyDepth(@TempDir Path dir) {
        TestProject.write(dir, "dev", String.join("\n", "config:",
                "  aws:region: us-east-1",
                "  platform:plain: visible",
                "  platform:token:",
                "    secure: AAABAtopLevelCiphertext",
                "  platform:inList:",
                "    - plain-item",
                "    - secure: AAABAlistCiphertext",
                "  platform:inObject:",
                "    outer:",
                "      inner:",
                "        secure: AAABAobjectCiphertext",
                "      readable: 1", ""));
        Plan plan = new OfflineEngine(false).run(StackFile.load(dir, "dev"), (ctx, keys) -> { });
        assertThat(plan.config()).containsEntry("aws:region", "us-east-1").containsEntry("platform:plain", "visible")
                .containsEntry("platform:token", "[secret]").containsEntry("platform:inList", "[secret]")
                .containsEntry("platform:inObject", "[secret]");
        assertThat(PlanWriter.toJson(plan)).doesNotContain("Ciphertext");
    }
}
