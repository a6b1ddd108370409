package com.featureapi.platform.policy;

import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The project's pack starts through its own {@code scripts/serve.js} (no ts-node, V8's code cache) instead of
 * {@code run-policy-pack}: the verdicts must be the same, node must end by itself when its stdin closes (saving the
 * cache), a review worktree's linked node_modules must not collect caches, and a pack that fails to load must say why.
 */
@BesideInProcessTests
class ServeScriptTest {

    private static final Path PACK = Path.of("policies");
    private static final Path SERVE = PACK.resolve("scripts").resolve("serve.js");

    @Test
    void theServeScriptGivesExactlyTheVerdictsOfRunPolicyPack() {
        Analyzer served = SharedAnalyzer.get();
        assertThat(served.command()).last().asString().endsWith("policies/scripts/serve.js");
        try (Analyzer cli = Analyzer.start(PolicyPackDir.of(PACK), PolicyLog.quiet(), false)) {
            assertThat(cli.command()).contains(".", AnalyzerProcess.NO_ENGINE);
            assertThat(cli.command().get(1)).endsWith("node_modules/@pulumi/pulumi/cmd/run-policy-pack");
            assertThat(cli.packName()).isEqualTo(served.packName());
            for (String stack : List.of("staging", "production")) {
                Plan plan = PlannedStacks.of(stack);
                Optional<Path> config = Optional.of(PACK.resolve("config").resolve(stack + ".json"));
                List<Verdict> verdicts = served.analyze(plan, stack, config);
                assertThat(verdicts).as(stack).isNotEmpty().containsExactlyElementsOf(cli.analyze(plan, stack, config));
            }
        }
    }

    @Test
    void nodeEndsByItselfWhenItsInputClosesAndSavesTheCodeCache() throws IOException {
        Instant started = Instant.now().minusSeconds(1);
        Analyzer analyzer = Analyzer.start(PolicyPackDir.of(PACK), PolicyLog.quiet());
        analyzer.close();

        assertThat(analyzer.exitValue()).as("exit value: 0 when it ended by itself, 143 when it was stopped").isZero();
        Path cache = codeCacheFile(PACK.toAbsolutePath(), "BLOB").orElseThrow();
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThan(FileTime.from(started));
        assertThat(Files.size(cache)).isGreaterThan(1_000_000);
    }

    @Test
    void aPackWithLinkedNodeModulesWritesNoCacheIntoTheFolderItBorrows(@TempDir Path dir) throws IOException {
        Path pack = withServeScript(ScriptedPacks.write(dir, "linked", "a pack borrowing node_modules",
                "{ name: \"nothing\", description: \"finds nothing\", enforcementLevel: \"advisory\", validateResource: () => {} }"));
        Analyzer analyzer = Analyzer.start(PolicyPackDir.of(pack), PolicyLog.quiet());
        assertThat(analyzer.packName()).isEqualTo("linked");
        analyzer.close();

        assertThat(analyzer.exitValue()).isZero();
        assertThat(codeCacheFile(pack, "BLOB")).isEmpty();
        assertThat(codeCacheFile(pack, "MAP")).isEmpty();
    }

    @Test
    void aPackThatFailsToLoadSaysWhyAndNodeEnds(@TempDir Path dir) throws IOException {
        Path pack = withServeScript(ScriptedPacks.write(dir, "broken", "a pack that throws", "{}"));
        Files.writeString(pack.resolve("index.js"), "throw new Error(\"the pack is broken\");\n");

        assertThatThrownBy(() -> Analyzer.start(PolicyPackDir.of(pack), PolicyLog.quiet()))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("the policy analyzer of " + PolicyPackDir.of(pack).dir() + " did not start:\n"
                        + "the policy pack's entry point " + PolicyPackDir.of(pack).dir().resolve("index.js") + " failed to load:\n"
                        + "Error: the pack is broken\n    at ");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(pack.toString()))
                .filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aPackThatFailsAfterLoadingSaysWhyAtOnceInsteadOfWaitingForTheStartTimeout(@TempDir Path dir) throws IOException {
        Path pack = withServeScript(ScriptedPacks.write(dir, "rejects", "a pack whose start fails asynchronously", "{}"));
        Files.writeString(pack.resolve("index.js"), "Promise.reject(new Error(\"the pack failed after loading\"));\n");

        // run-policy-pack ends node when nothing is left to run; serve.js's stdin must not keep it waiting for 120 s
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Analyzer.start(PolicyPackDir.of(pack), PolicyLog.quiet())))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("the policy analyzer of " + PolicyPackDir.of(pack).dir() + " did not start:\n"
                        + "Error: the pack failed after loading\n    at ");
    }

    @Test
    void aLockLeftByANodeKilledWhileSavingDoesNotStopTheCacheFromBeingSavedAgain() throws IOException {
        Analyzer.start(PolicyPackDir.of(PACK), PolicyLog.quiet()).close();
        Path blob = codeCacheFile(PACK.toAbsolutePath(), "BLOB").orElseThrow();
        Path lock = blob.resolveSibling(blob.getFileName().toString().replaceFirst("BLOB$", "LOCK"));
        Files.writeString(lock, "LOCK");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(600)));
        Instant started = Instant.now().minusSeconds(1);

        Analyzer analyzer = Analyzer.start(PolicyPackDir.of(PACK), PolicyLog.quiet());
        analyzer.close();

        assertThat(analyzer.exitValue()).isZero();
        assertThat(lock).doesNotExist();
        assertThat(Files.getLastModifiedTime(blob)).isGreaterThan(FileTime.from(started));
    }

    private static Path withServeScript(Path pack) throws IOException {
        Files.createDirectories(pack.resolve("scripts"));
        Files.copy(SERVE, pack.resolve("scripts").resolve("serve.js"));
        return pack;
    }

    /** v8-compile-cache names its files after the main script's path, with '/' written as "zS". */
    private static Optional<Path> codeCacheFile(Path pack, String kind) throws IOException {
        Path caches = PACK.resolve("node_modules").resolve(".cache").resolve("v8-compile-cache");
        if (!Files.isDirectory(caches)) {
            return Optional.empty();
        }
        String name = pack.toAbsolutePath().normalize().resolve("scripts").resolve("serve.js").toString()
                .replace("z", "zZ").replace("/", "zS") + "." + kind;
        try (Stream<Path> files = Files.walk(caches)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst();
        }
    }
}
