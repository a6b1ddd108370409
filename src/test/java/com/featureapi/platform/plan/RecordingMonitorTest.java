package com.featureapi.platform.plan;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the recording monitor keeps of each registration, on one run of a small two-tier program. */
class RecordingMonitorTest {

    /** A tier as App builds them: a component with a {@code platform:<tier>:<Name>} type token. */
    static final class Net extends ComponentResource {
        final Vpc vpc;

        Net(String name) {
            super("platform:network:Net", name, ComponentResourceOptions.builder().build());
            vpc = new Vpc(name + "-vpc", VpcArgs.builder().cidrBlock("10.0.0.0/16").build(),
                    CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true).build());
            registerOutputs(Map.of("vpcId", vpc.id(), "secretToken", Output.ofSecret("registered-secret")));
        }
    }

    private static final java.util.function.Supplier<Plan> PLAN = PlannedStacks.sharedPerClass(() -> {
        Path dir = TestProject.inTemporaryDirectory("dev", "config:\n  aws:region: us-east-1\n");
        return new OfflineEngine(false).run(StackFile.load(dir, "dev"), (ctx, keys) -> {
            var net = new Net("main");
            new SecurityGroup("app", SecurityGroupArgs.builder()
                    .vpcId(net.vpc.id())
                    .description(Output.ofSecret("not for the plan"))
                    .build(),
                    CustomResourceOptions.builder().parent(net).dependsOn(net.vpc).ignoreChanges("tags")
                            .deleteBeforeReplace(true).additionalSecretOutputs("name").build());
            var role = new Role("outside", RoleArgs.builder().assumeRolePolicy("{}").build());
            ctx.export("roleArn", role.arn());
            ctx.export("token", Output.ofSecret("exported-secret"));
        });
    });

    @Test
    void componentsAndChildrenKeepTheirParents() {
        Plan plan = PLAN.get();
        PlannedResource stack = plan.one("pulumi:pulumi:Stack", "platform-dev");
        PlannedResource net = plan.one("platform:network:Net", "main");
        PlannedResource vpc = plan.one("aws:ec2/vpc:Vpc", "main-vpc");
        assertThat(stack.parent()).isEmpty();
        assertThat(net.parent()).isEqualTo(stack.urn());
        assertThat(net.custom()).isFalse();
        assertThat(vpc.parent()).isEqualTo(net.urn());
        assertThat(vpc.custom()).isTrue();
        assertThat(vpc.urn()).isEqualTo("urn:pulumi:dev::platform::platform:network:Net$aws:ec2/vpc:Vpc::main-vpc");
    }

    @Test
    void optionsAreRecordedAsTheProgramSetThem() {
        Plan plan = PLAN.get();
        PlannedResource vpc = plan.one("aws:ec2/vpc:Vpc", "main-vpc");
        PlannedResource group = plan.one("aws:ec2/securityGroup:SecurityGroup", "app");
        assertThat(vpc.protect()).isTrue();
        assertThat(vpc.retainOnDelete()).isTrue();
        assertThat(group.protect()).isFalse();
        assertThat(group.ignoreChanges()).containsExactly("tags");
        assertThat(group.deleteBeforeReplace()).isTrue();
        assertThat(group.additionalSecretOutputs()).containsExactly("name");
    }

    @Test
    void dependenciesNameTheResourcesInputsCameFrom() {
        Plan plan = PLAN.get();
        PlannedResource vpc = plan.one("aws:ec2/vpc:Vpc", "main-vpc");
        PlannedResource group = plan.one("aws:ec2/securityGroup:SecurityGroup", "app");
        assertThat(group.dependencies()).contains(vpc.urn());
        assertThat(group.propertyDependencies()).containsEntry("vpcId", java.util.List.of(vpc.urn()));
        assertThat(group.input("vpcId")).asString().matches("vpc-[0-9a-f]{17}");
    }

    @Test
    void secretInputsAndOutputsAreMasked() {
        Plan plan = PLAN.get();
        assertThat(plan.one("aws:ec2/securityGroup:SecurityGroup", "app").input("description")).isEqualTo("[secret]");
        assertThat(plan.outputs()).containsEntry("token", "[secret]");
        assertThat((String) plan.outputs().get("roleArn")).matches("arn:aws:iam::123456789012:role/outside-[0-9a-f]{7}");
        String json = PlanWriter.toJson(plan);
        assertThat(json).doesNotContain("not for the plan").doesNotContain("exported-secret");
    }

    @Test
    void componentsCarryTheOutputsTheyRegisteredAndTheStackItsOwnAtTheTopLevel() {
        Plan plan = PLAN.get();
        PlannedResource net = plan.one("platform:network:Net", "main");
        assertThat(net.registeredOutputs()).containsOnlyKeys("vpcId", "secretToken");
        assertThat(net.registeredOutput("vpcId")).isEqualTo(plan.one("aws:ec2/securityGroup:SecurityGroup", "app").input("vpcId"));
        assertThat(net.registeredOutput("secretToken")).isEqualTo("[secret]");
        assertThat(plan.one("pulumi:pulumi:Stack", "platform-dev").registeredOutputs()).isNull();
        assertThat(plan.one("aws:ec2/vpc:Vpc", "main-vpc").registeredOutputs()).isNull();
        String json = PlanWriter.toJson(plan);
        assertThat(json).doesNotContain("registered-secret");
        // What plan.json carries, a reader of plan.json gets back.
        Plan read = PlanReader.parse(json, "plan.json").plan();
        assertThat(read.one("platform:network:Net", "main").registeredOutputs()).isEqualTo(net.registeredOutputs());
        assertThat(read.one("aws:ec2/vpc:Vpc", "main-vpc").registeredOutputs()).isNull();
    }

    @Test
    void resourcesOutsideEveryTierAreCountedUnderStack() {
        Plan plan = PLAN.get();
        assertThat(PlanWriter.summary(plan)).containsEntry("resources", 5).containsEntry("components", 2).containsEntry("custom", 3)
                .containsEntry("byTier", new java.util.TreeMap<>(Map.of("network", 3, "stack", 2)));
        String text = TextReport.render(plan);
        assertThat(text).contains("\nnetwork (3)\n  platform:network:Net  main\n    aws:ec2/securityGroup:SecurityGroup  app\n"
                        + "    aws:ec2/vpc:Vpc  main-vpc  [protected]\n")
                .contains("\nstack (2)\n  pulumi:pulumi:Stack  platform-dev\n    aws:iam/role:Role  outside\n")
                .endsWith("total: 5 resources (3 custom, 2 components) in 1 tier and the stack\n");
    }
}
