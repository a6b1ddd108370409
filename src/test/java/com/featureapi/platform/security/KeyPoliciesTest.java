package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of every key policy, by value: who, what, under which condition. "Usable only through
 * its service" must mean that no statement lets a principal of the account use a service key directly.
 */
class KeyPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> USE = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey");
    private static final List<String> ADMINISTRATION = List.of(
            "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListKeyPolicies",
            "kms:ListKeyRotations", "kms:ListResourceTags", "kms:ListGrants", "kms:PutKeyPolicy",
            "kms:UpdateKeyDescription", "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation",
            "kms:DisableKeyRotation", "kms:RotateKeyOnDemand", "kms:TagResource", "kms:UntagResource",
            "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias", "kms:RevokeGrant",
            "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion");

    /** One statement as a reviewer reads it. */
    record Rendered(String sid, String principal, List<String> actions, Map<String, String> conditions) {
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    private static List<Rendered> statements(Plan plan, String key) throws Exception {
        JsonNode policy = JSON.readTree((String) plan.one("aws:kms/key:Key", key).input("policy"));
        List<Rendered> rendered = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.get("Resource").asText()).isEqualTo("*");
            JsonNode principal = statement.get("Principal");
            String who = principal.has("AWS") ? principal.get("AWS").asText() : "service:" + principal.get("Service").asText();
            Map<String, String> conditions = new TreeMap<>();
            if (statement.has("Condition")) {
                statement.get("Condition").fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(k ->
                        conditions.put(op.getKey() + " " + k.getKey(), String.join(",", texts(k.getValue())))));
            }
            rendered.add(new Rendered(statement.get("Sid").asText(), who, texts(statement.get("Action")), conditions));
        }
        return rendered;
    }

    private static List<String> with(List<String> actions, String... more) {
        List<String> all = new ArrayList<>(actions);
        all.addAll(List.of(more));
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void serviceKeysAreUsableOnlyThroughTheirServiceAndAdministrationIsListed(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        String root = "arn:aws:iam::" + account + ":root";
        String slr = "arn:aws:iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        Rendered administers = new Rendered("AccountAdministers", root, ADMINISTRATION, Map.of());

        Map<String, List<Rendered>> expected = new TreeMap<>();
        for (var service : Map.of("elasticache", "Elasticache", "s3", "S3", "secrets", "Secretsmanager").entrySet()) {
            String endpoint = (service.getKey().equals("secrets") ? "secretsmanager" : service.getKey()) + ".us-east-1.amazonaws.com";
            expected.put(service.getKey(), List.of(administers,
                    new Rendered("UseOnlyThrough" + service.getValue(), root, USE,
                            Map.of("StringEquals kms:ViaService", endpoint, "StringEquals kms:CallerAccount", account)),
                    new Rendered("GrantOnlyThrough" + service.getValue() + "ForAwsResources", root, List.of("kms:CreateGrant"),
                            Map.of("StringEquals kms:ViaService", endpoint, "StringEquals kms:CallerAccount", account,
                                    "Bool kms:GrantIsForAWSResource", "true"))));
        }
        // The master-user secret RDS keeps in Secrets Manager is encrypted with the RDS key.
        String rdsEndpoints = "rds.us-east-1.amazonaws.com,secretsmanager.us-east-1.amazonaws.com";
        expected.put("rds", List.of(administers,
                new Rendered("UseOnlyThroughRdsAndSecretsManager", root, USE,
                        Map.of("StringEquals kms:ViaService", rdsEndpoints, "StringEquals kms:CallerAccount", account)),
                new Rendered("GrantOnlyThroughRdsAndSecretsManagerForAwsResources", root, List.of("kms:CreateGrant"),
                        Map.of("StringEquals kms:ViaService", rdsEndpoints, "StringEquals kms:CallerAccount", account,
                                "Bool kms:GrantIsForAWSResource", "true"))));
        expected.put("ebs", List.of(administers,
                new Rendered("UseOnlyThroughEc2", root, USE,
                        Map.of("StringEquals kms:ViaService", "ec2.us-east-1.amazonaws.com", "StringEquals kms:CallerAccount", account)),
                new Rendered("GrantOnlyThroughEc2ForAwsResources", root, List.of("kms:CreateGrant"),
                        Map.of("StringEquals kms:ViaService", "ec2.us-east-1.amazonaws.com", "StringEquals kms:CallerAccount", account,
                                "Bool kms:GrantIsForAWSResource", "true")),
                new Rendered("AutoScalingUsesForNodeVolumes", slr, USE, Map.of()),
                new Rendered("AutoScalingGrantsToEc2", slr, List.of("kms:CreateGrant"), Map.of("Bool kms:GrantIsForAWSResource", "true"))));
        expected.put("logs", List.of(administers,
                new Rendered("CloudWatchLogsOfThisAccount", "service:logs.us-east-1.amazonaws.com", USE,
                        Map.of("ArnLike kms:EncryptionContext:aws:logs:arn", "arn:aws:logs:us-east-1:" + account + ":log-group:*"))));
        expected.put("alerts", List.of(administers,
                new Rendered("UseOnlyThroughSns", root, USE,
                        Map.of("StringEquals kms:ViaService", "sns.us-east-1.amazonaws.com", "StringEquals kms:CallerAccount", account)),
                new Rendered("GrantOnlyThroughSnsForAwsResources", root, List.of("kms:CreateGrant"),
                        Map.of("StringEquals kms:ViaService", "sns.us-east-1.amazonaws.com", "StringEquals kms:CallerAccount", account,
                                "Bool kms:GrantIsForAWSResource", "true")),
                // CloudWatch alarms, Budgets and Cost Anomaly Detection publish to the encrypted topic as themselves.
                new Rendered("PublishAlertsFromCloudwatch", "service:cloudwatch.amazonaws.com", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        Map.of("StringEquals aws:SourceAccount", account)),
                new Rendered("PublishAlertsFromBudgets", "service:budgets.amazonaws.com", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        Map.of("StringEquals aws:SourceAccount", account)),
                new Rendered("PublishAlertsFromCostalerts", "service:costalerts.amazonaws.com", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        Map.of("StringEquals aws:SourceAccount", account))));
        String trail = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/platform-" + stack + "-audit";
        expected.put("audit", List.of(administers,
                new Rendered("CloudTrailEncryptsLogs", "service:cloudtrail.amazonaws.com", List.of("kms:GenerateDataKey*"),
                        Map.of("StringEquals aws:SourceArn", trail)),
                new Rendered("CloudTrailDescribesKey", "service:cloudtrail.amazonaws.com", List.of("kms:DescribeKey"),
                        Map.of("StringEquals aws:SourceArn", trail)),
                new Rendered("AccountReadsLogsThroughS3", root, List.of("kms:Decrypt", "kms:ReEncryptFrom"),
                        Map.of("StringEquals kms:ViaService", "s3.us-east-1.amazonaws.com", "StringEquals kms:CallerAccount", account))));
        expected.put("eks", List.of(administers,
                new Rendered("AccountUsesThroughIam", root, with(USE, "kms:CreateGrant"), Map.of())));

        for (var key : expected.entrySet()) {
            assertThat(statements(plan, key.getKey())).as(key.getKey()).containsExactlyElementsOf(key.getValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void noKeyPolicyHandsOutUseThroughAWildcardOrToTheAccountWithoutAService(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String root = "arn:aws:iam::" + PlannedStacks.account(stack) + ":root";
        var keys = plan.where(r -> r.type().equals("aws:kms/key:Key"));
        assertThat(keys).hasSizeGreaterThanOrEqualTo(7);
        for (var key : keys) {
            for (Rendered statement : statements(plan, key.name())) {
                assertThat(statement.actions()).as(key.name() + " " + statement.sid())
                        .noneMatch(a -> a.equals("kms:*") || a.equals("kms:Create*") || a.equals("*"));
                boolean uses = statement.actions().stream().anyMatch(a -> a.equals("kms:Decrypt") || a.equals("kms:CreateGrant"));
                if (uses && statement.principal().equals(root) && !key.name().equals("eks")) {
                    assertThat(statement.conditions()).as(key.name() + " " + statement.sid()).containsKey("StringEquals kms:ViaService");
                }
            }
        }
    }
}
