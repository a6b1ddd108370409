package com.featureapi.platform.security.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentTest {

    @Test
    void rendersAnIdentityPolicyWithConditions() {
        String json = PolicyDocument.of(
                Statement.allow("s3:GetObject", "s3:PutObject").sid("Objects").on("arn:aws:s3:::bucket/*"),
                Statement.allow("kms:Decrypt").on("arn:aws:kms:us-east-1:111111111111:key/k")
                        .when("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com")).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Objects\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:us-east-1:111111111111:key/k\","
                + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]}");
    }

    @Test
    void rendersATrustPolicyWithoutResource() {
        String json = PolicyDocument.of(Statement.allow("sts:AssumeRole", "sts:TagSession").service("pods.eks.amazonaws.com")
                .when("StringEquals", "aws:RequestTag/kubernetes-namespace", "velero")).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],"
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/kubernetes-namespace\":\"velero\"}}}]}");
    }

    @Test
    void rendersAKeyPolicyStatementOnTheKeyItself() {
        String json = PolicyDocument.of(Statement.allow("kms:Describe*").aws("arn:aws:iam::111111111111:root").on("*").inResourcePolicy()).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\"}]}");
    }

    @Test
    void refusesActionStar() {
        assertThatThrownBy(() -> Statement.allow("*").on("arn:aws:s3:::bucket").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing Action \"*\": grant the named actions the workload needs (least privilege); "
                        + "a wildcard over every action of a service or of AWS is never built here");
    }

    @Test
    void refusesEveryActionOfAService() {
        assertThatThrownBy(() -> Statement.allow("s3:*").on("arn:aws:s3:::bucket").build())
                .hasMessageStartingWith("refusing Action \"s3:*\"");
    }

    @Test
    void refusesResourceStarForAScopableAction() {
        assertThatThrownBy(() -> Statement.allow("ec2:DescribeVolumes", "ec2:DeleteSnapshot").on("*").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refusing Resource \"*\" for [ec2:DeleteSnapshot]: these actions support resource-level permissions, "
                        + "so scope them to ARNs (only the actions in UnscopedActions may use \"*\")");
    }

    @Test
    void allowsResourceStarOnlyForActionsAwsCannotScope() {
        assertThat(Statement.allow("ec2:DescribeVolumes", "autoscaling:DescribeTags").on("*").build().resources()).containsExactly("*");
    }

    @Test
    void refusesAStarPrincipalAndAStatementWithoutResource() {
        assertThatThrownBy(() -> Statement.allow("kms:Decrypt").aws("*").on("*").inResourcePolicy().build())
                .hasMessage("refusing Principal \"*\": name the account, role or service that may act");
        assertThatThrownBy(() -> Statement.allow("s3:GetObject").build())
                .hasMessage("statement [s3:GetObject] names no resource; scope it to the ARNs it needs");
    }

    @Test
    void allowsWildcardsInADenyGuardRail() {
        String json = PolicyDocument.of(Statement.deny("s3:*").aws("*").on("arn:aws:s3:::b", "arn:aws:s3:::b/*")
                .when("Bool", "aws:SecureTransport", "false")).toJson();
        assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
    }

    @Test
    void refusesAMalformedAction() {
        assertThatThrownBy(() -> Statement.allow("GetObject").on("arn:aws:s3:::b/*").build())
                .hasMessage("\"GetObject\" is not an IAM action (service:ActionName)");
    }
}
