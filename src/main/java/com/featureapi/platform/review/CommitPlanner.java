package com.featureapi.platform.review;

import com.featureapi.platform.plan.PlanException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plans the stacks of a git commit without touching the checkout: the commit goes into a
 * {@code git worktree} under a temporary directory, its jar is built there ({@code ./mvnw -q -B
 * -DskipTests package}, or taken from the jar cache of an earlier review of the same commit), and
 * {@code platform plan} of that jar writes one {@code plan.json} per stack. {@link #close()} removes the
 * worktrees and the temporary directory, also after a failure.
 *
 * <p>The commit that is checked out, with a clean working tree and a built jar, is planned in place.
 */
public final class CommitPlanner implements AutoCloseable {

    static final String CLI = "com.featureapi.platform.cli.PlatformCli";
    private static final long BUILD_TIMEOUT_MINUTES = 20;
    private static final long PLAN_TIMEOUT_MINUTES = 10;

    private final Git git;
    private final Path projectDir;
    private final Path projectInRepository;
    private final Path workDir;
    private final Path jarCache;
    private final PrintWriter log;
    private final List<Path> worktrees = new ArrayList<>();

    /** The plans of one commit: stack name to its plan.json; a stack the commit does not have is absent. */
    public record CommitPlans(String ref, String commit, Path projectDir, java.util.Map<String, Path> plans) {
        public Optional<Path> plan(String stack) {
            return Optional.ofNullable(plans.get(stack));
        }
    }

    public CommitPlanner(Git git, Path projectDir, PrintWriter log) {
        this.git = git;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.projectInRepository = git.repository().toAbsolutePath().normalize().relativize(this.projectDir);
        this.jarCache = this.projectDir.resolve("target/review-jars");
        this.log = log;
        try {
            this.workDir = Files.createTempDirectory("platform-review-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the review", e);
        }
    }

    /** Stacks ({@code Pulumi.<stack>.yaml}) of a project directory, sorted. */
    public static TreeSet<String> stacksIn(Path projectDir) {
        TreeSet<String> stacks = new TreeSet<>();
        try (Stream<Path> files = Files.list(projectDir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("Pulumi\\.[^.]+\\.ya?ml"))
                    .map(n -> n.substring("Pulumi.".length(), n.lastIndexOf('.')))
                    .forEach(stacks::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stacks;
    }

    /** Checks the commit out (or uses the checkout), builds its jar and returns its project directory and jar. */
    public Prepared prepare(String label, String ref) {
        String commit = git.commit(ref);
        Path currentJar = projectDir.resolve("target/platform.jar");
        if (commit.equals(git.commit("HEAD")) && !git.dirty() && fresh(currentJar)) {
            log.println("review: " + label + " " + ref + " (" + commit.substring(0, 12) + ") is the clean checkout: planning it in place with target/platform.jar");
            return new Prepared(ref, commit, projectDir, currentJar);
        }
        Path worktree = workDir.resolve(label);
        log.println("review: checking out " + label + " " + ref + " (" + commit.substring(0, 12) + ") in a temporary worktree");
        git.addWorktree(worktree, commit);
        worktrees.add(worktree);
        Path project = worktree.resolve(projectInRepository);
        return new Prepared(ref, commit, project, jarOf(commit, project));
    }

    /** The jar exists and is newer than pom.xml and every source file (what ./platform checks before it rebuilds). */
    private boolean fresh(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (Stream<Path> sources = Files.walk(projectDir.resolve("src/main"))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return Files.getLastModifiedTime(projectDir.resolve("pom.xml")).toMillis() <= built
                    && sources.filter(Files::isRegularFile).allMatch(f -> f.toFile().lastModified() <= built);
        } catch (IOException e) {
            return false;
        }
    }

    /** A commit ready to plan. */
    public record Prepared(String ref, String commit, Path projectDir, Path jar) {
    }

    /** Plans {@code stacks} of a prepared commit; a stack without a stack file in that commit is skipped. */
    public CommitPlans plan(String label, Prepared prepared, List<String> stacks) {
        Path out = workDir.resolve("plans-" + label);
        java.util.Map<String, Path> plans = new java.util.TreeMap<>();
        for (String stack : stacks) {
            if (!Files.isRegularFile(prepared.projectDir().resolve("Pulumi." + stack + ".yaml"))) {
                log.println("review: " + label + " has no Pulumi." + stack + ".yaml");
                continue;
            }
            plans.put(stack, planStack(label, prepared, stack, out));
        }
        return new CommitPlans(prepared.ref(), prepared.commit(), prepared.projectDir(), plans);
    }

    private Path planStack(String label, Prepared prepared, String stack, Path out) {
        log.println("review: planning " + stack + " at " + label + " " + prepared.commit().substring(0, 12));
        List<String> command = List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-cp", prepared.jar().toString(), CLI,
                "plan", "--stack", stack, "--out", out.toString(), "--project-dir", prepared.projectDir().toString(), "--format", "json");
        Run run = run(command, prepared.projectDir(), PLAN_TIMEOUT_MINUTES);
        Path plan = out.resolve(stack).resolve("plan.json");
        if (!Files.isRegularFile(plan)) {
            throw new PlanException("the plan of " + stack + " at " + label + " " + prepared.ref() + " (" + prepared.commit().substring(0, 12)
                    + ") failed with exit code " + run.exitCode() + ":\n" + run.errors().strip());
        }
        return plan;
    }

    private Path jarOf(String commit, Path project) {
        Path cached = jarCache.resolve(commit + ".jar");
        if (Files.isRegularFile(cached)) {
            log.println("review: jar of " + commit.substring(0, 12) + " from " + projectDir.relativize(cached));
            return cached;
        }
        log.println("review: building the jar of " + commit.substring(0, 12) + " (./mvnw -q -B -DskipTests package)");
        Path mvnw = project.resolve("mvnw");
        if (!Files.isRegularFile(mvnw)) {
            throw PlanException.invalidInput("commit " + commit.substring(0, 12) + " has no mvnw in " + projectInRepository
                    + ": it predates the Java program and cannot be planned");
        }
        Run build = run(List.of("sh", mvnw.toString(), "-q", "-B", "-DskipTests", "package"), project, BUILD_TIMEOUT_MINUTES);
        Path built = project.resolve("target/platform.jar");
        if (build.exitCode() != 0 || !Files.isRegularFile(built)) {
            throw new PlanException("building commit " + commit.substring(0, 12) + " failed (exit code " + build.exitCode() + "):\n"
                    + tail(build.errors(), 40));
        }
        try {
            Files.createDirectories(jarCache);
            Path partial = jarCache.resolve(commit + ".jar.part");
            Files.copy(built, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } catch (IOException e) {
            log.println("review: could not keep the jar in " + jarCache + " (" + e.getMessage() + "); using it from the worktree");
            return built;
        }
    }

    private record Run(int exitCode, String errors) {
    }

    private Run run(List<String> command, Path dir, long timeoutMinutes) {
        try {
            Path errors = Files.createTempFile(workDir, "run-", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new PlanException(String.join(" ", command) + " did not finish in " + timeoutMinutes + " minutes");
            }
            return new Run(process.exitValue(), Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanException("interrupted", e);
        }
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Removes every worktree this planner added and its temporary directory. */
    @Override
    public void close() {
        for (Path worktree : worktrees) {
            git.removeWorktree(worktree);
        }
        worktrees.clear();
        try (Stream<Path> walk = Files.walk(workDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.println("review: could not remove " + workDir + ": " + e.getMessage());
        }
    }
}
