package com.featureapi.platform.cli;

import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.policy.ScriptedPacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C at each phase of each command, as a person does it: the CLI runs from {@code target/platform.jar} in a
 * child JVM (with progress notes on, and a temporary folder of its own as {@code java.io.tmpdir}); when its
 * stderr says a phase has begun, it gets SIGINT ({@code kill -INT}). It must exit 130 with one line, no stack
 * trace or error, and leave no temporary folder, worktree or child process (node, a child JVM, a build) behind.
 * Runs after {@code package} (failsafe), since it needs the jar.
 */
class InterruptIT {

    private static final Path JAR = Path.of("target", "platform.jar");
    private static final String LINE = "platform: interrupted; temporary files and child processes removed";

    @TempDir
    static Path plans;

    @BeforeAll
    static void writeAPlanToCheckAndPrice() {
        PlanWriter.write(PlannedStacks.of("staging"), plans);
    }

    private record Outcome(int exitCode, List<String> stderrAfterSignal, Path tmp, Set<ProcessHandle> children) {
    }

    /** Runs the CLI, sends SIGINT once stderr has a line matching {@code phase}. */
    private static Outcome interruptAt(String phase, Path workDir, String... args) throws Exception {
        return interruptAt(phase, null, 0, workDir, args);
    }

    /**
     * Runs the CLI; sends SIGINT once stderr has a line matching {@code phase}, or (phase null) once the CLI has opened
     * {@code fifo} for reading: it is then blocked reading its input, for as long as the test keeps the pipe open.
     */
    private static Outcome interruptAt(String phase, Path fifo, long delayMillis, Path workDir, String... args) throws Exception {
        return interruptAt(phase, fifo, delayMillis, false, workDir, args);
    }

    /**
     * @param wholeGroup the CLI runs in a process group of its own ({@code setsid}) and the signal goes to the group, as
     *                   a terminal's Ctrl-C does: node and child JVMs get it at the same moment as the CLI
     */
    private static Outcome interruptAt(String phase, Path fifo, long delayMillis, boolean wholeGroup, Path workDir, String... args) throws Exception {
        Path tmp = Files.createTempDirectory("interrupt-tmp");
        List<String> command = new ArrayList<>(wholeGroup ? List.of("setsid") : List.of());
        command.addAll(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                "-cp", JAR.toAbsolutePath().toString(), "com.featureapi.platform.cli.PlatformCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PLATFORM_PROGRESS", "1");
        builder.environment().put("TMPDIR", tmp.toString());
        Process cli = builder.start();
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch reached = new CountDownLatch(1);
        Pattern trigger = phase == null ? null : Pattern.compile(phase);
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    stderr.add(line);
                    if (trigger != null && trigger.matcher(line).find()) {
                        reached.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        // kill is started now and waits for a line: starting a process on a loaded machine takes long enough for a
        // short phase to end before the signal
        Process kill = new ProcessBuilder("sh", "-c", "read go && exec kill -INT " + (wholeGroup ? "-- -" : "") + cli.pid()).start();
        java.io.OutputStream writer = null;
        if (trigger == null) {
            writer = Files.newOutputStream(fifo);   // returns once the CLI has opened the pipe to read
        } else {
            assertThat(reached.await(240, TimeUnit.SECONDS)).as("phase %s reached; stderr so far: %s", phase, stderr).isTrue();
            Thread.sleep(delayMillis);   // the phase's note comes first, then its work (a child process) starts
        }
        Set<ProcessHandle> children = new HashSet<>(cli.descendants().toList());
        int before = stderr.size();
        kill.getOutputStream().write('\n');
        kill.getOutputStream().flush();
        assertThat(kill.waitFor()).isZero();
        boolean ended = cli.waitFor(60, TimeUnit.SECONDS);
        if (writer != null) {
            writer.close();
        }
        assertThat(ended).as("the CLI ends within 60 s of SIGINT").isTrue();
        reader.join(10_000);
        List<String> after;
        synchronized (stderr) {
            after = new ArrayList<>(stderr.subList(Math.min(before, stderr.size()), stderr.size()));
        }
        return new Outcome(cli.exitValue(), after, tmp, children);
    }

    private static void assertCleanInterrupt(Outcome outcome) throws Exception {
        assertThat(outcome.exitCode()).isEqualTo(130);
        assertThat(outcome.stderrAfterSignal()).last().isEqualTo(LINE);
        assertThat(String.join("\n", outcome.stderrAfterSignal())).doesNotContain("Exception", "\tat ", "error:");
        for (ProcessHandle child : outcome.children()) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("child process %s %s", child.pid(), child.info().commandLine().orElse("")).isFalse();
        }
        try (Stream<Path> left = Files.list(outcome.tmp())) {
            assertThat(left.toList()).as("left in the temporary folder").isEmpty();
        }
    }

