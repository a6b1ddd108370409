package com.featureapi.platform.review;

import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The git side of a review on a small repository of its own: refs, worktrees, cleanup after a failure. */
class CommitPlannerTest {

    @TempDir
    Path repo;

    private Git init() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("Pulumi.yaml"), "name: platform\nruntime: java\n");
        Files.writeString(repo.resolve("Pulumi.staging.yaml"), "config: {}\n");
        git("add", ".");
        git("commit", "-q", "-m", "first");
        Files.writeString(repo.resolve("Pulumi.production.yaml"), "config: {}\n");
        git("add", ".");
        git("commit", "-q", "-m", "second");
        return Git.at(repo);
    }

    @Test
    void anUnknownRefIsAUsageErrorNamingIt() throws Exception {
        Git git = init();
        assertThat(git.commit("HEAD~1")).hasSize(40).isNotEqualTo(git.commit("HEAD"));
        assertThatThrownBy(() -> git.commit("origin/nope"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("no commit \"origin/nope\" in ")
                .hasMessageContaining("git fetch origin main")
                .matches(e -> ((PlanException) e).isInvalidInput());
        assertThatThrownBy(() -> git.commit("--output=x")).hasMessage("not a git revision: \"--output=x\"");
    }

    @Test
    void eachCommitIsCheckedOutApartAndEverythingIsRemovedEvenWhenItsBuildFails() throws Exception {
        Git git = init();
        Files.writeString(repo.resolve("Pulumi.staging.yaml"), "config: {edited: true}\n");   // a local edit must survive
        StringWriter log = new StringWriter();
        Path workDir;
        try (CommitPlanner planner = new CommitPlanner(git, repo, Progress.to(new PrintWriter(log, true)), cache(), Optional.empty())) {
            CommitPlanner.Prepared base = planner.prepare("base", "HEAD~1");
            assertThatThrownBy(() -> planner.plan("base", base, List.of("staging")))
                    .isInstanceOf(PlanException.class)
                    .hasMessageContaining("has no mvnw")
                    .hasMessageContaining("predates the Java program");
            workDir = Path.of(git.run("worktree", "list", "--porcelain").lines()
                    .filter(l -> l.startsWith("worktree ") && l.contains("platform-review-")).findFirst().orElseThrow()
                    .substring("worktree ".length()));
            // the base commit's files, not the checkout's: it has no production stack
            assertThat(CommitPlanner.stacksIn(workDir)).containsExactly("staging");
            assertThat(CommitPlanner.stacksIn(repo)).containsExactly("production", "staging");
        }
        assertThat(git.run("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).toList()).hasSize(1);
        assertThat(workDir).doesNotExist();
        assertThat(workDir.getParent()).doesNotExist();
        assertThat(Files.readString(repo.resolve("Pulumi.staging.yaml"))).isEqualTo("config: {edited: true}\n");
        assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(log.toString()).contains("review: checking out base HEAD~1");
    }

    private BuildCache cache() {
        return new BuildCache(repo.resolve("target/review-cache"), BuildCache.MAX_BYTES, Duration.ofDays(1));
    }

    @Test
    void theBuildKeyNamesWhatTheBuildReadsNotTheCommit() throws Exception {
        Git git = init();
        BuildInputs inputs = new BuildInputs(git, Path.of(""));
        Files.createDirectories(repo.resolve("src/main/java"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.writeString(repo.resolve("src/main/java/App.java"), "class App {}\n");
        Files.createDirectories(repo.resolve("policies/config"));
        Files.writeString(repo.resolve("policies/index.js"), "// pack\n");
        Files.writeString(repo.resolve("policies/package-lock.json"), "{\"lockfileVersion\": 3}\n");
        Files.writeString(repo.resolve("policies/config/staging.json"), "{}\n");
        commit("code");
        String code = git.commit("HEAD");
        Files.writeString(repo.resolve("Pulumi.staging.yaml"), "config: {platform:env: staging}\n");
        Files.writeString(repo.resolve("README.md"), "# docs\n");
        Files.writeString(repo.resolve("policies/config/staging.json"), "{\"all\": \"advisory\"}\n");
        commit("stack file, docs and policy config only");
        String config = git.commit("HEAD");
        Files.writeString(repo.resolve("src/main/java/App.java"), "class App { int x; }\n");
        Files.writeString(repo.resolve("policies/index.js"), "// pack, changed\n");
        commit("code and pack");
        String changed = git.commit("HEAD");

        assertThat(inputs.buildKey(config)).isEqualTo(inputs.buildKey(code)).hasSize(32);
        assertThat(inputs.packKey(config)).isEqualTo(inputs.packKey(code));
        assertThat(inputs.buildKey(changed)).isNotEqualTo(inputs.buildKey(config));
        assertThat(inputs.packKey(changed)).isNotEqualTo(inputs.packKey(config));
        assertThat(inputs.lockKey(changed)).isEqualTo(inputs.lockKey(code))
                .isEqualTo(git.hashObject(repo.resolve("policies/package-lock.json")));
        assertThat(inputs.buildInputsEdited()).isFalse();
        Files.writeString(repo.resolve("pom.xml"), "<project><!-- edited --></project>\n");
        assertThat(inputs.buildInputsEdited()).isTrue();
        assertThat(inputs.packEdited()).isFalse();
    }

    @Test
    void aConfigOnlyChangeIsPlannedByThisJvmWithoutAWorktreeBuildAndBothCommitsShareTheCheckoutsPack() throws Exception {
        Git git = init();
        writeCode();
        commit("code");
        Files.writeString(repo.resolve("Pulumi.staging.yaml"), "config: {edited: true}\n");
        commit("config only");
        BuildInputs inputs = new BuildInputs(git, Path.of(""));
        List<String> calls = new java.util.ArrayList<>();
        CommitPlanner.InProcess here = (commit, projectDir, pack, stacks, out) -> {
            calls.add(commit.substring(0, commit.indexOf(' ')) + " " + stacks + " " + readStack(projectDir));
            return java.util.Map::of;
        };
        StringWriter log = new StringWriter();
        try (CommitPlanner planner = new CommitPlanner(git, repo, Progress.to(new PrintWriter(log, true)), cache(),
                Optional.of(new CommitPlanner.ThisJvm(inputs.buildKey(git.commit("HEAD")), here)))) {
            planner.plan("base", planner.prepare("base", "HEAD~1"), List.of("staging"));
            planner.plan("head", planner.prepare("head", "HEAD"), List.of("staging"));
        }
        // each commit's own stack file, both by this JVM: no mvnw was needed (the repository has none)
        assertThat(calls).containsExactly("base [staging] config: {}", "head [staging] config: {edited: true}");
        assertThat(log.toString()).contains("in this JVM").doesNotContain("building");
        assertThat(repo.resolve("target/review-cache/jars")).doesNotExist();
    }

    /**
     * The base has other code than this JVM, so it is built (here a mvnw that marks its start, then fails) on a thread
     * of its own while this JVM plans the head: the head's planner sees the build running. Its failure still fails the
     * review, with the build's own message.
     */
    @Test
    void aCommitWithOtherCodeIsBuiltBesideThisJvmsPlansAndItsFailureIsReported(@TempDir Path marks) throws Exception {
        Git git = init();
        Path buildStarted = marks.resolve("build-started");
        writeCode();
        Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\ntouch '" + buildStarted + "'\nsleep 1\necho 'compilation of the base failed' >&2\nexit 1\n");
        commit("old code");
        Files.writeString(repo.resolve("src/main/App.java"), "class App { int changed; }\n");
        commit("new code");
        BuildInputs inputs = new BuildInputs(git, Path.of(""));
        List<String> calls = new java.util.ArrayList<>();
        CommitPlanner.InProcess here = (commit, projectDir, pack, stacks, out) -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(buildStarted) && System.nanoTime() < deadline) {
                sleep(50);
            }
            calls.add(commit.substring(0, commit.indexOf(' ')) + (Files.exists(buildStarted) ? " planned while the base was built" : " planned alone"));
            return java.util.Map::of;
        };
        StringWriter log = new StringWriter();
        try (CommitPlanner planner = new CommitPlanner(git, repo, Progress.to(new PrintWriter(log, true)), cache(),
                Optional.of(new CommitPlanner.ThisJvm(inputs.buildKey(git.commit("HEAD")), here)))) {
            CommitPlanner.Prepared base = planner.prepare("base", "HEAD~1");
            CommitPlanner.Prepared head = planner.prepare("head", "HEAD");
            List<CommitPlanner.Request> both = List.of(new CommitPlanner.Request("base", base, List.of("staging")),
                    new CommitPlanner.Request("head", head, List.of("staging")));
            assertThatThrownBy(() -> planner.planAll(both))
                    .isInstanceOf(PlanException.class)
                    .hasMessageStartingWith("building commit " + base.commit().substring(0, 12) + " failed (exit code 1):")
                    .hasMessageContaining("compilation of the base failed");
        }
        assertThat(calls).containsExactly("head planned while the base was built");
        assertThat(log.toString()).contains("review: building the jar of base", "review: planning staging at head");
        assertThat(git.run("worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).toList()).hasSize(1);
    }

    /** A pom and a main source: what the build key names. */
    private void writeCode() throws Exception {
        Files.createDirectories(repo.resolve("src/main"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.writeString(repo.resolve("src/main/App.java"), "class App {}\n");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readStack(Path projectDir) {
        try {
            return Files.readString(projectDir.resolve("Pulumi.staging.yaml")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void commit(String message) throws Exception {
        git("add", ".");
        git("commit", "-q", "-m", message);
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
