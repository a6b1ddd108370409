package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostReport;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFile;
import com.featureapi.platform.plan.TestProject;
import com.featureapi.platform.plan.TextReport;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.core.Output;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets planted where a program really puts them: a plain {@code secretString} and database {@code password} (inputs
 * the AWS provider marks sensitive, which the SDK's schema lists), a value the program wraps with {@code Output.ofSecret},
 * a stack output, and a Kubernetes Secret in a plan.json of an older build. None of them appears in any output.
 */
class SensitiveValuesTest {

    private static final String IN_SECRET_STRING = "planted-secret-string-7f3a";
    private static final String IN_PASSWORD = "planted-password-91c2";
    private static final String WRAPPED = "planted-wrapped-5d0e";
    private static final String EXPORTED = "planted-export-22b8";
    private static final List<String> PLANTED = List.of(IN_SECRET_STRING, IN_PASSWORD, WRAPPED, EXPORTED);

    private static final Supplier<Plan> BASE = PlannedStacks.sharedPerClass(() -> plan(false));
    private static final Supplier<Plan> HEAD = PlannedStacks.sharedPerClass(() -> plan(true));

    private static Plan plan(boolean withSecrets) {
        Path dir = TestProject.inTemporaryDirectory("dev", "config:\n  aws:region: us-east-1\n");
        return new OfflineEngine(false).run(StackFile.load(dir, "dev"), (ctx, keys) -> {
            var secret = new Secret("connection", SecretArgs.builder().name("app/connection").build());
            new SecretVersion("connection", SecretVersionArgs.builder().secretId(secret.id())
                    .secretString(withSecrets ? "{\"host\":\"db.internal\",\"password\":\"" + IN_SECRET_STRING + "\"}" : "{\"host\":\"db.internal\"}")
                    .build());
            new Instance("legacy", InstanceArgs.builder().engine("postgres").instanceClass("db.t3.micro").allocatedStorage(20)
                    .username("app").password(withSecrets ? IN_PASSWORD : "before").build());
            new BucketV2("files", BucketV2Args.builder()
                    .tags(Output.ofSecret(Map.of("Owner", withSecrets ? WRAPPED : "nobody"))).build());
            ctx.export("dsn", Output.ofSecret(withSecrets ? EXPORTED : "none"));
        });
    }

    @Test
    void noPlantedSecretAppearsInThePlanItsReportsTheDiffOrTheReview() {
        Plan base = BASE.get();
        Plan head = HEAD.get();
        PlanDiff diff = PlanDiff.between(base, head, LocalDate.of(2026, 12, 2));
        String review = ReviewMarkdown.render("main", "pr", List.of(new StackReview("dev", diff, base, head, "")), List.of());
        Map<String, String> outputs = Map.of(
                "plan.json", PlanWriter.toJson(head),
                "plan text", TextReport.render(head),
                "cost", CostReport.text(CostEstimator.estimate(head, UsageFile.empty())) + CostReport.json(CostEstimator.estimate(head, UsageFile.empty())),
                "diff text", DiffText.render(diff),
                "diff json", DiffJson.render(diff),
                "diff markdown", DiffMarkdown.render(diff, DiagramResources.markdown(diff, base, head)),
                "review", review);
        outputs.forEach((name, text) -> assertThat(text).as(name).doesNotContain(PLANTED));
        // Masked, not dropped: the change is visible, and the keys of a JSON secret stay for reviewers and the pack.
        assertThat(head.one("aws:secretsmanager/secretVersion:SecretVersion", "connection").input("secretString"))
                .isEqualTo("{\"host\":\"[secret]\",\"password\":\"[secret]\"}");
        assertThat(head.one("aws:rds/instance:Instance", "legacy").input("password")).isEqualTo("[secret]");
        assertThat(head.one("aws:rds/instance:Instance", "legacy").additionalSecretOutputs()).contains("password");
        assertThat(DiffText.render(diff)).contains("secretString: {\"host\":\"[secret]\"} -> {\"host\":\"[secret]\",\"password\":\"[secret]\"}");
    }

    @Test
    void aPlanOfAnOlderBuildWithSecretsInClearIsMaskedOnReading() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = (ObjectNode) json.readTree(PlanWriter.toJson(HEAD.get()));
        for (var r : document.get("resources")) {
            if (r.get("type").asText().equals("aws:secretsmanager/secretVersion:SecretVersion")) {
                ((ObjectNode) r.get("inputs")).put("secretString", "{\"password\":\"" + IN_SECRET_STRING + "\"}");
            }
        }
        var resources = (com.fasterxml.jackson.databind.node.ArrayNode) document.get("resources");
        resources.addObject().put("urn", "urn:pulumi:dev::platform::kubernetes:core/v1:Secret::app").put("type", "kubernetes:core/v1:Secret")
                .put("name", "app").put("custom", true).putObject("inputs").putObject("stringData").put("token", IN_PASSWORD);
        Plan read = PlanReader.parse(document.toString(), "old plan.json").plan();
        assertThat(PlanWriter.toJson(read)).doesNotContain(IN_SECRET_STRING, IN_PASSWORD).contains("\"token\" : \"[secret]\"");
        assertThat(DiffJson.render(PlanDiff.between(BASE.get(), read, LocalDate.of(2026, 12, 2)))).doesNotContain(IN_SECRET_STRING, IN_PASSWORD);
    }

    /** A type outside the built-in list is masked by what its own plan entry marks secret (additionalSecretOutputs). */
    @Test
    void anInputTheResourceMarksSecretIsMaskedOnReadingWhateverItsType() {
        String plan = "{\"schemaVersion\": 1, \"resources\": [{\"urn\": \"urn:pulumi:dev::platform::aws:mq/broker:Broker::events\","
                + " \"type\": \"aws:mq/broker:Broker\", \"name\": \"events\", \"custom\": true, \"additionalSecretOutputs\": [\"users\"],"
                + " \"inputs\": {\"engineType\": \"RabbitMQ\", \"users\": [{\"username\": \"app\", \"password\": \"" + IN_PASSWORD + "\"}]}}]}";
        Plan read = PlanReader.parse(plan, "old plan.json").plan();
        assertThat(read.resources().get(0).inputs()).containsEntry("users", List.of("[secret]")).containsEntry("engineType", "RabbitMQ");
        assertThat(PlanWriter.toJson(read)).doesNotContain(IN_PASSWORD);
    }
}
