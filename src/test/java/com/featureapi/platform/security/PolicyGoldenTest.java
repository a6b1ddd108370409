package com.featureapi.platform.security;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every policy document of both stacks, statement by statement, against a golden file under
 * {@code src/test/resources/golden/<stack>/}: KMS key policies, IAM trust policies, inline role policies
 * (the Load Balancer Controller's checked-in one included), customer-managed policies, the managed
 * policies attached to each role, and S3 bucket policies. A change to any action, resource, principal
 * or condition fails here and shows up as a diff of a reviewed file in the pull request.
 *
 * <p>Regenerate after an intended change (docs/testing.md): {@code ./mvnw test -Dtest=PolicyGoldenTest
 * -Dgolden.update=true}, then review {@code git diff src/test/resources/golden}.
 */
class PolicyGoldenTest {

    static final String UPDATE_SWITCH = "golden.update";
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    @TestFactory
    Stream<DynamicTest> staging() {
        return goldenTests("staging");
    }

    @TestFactory
    Stream<DynamicTest> production() {
        return goldenTests("production");
    }

    private static Stream<DynamicTest> goldenTests(String stack) {
        Map<Path, String> expected = documents(PlannedStacks.of(stack));
        Path dir = GOLDEN.resolve(stack);
        boolean update = Boolean.getBoolean(UPDATE_SWITCH);
        if (update) {
            write(dir, expected);
        }
        List<DynamicTest> tests = new ArrayList<>();
        expected.forEach((relative, document) -> tests.add(dynamicTest(stack + "/" + relative, () -> {
            Path file = dir.resolve(relative);
            assertThat(file).as("golden file %s is missing; %s", file, howToUpdate()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("the policy in the %s plan differs from %s; %s", stack, file, howToUpdate())
                    .isEqualTo(document);
        })));
        tests.add(dynamicTest(stack + ": no golden file without a policy", () ->
                assertThat(existing(dir)).as("golden files of %s that no policy of the plan matches; %s", stack, howToUpdate())
                        .isSubsetOf(expected.keySet())));
        return tests.stream();
    }

    private static String howToUpdate() {
        return "if the change is intended, regenerate with `./mvnw test -Dtest=PolicyGoldenTest -D" + UPDATE_SWITCH
                + "=true` and review `git diff src/test/resources/golden` like code";
    }

    /** The golden documents of one plan, by path relative to its stack's directory. */
    static SortedMap<Path, String> documents(Plan plan) {
        SortedMap<Path, String> documents = new TreeMap<>();
        for (PlannedResource key : plan.ofType("aws:kms/key:Key")) {
            documents.put(Path.of("kms-key-policy", key.name() + ".json"), render(policy(key, "policy")));
        }
        for (PlannedResource role : plan.ofType("aws:iam/role:Role")) {
            documents.put(Path.of("iam-role-trust", role.name() + ".json"), render(policy(role, "assumeRolePolicy")));
            if (role.input("inlinePolicies") instanceof List<?> inline && !inline.isEmpty()) {
                documents.put(Path.of("iam-role-inline-policies", role.name() + ".json"), render(inline));
            }
        }
        for (PlannedResource rolePolicy : plan.ofType("aws:iam/rolePolicy:RolePolicy")) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("role", nameOfSource(plan, rolePolicy, "role"));
            document.put("policy", policy(rolePolicy, "policy"));
            documents.put(Path.of("iam-role-policy", rolePolicy.name() + ".json"), render(document));
        }
        for (PlannedResource customerPolicy : plan.ofType("aws:iam/policy:Policy")) {
            documents.put(Path.of("iam-policy", customerPolicy.name() + ".json"), render(policy(customerPolicy, "policy")));
        }
        SortedMap<String, List<String>> attachedByRole = new TreeMap<>();
        for (PlannedResource attachment : plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            List<String> customer = attachment.propertyDependencies().getOrDefault("policyArn", List.of());
            String policy = customer.isEmpty() ? (String) attachment.input("policyArn") : "customer-managed " + plan.byUrn(customer.get(0)).name();
            attachedByRole.computeIfAbsent(nameOfSource(plan, attachment, "role"), r -> new ArrayList<>()).add(policy);
        }
        attachedByRole.values().forEach(list -> list.sort(String::compareTo));
        documents.put(Path.of("iam-role-attached-policies.json"), render(attachedByRole));
        for (PlannedResource bucketPolicy : plan.ofType("aws:s3/bucketPolicy:BucketPolicy")) {
            documents.put(Path.of("s3-bucket-policy", bucketPolicy.name() + ".json"), render(policy(bucketPolicy, "policy")));
        }
        return documents;
    }

    /** A policy input (JSON text), parsed. */
    private static Object policy(PlannedResource resource, String input) {
        Object text = resource.input(input);
        assertThat(text).as("%s of %s", input, resource.urn()).isInstanceOf(String.class);
        try {
            return JSON.readValue((String) text, Object.class);
        } catch (IOException e) {
            throw new AssertionError(input + " of " + resource.urn() + " is not JSON: " + text, e);
        }
    }

    /** The logical name of the resource an input came from (the role a policy is attached to). */
    private static String nameOfSource(Plan plan, PlannedResource resource, String input) {
        List<String> sources = resource.propertyDependencies().getOrDefault(input, List.of());
        assertThat(sources).as("%s of %s comes from one resource", input, resource.urn()).hasSize(1);
        return plan.byUrn(sources.get(0)).name();
    }

    /** Pretty JSON: keys sorted, two-space indentation, final newline (list order kept: it is the policy's). */
    static String render(Object document) {
        try {
            return JSON.writer(PRETTY).writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> existing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static void write(Path dir, Map<Path, String> documents) {
        try {
            for (Path stale : existing(dir)) {
                if (!documents.containsKey(stale)) {
                    Files.delete(dir.resolve(stale));
                }
            }
            for (Map.Entry<Path, String> document : documents.entrySet()) {
                Path file = dir.resolve(document.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, document.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
