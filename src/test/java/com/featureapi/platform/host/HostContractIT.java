package com.featureapi.platform.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.config.InvalidConfigException;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The path {@code pulumi up} really takes: the shaded jar started with {@code java -jar}, the environment the
 * Pulumi Java language host sets, and gRPC to a ResourceMonitor and Engine (a {@link FakePulumiEngine}
 * built on the SDK's own stubs). Runs after {@code package} (failsafe), since it needs {@code target/platform.jar}.
 */
@Execution(ExecutionMode.CONCURRENT) // four independent starts of the jar, two at a time (one per core)
class HostContractIT {

    private static final Path JAR = Path.of("target", "platform.jar");
    private static final String PROJECT = "platform";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key and value signature with which the Pulumi wire format marks a secret. */
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theJarRegistersWhatTheOfflinePlanHas(String stack) throws Exception {
        HostRun run = HostRun.of(stack, stackConfig(FixtureStacks.DIR, stack), Set.of());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.engine().unexpectedCalls()).isEmpty();
        assertThat(run.engine().featuresAsked()).containsEntry("resourceReferences", true);
        assertThat(resourcesOnTheWire(run)).hasSizeGreaterThan(150)
                .containsExactlyInAnyOrderElementsOf(resourcesOf(PlannedStacks.of(stack)));
        // The stack's outputs reach the engine as the stack resource's outputs.
        assertThat(run.engine().requests()).filteredOn(RegisterResourceOutputsRequest.class::isInstance)
                .map(r -> ((RegisterResourceOutputsRequest) r).getOutputs().getFieldsMap().keySet())
                .anySatisfy(keys -> assertThat(keys).contains("vpcId", "clusterName", "databaseAddress"));
        assertThat(run.engine().logs()).noneMatch(log -> log.getSeverity() == LogSeverity.ERROR);
    }

    @Test
    void aSecretConfigKeyNeverReachesTheWireInPlainText() throws Exception {
        // Production with platform:tags stored as a secret (`pulumi config set --secret`), with values that appear
        // nowhere else, so that any occurrence outside a secret is a leak. No key the program reads can be kept
        // secret (tags become plain strings in provider config and tagsAll), so the program must refuse it before
        // registering anything, naming the key but never its value.
        Map<String, String> config = stackConfig(FixtureStacks.DIR, "production");
        config.put("platform:tags", "{\"owner\":\"owner-5ec2e7a1\",\"costCenter\":\"center-9b04d6c3\",\"extra\":{\"Team\":\"team-71f0aa2e\"}}");
        HostRun run = HostRun.of("production", config, Set.of("platform:tags"));
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.engine().logs()).filteredOn(log -> log.getSeverity() == LogSeverity.ERROR).anySatisfy(log -> assertThat(log.getMessage())
                .contains("invalid configuration for stack \"production\" (1 problem):\n  - platform:tags: is stored as a secret, but the program cannot keep it secret"));
        assertThat(programRegistrations(run)).isEmpty();

        List<String> plaintexts = List.of("owner-5ec2e7a1", "center-9b04d6c3", "team-71f0aa2e");
        assertThat(run.engine().requests()).isNotEmpty();
        for (Message request : run.engine().requests()) {
            assertThat(plainOccurrences(request, plaintexts)).as("a " + request.getDescriptorForType().getName()).isEmpty();
        }
        assertThat(plaintexts).noneMatch(run.output()::contains);
    }

    @Test
    void invalidConfigExitsWithTheOfflineMessageAndRegistersNothing(@TempDir Path dir) throws Exception {
        Path project = StackFiles.copyEdited(dir, "staging", config -> ((ObjectNode) config.get("platform:database")).put("engineVersion", "17.9"));
        String offlineMessage = catchThrowableOfType(InvalidConfigException.class, () -> PlannedStacks.plan(project, "staging")).getMessage();
        assertThat(offlineMessage).contains("platform:database.engineVersion = \"17.9\": a full minor version cannot be pinned");

        HostRun run = HostRun.of("staging", stackConfig(project, "staging"), Set.of());
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.engine().logs()).filteredOn(log -> log.getSeverity() == LogSeverity.ERROR)
                .anySatisfy(log -> assertThat(log.getMessage()).contains(offlineMessage));
        assertThat(programRegistrations(run)).isEmpty();
    }

    /**
     * Where any of {@code plaintexts} occurs in a request outside a secret: a secret travels as a struct marked
     * with the secret signature (its value is readable inside it, and the engine encrypts it in the state);
     * anything else is a leak, including a secret's marker embedded in a JSON string.
     */
    private static List<String> plainOccurrences(Message request, List<String> plaintexts) {
        List<String> found = new ArrayList<>();
        Message rest = request;
        if (request instanceof RegisterResourceRequest register) {
            walk(Value.newBuilder().setStructValue(register.getObject()).build(), register.getName(), plaintexts, found);
            rest = register.toBuilder().clearObject().build();
        } else if (request instanceof RegisterResourceOutputsRequest outputs) {
            walk(Value.newBuilder().setStructValue(outputs.getOutputs()).build(), outputs.getUrn(), plaintexts, found);
            rest = outputs.toBuilder().clearOutputs().build();
        }
        String text = TextFormat.printer().escapingNonAscii(false).printToString(rest);
        plaintexts.stream().filter(text::contains).forEach(p -> found.add(p + " in the request's other fields"));
        return found;
    }

    private static void walk(Value value, String path, List<String> plaintexts, List<String> found) {
        if (isSecret(value)) {
            return;
        }
        switch (value.getKindCase()) {
            case STRING_VALUE -> plaintexts.stream().filter(value.getStringValue()::contains)
                    .forEach(p -> found.add(p + " at " + path + ": " + value.getStringValue()));
            case STRUCT_VALUE -> value.getStructValue().getFieldsMap().forEach((key, nested) -> walk(nested, path + "." + key, plaintexts, found));
            case LIST_VALUE -> {
                for (int i = 0; i < value.getListValue().getValuesCount(); i++) {
                    walk(value.getListValue().getValues(i), path + "[" + i + "]", plaintexts, found);
                }
            }
            default -> { }
        }
    }

    /**
     * What the program registered: everything but the stack resource, which the SDK registers on its own
     * while the program starts (it may or may not reach the engine before a failing program exits).
     */
    private static List<String> programRegistrations(HostRun run) {
        return run.engine().registrations().stream().filter(r -> !r.getType().equals("pulumi:pulumi:Stack"))
                .map(r -> r.getType() + " " + r.getName()).toList();
    }

    /** Type, name and the parent's type and name of every resource the jar registered. */
    private static List<String> resourcesOnTheWire(HostRun run) {
        Map<String, RegisterResourceRequest> byUrn = new TreeMap<>();
        run.engine().registrations().forEach(r -> byUrn.put(run.engine().urnOf(r), r));
        return run.engine().registrations().stream()
                .map(r -> r.getType() + " " + r.getName() + " in " + (r.getParent().isEmpty() ? "-"
                        : byUrn.get(r.getParent()).getType() + " " + byUrn.get(r.getParent()).getName()))
                .toList();
    }

    private static List<String> resourcesOf(Plan plan) {
        // Manifests the plan renders from local charts are its own addition, not registrations of the program.
        return plan.resources().stream().filter(r -> !r.rendered())
                .map(r -> r.type() + " " + r.name() + " in " + (r.parent().isEmpty() ? "-" : describe(plan.byUrn(r.parent()))))
                .toList();
    }

    private static String describe(PlannedResource resource) {
        return resource.type() + " " + resource.name();
    }

    private static boolean isSecret(Value value) {
        Struct struct = value.getStructValue();
        return value.hasStructValue() && struct.containsFields(SIG_KEY) && struct.getFieldsOrThrow(SIG_KEY).getStringValue().equals(SECRET_SIG);
    }

    /**
     * The config of a fixture {@code Pulumi.<stack>.yaml} as the CLI hands it to the language host: every key as
     * {@code namespace:key}, plain values as their text, structured values as JSON text.
     */
    private static Map<String, String> stackConfig(Path projectDir, String stack) throws IOException {
        JsonNode config = new YAMLMapper().readTree(projectDir.resolve("Pulumi." + stack + ".yaml").toFile()).get("config");
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            values.put(entry.getKey(), value.isValueNode() ? value.asText() : JSON.writeValueAsString(value));
        }
        return values;
    }

    /** One start of the jar against a fresh engine, to the end of the program. */
    private record HostRun(int exitCode, String output, FakePulumiEngine engine) {

        static HostRun of(String stack, Map<String, String> config, Set<String> secretKeys) throws Exception {
            assertThat(JAR).as("the shaded jar; this test runs in `./mvnw verify`, after package").exists();
            try (FakePulumiEngine engine = new FakePulumiEngine(PROJECT, stack)) {
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                        .redirectErrorStream(true);
                Map<String, String> env = builder.environment();
                env.keySet().removeIf(key -> key.startsWith("PULUMI_"));
                env.put("PULUMI_MONITOR", engine.address());
                env.put("PULUMI_ENGINE", engine.address());
                env.put("PULUMI_PROJECT", PROJECT);
                env.put("PULUMI_STACK", stack);
                env.put("PULUMI_ORGANIZATION", "organization");
                env.put("PULUMI_DRY_RUN", "true");
                env.put("PULUMI_CONFIG", JSON.writeValueAsString(config));
                env.put("PULUMI_CONFIG_SECRET_KEYS", JSON.writeValueAsString(List.copyOf(secretKeys)));
                // C1 only, as the CI jobs that run `pulumi preview` start the jar (docs/performance.md): the launcher
                // reads it for `java -jar` like any other start, and a run of seconds never pays back C2's work.
                env.put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1");
                Path log = Files.createTempFile("host-contract-" + stack, ".log");
                Process process = builder.redirectOutput(log.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the program did not finish within 180 s:\n" + Files.readString(log));
                }
                String output = Files.readString(log);
                Files.delete(log);
                return new HostRun(process.exitValue(), output, engine);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output + "\nlogs:\n" + engine.logs().stream().map(l -> l.getSeverity() + " " + l.getMessage())
                    .collect(Collectors.joining("\n"));
        }
    }
}
