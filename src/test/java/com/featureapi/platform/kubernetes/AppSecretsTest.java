package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.featureapi.platform.security.PolicyJson.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The app's own secrets (JWT_SECRET, AUTH_SECRET, ENCRYPTION_KEY) from end to end: a Secrets Manager secret each with
 * no value, generated and pushed once in the cluster, synced into the app's namespace and mounted as files; the
 * External Secrets role may push into exactly those three and read exactly what it syncs.
 */
class AppSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "aws:secretsmanager/secret:Secret";
    private static final String PUSH_SECRET = "kubernetes:external-secrets.io/v1alpha1:PushSecret";
    private static final String PASSWORD = "kubernetes:generators.external-secrets.io/v1alpha1:Password";
    private static final List<String> SLUGS = List.of("jwt-secret", "auth-secret", "encryption-key");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void eachSecretExistsUnderTheStacksPrefixWithTheSecretsKeyAndNoValue(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (String slug : SLUGS) {
            PlannedResource secret = plan.one(SECRET, "feature-api-" + slug);
            assertThat(secret.input("name")).isEqualTo("platform/" + stack + "/feature-api/" + slug);
            assertThat(secret.propertyDependencies().get("kmsKeyId")).containsExactly(PlannedStacks.keyUrn(plan, "secrets"));
            // External Secrets pushes only into a secret tagged as its own.
            assertThat(secret.input("tags")).isEqualTo(Map.of("Name", "platform/" + stack + "/feature-api/" + slug,
                    "managed-by", "external-secrets"));
            assertThat(secret.input("recoveryWindowInDays")).isEqualTo(stack.equals("production") ? 30L : 0L);
        }
        // Pulumi never holds their values: the only versions in the plan (and so in state) are the connection info's.
        assertThat(plan.ofType("aws:secretsmanager/secretVersion:SecretVersion")).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("feature-api-database", "feature-api-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void oneGeneratorOfThreeKeysPushedOnceWithoutOverwriting(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource generator = plan.one(PASSWORD, "feature-api-secrets");
        assertThat(generator.input("metadata")).isEqualTo(Map.of("name", "feature-api-secrets", "namespace", "external-secrets"));
        assertThat(generator.input("spec")).isEqualTo(Map.of("length", 64L, "digits", 10L, "symbols", 0L, "noUpper", false,
                "allowRepeat", true, "secretKeys", SLUGS));

        PlannedResource push = plan.one(PUSH_SECRET, "feature-api-secrets");
        assertThat(push.input("metadata.namespace")).isEqualTo("external-secrets");
        assertThat(push.input("spec.updatePolicy")).isEqualTo("IfNotExists");
        assertThat(push.input("spec.deletionPolicy")).isEqualTo("None");
        assertThat(push.input("spec.secretStoreRefs")).isEqualTo(List.of(Map.of("kind", "ClusterSecretStore", "name", "aws-secrets-manager")));
        assertThat(push.input("spec.selector")).isEqualTo(Map.of("generatorRef", Map.of(
                "apiVersion", "generators.external-secrets.io/v1alpha1", "kind", "Password", "name", "feature-api-secrets")));
        @SuppressWarnings("unchecked") List<Map<String, Object>> data = (List<Map<String, Object>>) push.input("spec.data");
        assertThat(data).extracting(d -> ((Map<?, ?>) d.get("match")).get("secretKey"),
                        d -> ((Map<?, ?>) ((Map<?, ?>) d.get("match")).get("remoteRef")).get("remoteKey"))
                .containsExactly(
                        tuple("jwt-secret", "platform/" + stack + "/feature-api/jwt-secret"),
                        tuple("auth-secret", "platform/" + stack + "/feature-api/auth-secret"),
                        tuple("encryption-key", "platform/" + stack + "/feature-api/encryption-key"));
        assertThat(data).allSatisfy(d -> assertThat(d.get("metadata")).isEqualTo(Map.of(
                "apiVersion", "kubernetes.external-secrets.io/v1alpha1", "kind", "PushSecretMetadata",
                "spec", Map.of("secretPushFormat", "string"))));

        // The push waits for the remote secrets (it may not create them), the generator, the store and the release;
        // the app's release waits for the push and the generator.
        List<String> expected = new ArrayList<>();
        SLUGS.forEach(slug -> expected.add(plan.one(SECRET, "feature-api-" + slug).urn()));
        expected.add(generator.urn());
        expected.add(plan.one("kubernetes:external-secrets.io/v1:ClusterSecretStore", "aws-secrets-manager").urn());
        expected.add(plan.one("kubernetes:helm.sh/v3:Release", "external-secrets").urn());
        assertThat(push.dependencies()).containsAll(expected);
        assertThat(plan.one("kubernetes:helm.sh/v3:Release", "feature-api").dependencies()).contains(push.urn(), generator.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void externalSecretsMayPushIntoExactlyTheThreeAndReadExactlyWhatItSyncs(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        String prefix = "arn:aws:secretsmanager:us-east-1:" + PlannedStacks.account(stack) + ":secret:platform/" + stack + "/feature-api/";
        List<String> app = SLUGS.stream().map(slug -> prefix + slug + "-??????").toList();
        JsonNode statements = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "external-secrets").input("policy")).get("Statement");
        JsonNode read = statement(statements, "ReadTheSyncedSecrets");
        List<String> readable = new ArrayList<>(List.of(prefix + "database-??????", prefix + "cache-??????"));
        readable.addAll(app);
        assertThat(texts(read.get("Resource"))).containsExactlyElementsOf(readable);
        assertThat(texts(read.get("Action"))).containsExactly("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                "secretsmanager:ListSecretVersionIds");

        JsonNode push = statement(statements, "PushTheAppSecretsOnce");
        assertThat(texts(push.get("Action"))).containsExactly("secretsmanager:PutSecretValue", "secretsmanager:DeleteResourcePolicy");
        assertThat(texts(push.get("Resource"))).containsExactlyElementsOf(app);

        JsonNode encrypt = statement(statements, "EncryptTheAppSecretsThroughSecretsManager");
        assertThat(texts(encrypt.get("Action"))).containsExactly("kms:GenerateDataKey");
        assertThat(texts(encrypt.get("Condition").get("StringEquals").get("kms:ViaService"))).containsExactly("secretsmanager.us-east-1.amazonaws.com");
        assertThat(texts(encrypt.get("Condition").get("StringLike").get("kms:EncryptionContext:SecretARN"))).containsExactlyElementsOf(app);

        // Nothing else in the policy writes to Secrets Manager, and no statement creates, deletes or tags a secret.
        List<String> actions = new ArrayList<>();
        statements.forEach(s -> actions.addAll(texts(s.get("Action"))));
        assertThat(actions).filteredOn(a -> a.startsWith("secretsmanager:"))
                .noneMatch(a -> a.contains("Create") || a.contains("Tag") || a.equals("secretsmanager:DeleteSecret") || a.contains("*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theChartSyncsThemIntoOneSecretMountedReadOnlyAsFiles(String stack) {
        ExternalSecretModel synced = RenderedChart.JSON.convertValue(
                RenderedChart.manifest(stack, "ExternalSecret", "feature-api-app-secrets"), ExternalSecretModel.class);
        assertThat(synced.spec().secretStoreRef()).isEqualTo(new ExternalSecretModel.SecretStoreRef("ClusterSecretStore", "aws-secrets-manager"));
        assertThat(synced.spec().target().name()).isEqualTo("feature-api-app-secrets");
        assertThat(synced.spec().data()).extracting(ExternalSecretModel.Data::secretKey, d -> d.remoteRef().key()).containsExactly(
                tuple("jwt-secret", "platform/" + stack + "/feature-api/jwt-secret"),
                tuple("auth-secret", "platform/" + stack + "/feature-api/auth-secret"),
                tuple("encryption-key", "platform/" + stack + "/feature-api/encryption-key"));

        PodSpec pod = RenderedChart.typed(stack, "Deployment", "feature-api", Deployment.class).getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals("app-secrets")).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("feature-api-app-secrets");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
        Container api = pod.getContainers().get(0);
        VolumeMount mount = api.getVolumeMounts().stream().filter(m -> m.getName().equals("app-secrets")).findFirst().orElseThrow();
        assertThat(mount.getMountPath()).isEqualTo("/var/run/secrets/feature-api");
        assertThat(mount.getReadOnly()).isTrue();
        // Where the files are, never what they hold: no variable carries a value or a reference to the Secret.
        assertThat(api.getEnv()).filteredOn(e -> e.getName().contains("SECRET") || e.getName().contains("KEY"))
                .extracting(e -> e.getName() + "=" + e.getValue()).containsExactly(
                        "JWT_SECRET_FILE=/var/run/secrets/feature-api/jwt-secret",
                        "AUTH_SECRET_FILE=/var/run/secrets/feature-api/auth-secret",
                        "ENCRYPTION_KEY_FILE=/var/run/secrets/feature-api/encryption-key");
        assertThat(api.getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
        assertThat(api.getEnvFrom()).extracting(e -> e.getSecretRef().getName()).doesNotContain("feature-api-app-secrets");
    }

    private static JsonNode statement(JsonNode statements, String sid) {
        for (JsonNode statement : statements) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + statements);
    }
}