    private static String[] plan(Path out) {
        return plan(out, "staging");
    }

    private static String[] plan(Path out, String stack) {
        return new String[] {"plan", "--stack", stack, "--project-dir", FixtureStacks.project().toString(), "--out", out.toString()};
    }

    @Test
    void planWhileTheProgramRunsAndTheAnalyzerStarts(@TempDir Path out) throws Exception {
        Outcome outcome = interruptAt("^plan staging: the program \\(offline engine\\) \\.\\.\\.$", out, plan(out));
        assertCleanInterrupt(outcome);
        assertThat(out.resolve("staging/plan.json")).doesNotExist();
    }

    @Test
    void planWhileChartsRender(@TempDir Path out) throws Exception {
        assertCleanInterrupt(interruptAt("^plan staging: rendering local charts \\.\\.\\.$", out, plan(out)));
    }

    /**
     * The real analyzer running a pack whose one policy takes a minute per resource (a JavaScript CrossGuard pack on
     * the project's @pulumi/policy), so the signal surely arrives while node is analyzing.
     */
    @Test
    void planInThePolicyPhase(@TempDir Path out, @TempDir Path pack) throws Exception {
        ScriptedPacks.write(pack, "slow", "a pack that takes its time", """
                {
                    name: "takes-a-minute", description: "waits a minute per resource", enforcementLevel: "advisory",
                    validateResource: async () => { await new Promise((done) => setTimeout(done, 60000)); },
                }""");
        List<String> args = new ArrayList<>(List.of(plan(out)));
        args.addAll(List.of("--policy-pack", pack.toString()));

        Outcome outcome = interruptAt("^plan staging: policies \\(CrossGuard analyzer\\) \\.\\.\\.$", out, args.toArray(String[]::new));

        assertCleanInterrupt(outcome);
        assertThat(outcome.children()).as("node was analyzing").isNotEmpty();
        assertThat(String.join("\n", outcome.stderrAfterSignal())).doesNotContain("did not start");
        assertThat(out.resolve("staging/plan.json")).doesNotExist();
    }

    /**
     * A terminal's Ctrl-C reaches node together with the CLI, and node dies at once: the dead analyzer must not be
     * reported as a failed policy phase (it was, when node lost the race against the CLI's own hook).
     */
    @Test
    void planInThePolicyPhaseWhenTheWholeProcessGroupGetsCtrlC(@TempDir Path out) throws Exception {
        Outcome outcome = interruptAt("^plan staging: policies \\(CrossGuard analyzer\\) \\.\\.\\.$", null, 300, true, out, plan(out));

        assertCleanInterrupt(outcome);
        assertThat(out.resolve("staging/plan.json")).doesNotExist();
    }

    @Test
    void checkWhileTheAnalyzerWorks(@TempDir Path dir) throws Exception {
        assertCleanInterrupt(interruptAt("^check staging: policies", dir, "check", "--plan", plans.resolve("staging/plan.json").toString(),
                "--project-dir", FixtureStacks.project().toString()));
    }

    @Test
    void costWhileReadingItsPlan(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir);
        assertCleanInterrupt(interruptAt(null, fifo, 0, dir, "cost", "--plan", fifo.toString()));
    }

    @Test
    void diffWhileReadingItsPlans(@TempDir Path dir) throws Exception {
        Path fifo = fifo(dir);
        assertCleanInterrupt(interruptAt(null, fifo, 0, dir, "diff", "--base", fifo.toString(), "--head", plans.resolve("staging/plan.json").toString()));
    }

    private static Path fifo(Path dir) throws Exception {
        Path fifo = dir.resolve("plan.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        return fifo;
    }

    /**
     * A review whose base commit must be built: its {@code mvnw} stands in for a long Maven build (it sleeps), so
     * the signal arrives while the build's process tree runs in the base's worktree.
     */
    @Test
    void reviewWhileTheBaseIsBuilt(@TempDir Path repo) throws Exception {
        Path project = FixtureStacks.project();
        for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml")) {
            Files.copy(project.resolve(file), repo.resolve(file));
        }
        Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\nsleep 300\n");
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        Files.writeString(repo.resolve("Pulumi.staging.yaml"), Files.readString(repo.resolve("Pulumi.staging.yaml")) + "# edited\n");
        git(repo, "commit", "-q", "-am", "head");

        Outcome outcome = interruptAt("^review: building the jar of base ", null, 1_500, repo, "review", "--base", "HEAD~1", "--project-dir", repo.toString());

        assertCleanInterrupt(outcome);
        assertThat(outcome.children()).as("the build was running").isNotEmpty();
        assertThat(git(repo, "worktree", "list").lines().toList()).hasSize(1);
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
