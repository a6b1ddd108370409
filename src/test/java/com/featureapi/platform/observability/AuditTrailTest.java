package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAIL = "aws:cloudtrail/trail:Trail";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theTrailRecordsEveryRegionWithValidationUnderTheAuditKey(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource trail = plan.one(TRAIL, "audit");
        assertThat(trail.input("name")).isEqualTo("platform-" + stack + "-audit");
        assertThat(trail.input("isMultiRegionTrail")).isEqualTo(true);
        assertThat(trail.input("includeGlobalServiceEvents")).isEqualTo(true);
        assertThat(trail.input("enableLogFileValidation")).isEqualTo(true);
        assertThat(trail.input("enableLogging")).isEqualTo(true);
        // Management events are a trail's default: no selector narrows them.
        assertThat(trail.inputs()).doesNotContainKeys("eventSelectors", "advancedEventSelectors");
        assertThat(trail.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "audit"));
        String bucket = "platform-" + stack + "-audit-trail-" + PlannedStacks.account(stack);
        assertThat(trail.input("s3BucketName")).isEqualTo(bucket);
        assertThat(trail.dependencies()).contains(plan.one("aws:s3/bucketPolicy:BucketPolicy", "audit-trail").urn());
        PlannedResource encryption = plan.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "audit-trail");
        assertThat(encryption.propertyDependencies().get("rules")).containsExactly(PlannedStacks.keyUrn(plan, "audit"));
        PlannedResource block = plan.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "audit-trail");
        assertThat(List.of(block.input("blockPublicAcls"), block.input("blockPublicPolicy"), block.input("ignorePublicAcls"),
                block.input("restrictPublicBuckets"))).containsOnly(true);
        assertThat(plan.one("aws:s3/bucketV2:BucketV2", "audit-trail").protect()).isEqualTo(stack.equals("production"));
        assertThat(plan.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "audit-trail").input("rules.0.expiration.days"))
                .isEqualTo(stack.equals("production") ? 365L : 90L);
        // Reads and deletions of the audit logs are logged into the data tier's access-log bucket, under the bucket's name.
        PlannedResource logging = plan.one("aws:s3/bucketLoggingV2:BucketLoggingV2", "audit-trail");
        assertThat(logging.input("targetBucket")).isEqualTo("platform-" + stack + "-access-logs-" + PlannedStacks.account(stack));
        assertThat(logging.input("targetPrefix")).isEqualTo(bucket + "/");
        assertThat(logging.propertyDependencies().get("bucket")).containsExactly(plan.one("aws:s3/bucketV2:BucketV2", "audit-trail").urn());
        assertThat(logging.propertyDependencies().get("targetBucket")).containsExactly(plan.one("aws:s3/bucketV2:BucketV2", "access-logs").urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void onlyThisTrailMayWriteToTheBucketAndProductionLogFilesCannotBeDeleted(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        String bucketArn = "arn:aws:s3:::platform-" + stack + "-audit-trail-" + account;
        String trailArn = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/platform-" + stack + "-audit";
        JsonNode statements = JSON.readTree((String) plan.one("aws:s3/bucketPolicy:BucketPolicy", "audit-trail").input("policy")).get("Statement");
        assertThat(statements.get(0).get("Action").asText()).isEqualTo("s3:GetBucketAcl");
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo(bucketArn);
        assertThat(statements.get(1).get("Action").asText()).isEqualTo("s3:PutObject");
        assertThat(statements.get(1).get("Resource").asText()).isEqualTo(bucketArn + "/AWSLogs/" + account + "/*");
        assertThat(statements.get(1).get("Condition").get("StringEquals").get("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
        for (int i = 0; i < 2; i++) {
            assertThat(statements.get(i).get("Principal").get("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
            assertThat(statements.get(i).get("Condition").get("StringEquals").get("aws:SourceArn").asText()).isEqualTo(trailArn);
        }
        assertThat(statements).extracting(s -> s.get("Sid").asText()).containsExactlyElementsOf(stack.equals("production")
                ? List.of("CloudTrailAclCheck", "CloudTrailWrite", "DenyInsecureTransport", "DenyDeletingLogFiles")
                : List.of("CloudTrailAclCheck", "CloudTrailWrite", "DenyInsecureTransport"));
    }

    @Test
    void whereTheOrganizationRunsTheTrailTheStackHasNoTrailNoKeyAndSaysSo(@TempDir Path dir) throws Exception {
        StackFiles.copyEdited(dir, "staging", config -> ((ObjectNode) config.get("platform:monitoring")).put("auditTrail", false));
        Plan plan = PlannedStacks.plan(dir, "staging");
        assertThat(plan.ofType(TRAIL)).isEmpty();
        assertThat(plan.where(r -> r.name().equals("audit") || r.name().equals("audit-trail"))).isEmpty();
        assertThat(plan.outputs().get("auditTrail"))
                .isEqualTo("none in this stack: platform:monitoring.auditTrail is false (the organization trail records this account)");
    }
}
