package com.featureapi.platform.data;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The data tier's registered outputs: endpoints, secrets and buckets, as the stack exports and the later tiers use them. */
class DataOutputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void endpointsSecretsAndBucketsAreRegisteredAsTheyAreExportedAndUsed(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource data = plan.one("platform:data:Data", "data");
        assertThat(data.registeredOutputs()).containsOnlyKeys("databaseAddress", "databasePort", "cacheAddress", "cachePort",
                "databaseSecretArn", "cacheSecretArn", "access-logsBucket", "access-logsBucketArn", "backupsBucket", "backupsBucketArn",
                "veleroBucket", "veleroBucketArn", "tracesBucket", "tracesBucketArn", "jwt-secretArn", "auth-secretArn", "encryption-keyArn");
        for (String output : List.of("databaseAddress", "cacheAddress", "databaseSecretArn", "cacheSecretArn")) {
            assertThat(data.registeredOutput(output)).as(output).isNotNull().isEqualTo(plan.outputs().get(output));
        }
        assertThat(data.registeredOutput("databaseAddress")).asString().startsWith("platform-" + stack + "-postgres.");
        assertThat(data.registeredOutput("databasePort")).isEqualTo(5432L);
        assertThat(data.registeredOutput("cachePort")).isEqualTo(6379L);
        assertThat(data.registeredOutput("databaseSecretArn")).asString().contains(":secret:platform/" + stack + "/feature-api/database-");
        assertThat(data.registeredOutput("cacheSecretArn")).asString().contains(":secret:platform/" + stack + "/feature-api/cache-");
        assertThat(data.registeredOutput("jwt-secretArn")).asString().contains(":secret:platform/" + stack + "/feature-api/jwt-secret-");
        String account = PlannedStacks.account(stack);
        for (String purpose : List.of("access-logs", "backups", "velero", "traces")) {
            String bucket = "platform-" + stack + "-" + purpose + "-" + account;
            assertThat(data.registeredOutput(purpose + "Bucket")).as(purpose).isEqualTo(bucket)
                    .isEqualTo(plan.one("aws:s3/bucketV2:BucketV2", purpose).input("bucket"));
            assertThat(data.registeredOutput(purpose + "BucketArn")).as(purpose).isEqualTo("arn:aws:s3:::" + bucket);
        }
        assertThat(plan.outputs().get("bucketNames")).asList().containsExactlyInAnyOrder(
                data.registeredOutput("access-logsBucket"), data.registeredOutput("backupsBucket"), data.registeredOutput("veleroBucket"),
                data.registeredOutput("tracesBucket"));
    }
}
