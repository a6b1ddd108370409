package com.featureapi.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dump's role by value: `aws s3 cp` of a dump above 8 MiB is a multipart upload into an SSE-KMS bucket, which
 * needs kms:Decrypt (and s3:AbortMultipartUpload to clean up), held to S3 and to the backups bucket.
 */
class DatabaseBackupRoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void multipartUploadsOfDumpsAreAllowedAndNothingElse(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String account = PlannedStacks.account(stack);
        String bucket = "arn:aws:s3:::platform-" + stack + "-backups-" + account;
        JsonNode statements = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "database-backup").input("policy"))
                .get("Statement");
        assertThat(statements).hasSize(3);
        JsonNode upload = statements.get(1);
        assertThat(upload.get("Sid").asText()).isEqualTo("UploadDumps");
        assertThat(JSON.convertValue(upload.get("Action"), java.util.List.class)).containsExactly("s3:PutObject", "s3:AbortMultipartUpload");
        assertThat(upload.get("Resource").asText()).isEqualTo(bucket + "/database/*");
        JsonNode kms = statements.get(2);
        assertThat(JSON.convertValue(kms.get("Action"), java.util.List.class)).containsExactly("kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt");
        assertThat(kms.get("Resource").asText()).startsWith("arn:aws:kms:us-east-1:" + account + ":key/");
        assertThat(plan.one("aws:iam/rolePolicy:RolePolicy", "database-backup").propertyDependencies().get("policy"))
                .contains(PlannedStacks.keyUrn(plan, "s3"));
        assertThat(kms.get("Condition").get("StringEquals").get("kms:ViaService").asText()).isEqualTo("s3.us-east-1.amazonaws.com");
        assertThat(kms.get("Condition").get("StringEquals").get("kms:EncryptionContext:aws:s3:arn").asText()).isEqualTo(bucket);
    }
}
