package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh account has no AWSServiceRoleForAutoScaling: the EBS key, whose policy names it, must wait for it. */
class AutoscalingServiceLinkedRoleTest {

    private static final String SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theEbsKeyWaitsForTheServiceLinkedRoleItsPolicyNames(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource role = plan.one(SLR, Security.AUTOSCALING_SERVICE_LINKED_ROLE);
        assertThat(role.input("awsServiceName")).isEqualTo("autoscaling.amazonaws.com");
        assertThat(role.inputs()).doesNotContainKey("customSuffix");
        // Account-wide: other Auto Scaling groups may use it, so `pulumi destroy` leaves it.
        assertThat(role.retainOnDelete()).isTrue();
        assertThat(role.parent()).contains("platform:security:Security");

        PlannedResource ebs = plan.one("aws:kms/key:Key", "ebs");
        assertThat(ebs.dependencies()).contains(role.urn());
        assertThat((String) ebs.input("policy")).contains("\"arn:aws:iam::" + PlannedStacks.account(stack)
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling\"");
        // Only the EBS key names the role; the other keys do not wait for it.
        assertThat(plan.where(r -> r.type().equals("aws:kms/key:Key") && r.dependencies().contains(role.urn())))
                .extracting(PlannedResource::name).containsExactly("ebs");
    }

    @Test
    void anAccountWhoseRoleIsManagedElsewhereTurnsCreationOff(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "staging", config ->
                ((ObjectNode) config.get("platform:security")).put("createAutoscalingServiceLinkedRole", false)), "staging");
        assertThat(plan.ofType(SLR)).isEmpty();
        assertThat((String) plan.one("aws:kms/key:Key", "ebs").input("policy")).contains("AWSServiceRoleForAutoScaling");
    }
}
