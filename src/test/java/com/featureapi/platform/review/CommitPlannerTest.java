package com.featureapi.platform.review;

import com.featureapi.platform.plan.PlanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        try (CommitPlanner planner = new CommitPlanner(git, repo, new PrintWriter(log, true))) {
            assertThatThrownBy(() -> planner.prepare("base", "HEAD~1"))
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

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
