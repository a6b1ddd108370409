package com.featureapi.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.BesideInProcessTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code plan.json} is a contract that reviewers diff: the same sources must give the same bytes in every
 * JVM, and the file must keep the layout docs/plan-schema.md promises.
 */
@BesideInProcessTests
class PlanDeterminismTest {

    private static final List<String> STACKS = List.of("staging", "production");

    /** The order in which docs/plan-schema.md lists a resource's fields (the one object not sorted by key). */
    private static final List<String> RESOURCE_FIELDS = List.of("urn", "type", "name", "parent", "custom", "provider", "inputs",
            "dependencies", "propertyDependencies", "protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges",
            "replaceOnChanges", "additionalSecretOutputs", "rendered");
    /** Helm releases also say whether their chart's objects are in the plan (docs/plan-schema.md). */
    private static final List<String> RELEASE_FIELDS = java.util.stream.Stream.concat(RESOURCE_FIELDS.stream(),
            java.util.stream.Stream.of("chartRendered", "chartRenderedReason")).toList();
    /** Components (not the stack) also carry what they registered with registerOutputs. */
    private static final List<String> COMPONENT_FIELDS = java.util.stream.Stream.concat(RESOURCE_FIELDS.stream(),
            java.util.stream.Stream.of("registeredOutputs")).toList();

    /**
     * Three JVMs, this one and two it starts: the salt of {@code Map.of}/{@code Set.of}/{@code Map.copyOf} is drawn
     * anew in each (so their iteration order changes from JVM to JVM), and {@code -XX:hashCode} (5, the default,
     * here; 2 and 3 in the children) changes identity hash codes, and with them the order of a {@code HashMap} keyed
     * by objects. Any of these reaching an input or an output makes the files differ. (Planning twice in one JVM
     * cannot see this: the salt is fixed per JVM.) This JVM's plans are the shared ones the other tests inspect.
     */
    @Test
    void plansMadeInSeparateJvmsAreByteIdentical(@TempDir Path dir) throws Exception {
        List<String> hashModes = List.of("2", "3");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < hashModes.size(); i++) {
            processes.add(startPlan(dir.resolve("run" + i), hashModes.get(i), dir.resolve("run" + i + ".log")));
        }
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("the child JVM planning run " + i + " did not finish in 3 minutes");
            }
            assertThat(process.exitValue()).as("exit code of run %d; its output:%n%s", i,
                    Files.readString(dir.resolve("run" + i + ".log"))).isZero();
        }
        for (String stack : STACKS) {
            String here = PlanWriter.toJson(PlannedStacks.of(stack));
            for (int i = 0; i < hashModes.size(); i++) {
                String other = Files.readString(dir.resolve("run" + i).resolve(stack).resolve("plan.json"));
                assertThat(other).as("plan.json of %s in child JVM %d (-XX:hashCode=%s) against this JVM's", stack, i, hashModes.get(i))
                        .isEqualTo(here);
            }
        }
    }

    private static Process startPlan(Path out, String hashMode, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=" + hashMode,
                "-XX:TieredStopAtLevel=1",
                "-cp", testClassPath(), PlanInFreshJvm.class.getName(), out.toString(), STACKS.get(0), STACKS.get(1));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Surefire may start tests from a manifest-only jar; it then keeps the real class path in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        assertThat(classPath.split(File.pathSeparator)).anyMatch(entry -> entry.endsWith("test-classes"));
        return classPath;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theFileHasTheDocumentedLayout(String stack) throws IOException {
        String json = PlanWriter.toJson(PlannedStacks.of(stack));

        assertThat(json).endsWith("}\n").doesNotContain("\r").doesNotContain("\t")
                .doesNotContain(Path.of(".").toAbsolutePath().normalize().toString())
                .doesNotContain(FixtureStacks.project().toString());
        assertIndentedByTwoSpacesPerLevel(json);

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(fieldNames(root)).containsExactly("config", "outputs", "project", "resources", "schemaVersion", "stack", "summary");
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(PlanWriter.SCHEMA_VERSION);
        List<String> urns = new ArrayList<>();
        for (JsonNode resource : root.get("resources")) {
            String type = resource.get("type").asText();
            assertThat(fieldNames(resource)).as("fields of " + type).containsExactlyElementsOf(
                    type.equals("kubernetes:helm.sh/v3:Release") ? RELEASE_FIELDS
                            : type.startsWith("platform:") ? COMPONENT_FIELDS : RESOURCE_FIELDS);
            urns.add(resource.get("urn").asText());
            resource.fields().forEachRemaining(field -> assertKeysSortedBelow(field.getValue(), resource.get("urn").asText() + "." + field.getKey()));
        }
        assertThat(urns).as("resources sorted by URN, each once").isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        for (String section : List.of("config", "outputs", "summary")) {
            assertKeysSortedBelow(root.get(section), section);
        }
    }

    /** Every object at or below {@code node} lists its keys in sorted order. */
    private static void assertKeysSortedBelow(JsonNode node, String where) {
        if (node.isObject()) {
            assertThat(fieldNames(node)).as("keys of %s", where).isSortedAccordingTo(String::compareTo);
            node.fields().forEachRemaining(field -> assertKeysSortedBelow(field.getValue(), where + "." + field.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertKeysSortedBelow(node.get(i), where + "[" + i + "]");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Each line starts with two spaces per open bracket above it (a closing bracket sits at its opener's level). */
    private static void assertIndentedByTwoSpacesPerLevel(String json) {
        int depth = 0;
        String[] lines = json.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String content = line.stripLeading();
            int expected = content.startsWith("}") || content.startsWith("]") ? depth - 1 : depth;
            assertThat(line.length() - content.length()).as("indentation of line %d: %s", n + 1, line).isEqualTo(2 * expected);
            depth += bracketBalance(content);
        }
        assertThat(depth).isZero();
    }

    private static int bracketBalance(String line) {
        int balance = 0;
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                balance++;
            } else if (c == '}' || c == ']') {
                balance--;
            }
        }
        return balance;
    }
}
