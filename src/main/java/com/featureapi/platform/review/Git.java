package com.featureapi.platform.review;

import com.featureapi.platform.plan.PlanException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few git commands a review needs, run in one repository. Not final: a test stands a double in for a git that
 * fails on cue (CommitPlannerGitFailureTest), with Mockito's subclass mock maker, which needs no agent attached at
 * run time (attaching one failed under load on the CI machine).
 */
public class Git {

    private final Path repository;

    public Git(Path repository) {
        this.repository = repository;
    }

    /** The top directory of the repository that contains {@code dir}; a usage error when there is none. */
    public static Git at(Path dir) {
        Git probe = new Git(dir);
        String top = probe.run("rev-parse", "--show-toplevel").strip();
        return new Git(Path.of(top));
    }

    public Path repository() {
        return repository;
    }

    /** The full commit hash of a ref, or a usage error naming the ref. */
    public String commit(String ref) {
        if (ref.isBlank() || ref.startsWith("-")) {
            throw PlanException.invalidInput("not a git revision: \"" + ref + "\"");
        }
        Result result = exec(List.of("rev-parse", "--verify", "--quiet", ref + "^{commit}"));
        if (result.exitCode() != 0) {
            throw PlanException.invalidInput("no commit \"" + ref + "\" in " + repository
                    + " (fetch it first, for example `git fetch origin main`, or give a branch, tag or hash)");
        }
        return result.output().strip();
    }

    /** True when tracked files differ from HEAD or untracked, not ignored files exist. */
    public boolean dirty() {
        return !run("status", "--porcelain").isBlank();
    }

    /**
     * {@code git ls-tree -r} of {@code paths} at a commit: one line per file with its mode, blob hash and path,
     * so two commits have the same listing exactly when those files have the same content.
     */
    public String listing(String commit, List<String> paths) {
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", commit, "--"));
        args.addAll(paths);
        return run(args.toArray(String[]::new));
    }

    /** Whether the working tree has changes (tracked or untracked, not ignored) under {@code paths}. */
    public boolean dirty(List<String> paths) {
        List<String> args = new ArrayList<>(List.of("status", "--porcelain", "--"));
        args.addAll(paths);
        return !run(args.toArray(String[]::new)).isBlank();
    }

    /** The blob hash git would give a file of the working tree (compares it with a commit's listing). */
    public String hashObject(Path file) {
        return run("hash-object", file.toAbsolutePath().toString()).strip();
    }

    public void addWorktree(Path dir, String commit) {
        run("worktree", "add", "--detach", "--quiet", dir.toString(), commit);
    }

    /** Removes a worktree and its administrative files; never fails (it runs in cleanup). */
    public void removeWorktree(Path dir) {
        exec(List.of("worktree", "remove", "--force", dir.toString()));
        exec(List.of("worktree", "prune"));
    }

    public String run(String... args) {
        Result result = exec(List.of(args));
        if (result.exitCode() != 0) {
            throw PlanException.invalidInput("git " + String.join(" ", args) + " failed in " + repository + ": " + result.output().strip());
        }
        return result.output();
    }

    record Result(int exitCode, String output) {
    }

    private Result exec(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw PlanException.invalidInput("cannot run git (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
