package com.featureapi.platform.review;

import com.featureapi.platform.plan.Interrupts;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Plans the stacks of a git commit without touching the checkout. The commit goes into a {@code git worktree}
 * under a temporary directory (the checked-out commit, clean, is planned in place), and then:
 * <ul>
 *   <li>when its build inputs ({@link BuildInputs#BUILD}) have the content of the code running this review,
 *       its stacks are planned in this JVM ({@link InProcess}), with no build and no second JVM: a change of
 *       stack files, usage files, charts or docs costs two plans, nothing more;</li>
 *   <li>otherwise its jar comes from the {@link BuildCache} (by content, so any commit with the same code
 *       shares it) or is built once in the worktree and kept, and one child JVM of that jar plans all stacks.</li>
 * </ul>
 * A worktree's policy pack gets the {@code node_modules} of its lockfile's content: the checkout's when the
 * lockfiles are equal, else one install in the cache per lockfile. {@link #close()} (and Ctrl-C) removes the
 * worktrees and the temporary directory.
 */
public final class CommitPlanner implements AutoCloseable {

    static final String CLI = "com.featureapi.platform.cli.PlatformCli";
    private static final long BUILD_TIMEOUT_MINUTES = 20;
    private static final long PLAN_TIMEOUT_MINUTES = 10;
    private static final long NPM_TIMEOUT_MINUTES = 10;

    /** Plans stacks of a project folder with the code of this JVM. */
    public interface InProcess {
        /**
         * Runs the program of every stack now, on the calling thread (the engine is one per JVM), and hands each plan
         * to the policy phase, which may still run when this returns.
         *
         * @param commit       how messages name the commit ("base 0123456789ab")
         * @param analyzerPack the pack folder whose node process analyzes (the checkout's when its code equals the
         *                     commit's pack), or the commit's own; null: the commit has no pack
         * @return what waits for the verdicts and writes the plans: stack name to its plan.json
         */
        Supplier<Map<String, Path>> start(String commit, Path projectDir, Path analyzerPack, List<String> stacks, Path out);
    }

    /** Which stacks of which prepared commit to plan; {@code label} names it in messages and its output folder. */
    public record Request(String label, Prepared prepared, List<String> stacks) {
    }

    /** The code this JVM runs: its build key, and how to plan with it. */
    public record ThisJvm(String buildKey, InProcess planner) {
    }

    private final Git git;
    private final Path projectDir;
    private final Path projectInRepository;
    private final BuildInputs inputs;
    private final BuildCache cache;
    private final Optional<ThisJvm> thisJvm;
    private final Path workDir;
    private final Progress progress;
    private final List<Path> worktrees = new ArrayList<>();
    private final Set<Process> running = new HashSet<>();
    private final Set<Path> justBuilt = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean closed;
    private final Interrupts.Registration removeOnInterrupt;
    private String checkoutBuildKey;
    private String checkoutPackKey;

    /** The plans of one commit: stack name to its plan.json; a stack the commit does not have is absent. */
    public record CommitPlans(String ref, String commit, Path projectDir, Map<String, Path> plans) {
        public Optional<Path> plan(String stack) {
            return Optional.ofNullable(plans.get(stack));
        }
    }

    /** A commit ready to plan: its files in {@code projectDir}, and the content keys of its code and pack. */
    public record Prepared(String ref, String commit, Path projectDir, String buildKey, String packKey) {
    }

    public CommitPlanner(Git git, Path projectDir, Progress progress, BuildCache cache, Optional<ThisJvm> thisJvm) {
        this.git = git;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.projectInRepository = git.repository().toAbsolutePath().normalize().relativize(this.projectDir);
        this.inputs = new BuildInputs(git, projectInRepository);
        this.cache = cache;
        this.thisJvm = thisJvm;
        this.progress = progress;
        try {
            this.workDir = Files.createTempDirectory("platform-review-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the review", e);
        }
        this.removeOnInterrupt = Interrupts.onInterrupt(this::removeAll);
    }

    /** The cache of a project: {@code target/review-cache}, bounded by {@link BuildCache#MAX_BYTES} and {@link BuildCache#MAX_AGE}. */
    public static BuildCache cacheOf(Path projectDir) {
        return new BuildCache(projectDir.toAbsolutePath().normalize().resolve("target/review-cache"), BuildCache.MAX_BYTES, BuildCache.MAX_AGE);
    }

    /**
     * The build key of the checkout's {@code target/platform.jar}: HEAD's when the jar is newer than every build
     * input and none of them is edited; empty when the jar is missing, stale or built from edited files.
     */
    public static Optional<String> checkoutJarKey(Git git, Path projectDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        BuildInputs inputs = new BuildInputs(git, git.repository().toAbsolutePath().normalize().relativize(project));
        if (!fresh(project, project.resolve("target/platform.jar")) || inputs.buildInputsEdited()) {
            return Optional.empty();
        }
        return Optional.of(inputs.buildKey(git.commit("HEAD")));
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

    /** Checks the commit out (or uses the clean checkout) and names the content of its code and pack. */
    public Prepared prepare(String label, String ref) {
        String commit = git.commit(ref);
        String buildKey = inputs.buildKey(commit);
        String packKey = inputs.packKey(commit);
        if (commit.equals(git.commit("HEAD")) && !git.dirty()) {
            progress.note("review: " + label + " " + ref + " (" + shortHash(commit) + ") is the clean checkout: planned in place");
            return new Prepared(ref, commit, projectDir, buildKey, packKey);
        }
        Path worktree = workDir.resolve(label);
        synchronized (worktrees) {
            worktrees.add(worktree);   // before it exists: an interrupt in the middle removes half a worktree too
        }
        progress.step("review: checking out " + label + " " + ref + " (" + shortHash(commit) + ") in a temporary worktree",
                () -> git.addWorktree(worktree, commit));
        return new Prepared(ref, commit, worktree.resolve(projectInRepository), buildKey, packKey);
    }

    /** Plans {@code stacks} of a prepared commit; a stack without a stack file in that commit is skipped. */
    public CommitPlans plan(String label, Prepared prepared, List<String> stacks) {
        return planAll(List.of(new Request(label, prepared, stacks))).get(0);
    }

    /**
     * Plans several commits side by side, returning their plans in the order asked. A commit with other code than
     * this JVM's is built (or taken from the cache) and planned by a child JVM on a thread of its own, started first;
     * meanwhile this JVM plans the commits with its own code, one engine after the other, each stack's policy phase
     * beside the next stack's engine (also across commits). On a 2-core machine the build or the child JVM takes the
     * core this JVM's engine leaves idle.
     */
    public List<CommitPlans> planAll(List<Request> requests) {
        Map<Request, CompletableFuture<Map<String, Path>>> elsewhere = new java.util.LinkedHashMap<>();
        Map<Request, Supplier<Map<String, Path>>> here = new java.util.LinkedHashMap<>();
        Map<Request, List<String>> present = new java.util.LinkedHashMap<>();
        for (Request request : requests) {
            present.put(request, presentStacks(request));
        }
        for (Request request : requests) {
            if (!present.get(request).isEmpty() && !samePlannerCode(request.prepared())) {
                elsewhere.put(request, CompletableFuture.supplyAsync(
                        () -> planInChildJvm(request.label(), request.prepared(), present.get(request), outOf(request)),
                        work -> daemon("review-" + request.label(), work).start()));
            }
        }
        for (Request request : requests) {
            if (!present.get(request).isEmpty() && samePlannerCode(request.prepared())) {
                here.put(request, startHere(request.label(), request.prepared(), present.get(request), outOf(request)));
            }
        }
        List<CommitPlans> plans = new ArrayList<>();
        for (Request request : requests) {
            Map<String, Path> planned = here.containsKey(request) ? here.get(request).get()
                    : elsewhere.containsKey(request) ? join(elsewhere.get(request)) : Map.of();
            Prepared prepared = request.prepared();
            plans.add(new CommitPlans(prepared.ref(), prepared.commit(), prepared.projectDir(), new TreeMap<>(planned)));
        }
        return plans;
    }

    private List<String> presentStacks(Request request) {
        List<String> present = new ArrayList<>();
        for (String stack : request.stacks()) {
            if (Files.isRegularFile(request.prepared().projectDir().resolve("Pulumi." + stack + ".yaml"))) {
                present.add(stack);
            } else {
                progress.note("review: " + request.label() + " has no Pulumi." + stack + ".yaml");
            }
        }
        return present;
    }

    private Path outOf(Request request) {
        return workDir.resolve("plans-" + request.label());
    }

    private boolean samePlannerCode(Prepared prepared) {
        return thisJvm.filter(jvm -> jvm.buildKey().equals(prepared.buildKey())).isPresent();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static Map<String, Path> join(CompletableFuture<Map<String, Path>> plans) {
        try {
            return plans.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Supplier<Map<String, Path>> startHere(String label, Prepared prepared, List<String> stacks, Path out) {
        Path ownPack = prepared.projectDir().resolve(BuildInputs.PACK);
        Path analyzerPack = null;
        if (Files.isRegularFile(ownPack.resolve("PulumiPolicy.yaml"))) {
            analyzerPack = prepared.packKey().equals(checkoutPackKey()) ? projectDir.resolve(BuildInputs.PACK) : linkNodeModules(prepared);
        }
        String what = "review: planning " + String.join(", ", stacks) + " at " + label + " " + shortHash(prepared.commit())
                + " in this JVM (same code as the running jar)";
        progress.note(what + " ...");
        long start = System.nanoTime();
        Supplier<Map<String, Path>> finish = thisJvm.orElseThrow().planner()
                .start(label + " " + shortHash(prepared.commit()), prepared.projectDir(), analyzerPack, stacks, out);
        return () -> {
            Map<String, Path> plans = finish.get();
            progress.note(what + ": done in " + Progress.seconds(System.nanoTime() - start));
            return plans;
        };
    }

    private Map<String, Path> planInChildJvm(String label, Prepared prepared, List<String> stacks, Path out) {
        Path jar = jarOf(label, prepared);
        if (Files.isRegularFile(prepared.projectDir().resolve(BuildInputs.PACK).resolve("PulumiPolicy.yaml")) && !prepared.projectDir().equals(projectDir)) {
            linkNodeModules(prepared);
            if (prepared.packKey().equals(checkoutPackKey())) {
                copyCompiledPack(prepared);
            }
        }
        Path archive = BuildCache.archiveOf(jar);
        Path dumping = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".part");
        boolean archived = newerThan(archive, jar);
        boolean archiving = !archived && !justBuilt.contains(jar);
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(shortLivedJvmOptions());
        // A jar used a second time writes, at the end of its plan, the class-data archive of every class it loaded
        // (about 3 s of CPU once), which its later plans map instead of loading and verifying those classes again
        // (about 1.5 s of CPU less each; Java 17's dynamic AppCDS; -Xshare:auto starts without the archive should it
        // not match the jar). Not right after its build: the cold review, the commonest in CI, does not pay for it.
        if (archived) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        } else if (archiving) {
            command.add("-XX:ArchiveClassesAtExit=" + dumping);
        }
        command.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", jar.toString(), CLI,
                "plan", "--out", out.toString(), "--project-dir", prepared.projectDir().toString(), "--format", "json", "--quiet"));
        stacks.forEach(stack -> command.addAll(List.of("--stack", stack)));
        String what = String.join(", ", stacks) + " at " + label + " " + shortHash(prepared.commit())
                + (archiving ? " (and writing its class-data archive)" : "");
        Run run;
        try {
            run = progress.step("review: planning " + what + " with its own jar", () -> runJava(command, prepared.projectDir(), PLAN_TIMEOUT_MINUTES));
            if (run.exitCode() == 0 && Files.isRegularFile(dumping)) {
                keepArchive(dumping, archive);
            }
        } finally {
            try {
                Files.deleteIfExists(dumping);
            } catch (IOException ignored) {
                // a leftover .part file is never mapped
            }
        }
        Map<String, Path> plans = new TreeMap<>();
        for (String stack : stacks) {
            Path plan = out.resolve(stack).resolve("plan.json");
            if (!Files.isRegularFile(plan)) {
                throw new PlanException("the plan of " + stack + " at " + label + " " + prepared.ref() + " (" + shortHash(prepared.commit())
                        + ") failed with exit code " + run.exitCode() + ":\n" + run.errors().strip());
            }
            plans.put(stack, plan);
        }
        return plans;
    }

    private static boolean newerThan(Path file, Path than) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The same pack code as the checkout's: the child JVM's analyzer gets the checkout's compiled pack ({@code bin/},
     * copied after the worktree's sources, so the pack's prepare script finds it up to date) instead of compiling the
     * same TypeScript again (several seconds of CPU). Only when the checkout's compile is newer than its sources.
     */
    private void copyCompiledPack(Prepared prepared) {
        Path checkoutPack = projectDir.resolve(BuildInputs.PACK);
        Path compiled = checkoutPack.resolve("bin");
        Path target = prepared.projectDir().resolve(BuildInputs.PACK).resolve("bin");
        if (Files.exists(target) || !compiledIsFresh(checkoutPack)) {
            return;
        }
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(compiled.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            BuildCache.delete(target);   // the pack's prepare script compiles it instead
        }
    }

    /** What the pack's {@code scripts/prepare.js} checks before it runs tsc: bin/src/index.js newer than every source. */
    private static boolean compiledIsFresh(Path pack) {
        Path index = pack.resolve("bin/src/index.js");
        if (!Files.isRegularFile(index)) {
            return false;
        }
        long compiled = index.toFile().lastModified();
        if (pack.resolve("tsconfig.json").toFile().lastModified() > compiled) {
            return false;
        }
        for (String sources : List.of("src", "test", "scripts")) {
            if (!Files.isDirectory(pack.resolve(sources))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(pack.resolve(sources))) {
                if (files.anyMatch(f -> f.toString().endsWith(".ts") && f.toFile().lastModified() > compiled)) {
                    return false;
                }
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }
        return true;
    }

    /** Moved into place whole: a JVM never maps half an archive. */
    private void keepArchive(Path written, Path archive) {
        try {
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            progress.note("review: could not keep the class-data archive " + archive + " (" + e.getMessage() + "); the next plan of this jar loads its classes");
        }
    }

    private synchronized String checkoutPackKey() {
        if (checkoutPackKey == null) {
            checkoutPackKey = inputs.packEdited() || !Files.isDirectory(projectDir.resolve(BuildInputs.PACK).resolve("node_modules"))
                    ? "(edited)" : inputs.packKey(git.commit("HEAD"));
        }
        return checkoutPackKey;
    }

    private synchronized String checkoutBuildKey() {
        if (checkoutBuildKey == null) {
            checkoutBuildKey = checkoutJarKey(git, projectDir).orElse("(none)");
        }
        return checkoutBuildKey;
    }

    /** The jar of a commit's code: the checkout's when it is that code, else the cache's, else built once and kept. */
    private Path jarOf(String label, Prepared prepared) {
        if (prepared.buildKey().equals(checkoutBuildKey())) {
            progress.note("review: " + label + " has the code of the checkout: target/platform.jar");
            return projectDir.resolve("target/platform.jar");
        }
        Optional<Path> cached = cache.jar(prepared.buildKey());
        if (cached.isPresent()) {
            progress.note("review: the jar of " + label + " " + shortHash(prepared.commit()) + " (same code as an earlier review) from " + cached.get());
            return cached.get();
        }
        Path mvnw = prepared.projectDir().resolve("mvnw");
        if (!Files.isRegularFile(mvnw)) {
            throw PlanException.invalidInput("commit " + shortHash(prepared.commit()) + " has no mvnw in " + projectInRepository
                    + ": it predates the Java program and cannot be planned");
        }
        Run build = progress.step("review: building the jar of " + label + " " + shortHash(prepared.commit()) + " (./mvnw -q -B -DskipTests package)",
                () -> run(List.of("sh", mvnw.toString(), "-q", "-B", "-DskipTests", "package"), prepared.projectDir(), BUILD_TIMEOUT_MINUTES));
        Path built = prepared.projectDir().resolve("target/platform.jar");
        if (build.exitCode() != 0 || !Files.isRegularFile(built)) {
            throw new PlanException("building commit " + shortHash(prepared.commit()) + " failed (exit code " + build.exitCode() + "):\n"
                    + tail(build.errors(), 40));
        }
        try {
            Path kept = cache.keepJar(prepared.buildKey(), built);
            justBuilt.add(kept);
            return kept;
        } catch (IOException e) {
            progress.note("review: could not keep the jar in " + cache.dir() + " (" + e.getMessage() + "); using it from the worktree");
            justBuilt.add(built);
            return built;
        }
    }

    /**
     * Gives a worktree's pack the node_modules of its lockfile: the checkout's when the lockfiles have the same
     * content, else the cache's install of that lockfile (made once, {@code npm ci --ignore-scripts}).
     * Returns the pack folder.
     */
    private synchronized Path linkNodeModules(Prepared prepared) {
        Path pack = prepared.projectDir().resolve(BuildInputs.PACK);
        Path link = pack.resolve("node_modules");
        if (Files.exists(link)) {
            return pack;
        }
        String lockKey = inputs.lockKey(prepared.commit());
        if (lockKey.isEmpty()) {
            return pack;   // no lockfile: the policy phase installs as it does for any pack
        }
        Path checkoutPack = projectDir.resolve(BuildInputs.PACK);
        Path checkoutLock = checkoutPack.resolve("package-lock.json");
        Optional<Path> modules = Files.isRegularFile(checkoutPack.resolve("node_modules/.package-lock.json"))
                && Files.isRegularFile(checkoutLock) && git.hashObject(checkoutLock).equals(lockKey)
                ? Optional.of(checkoutPack.resolve("node_modules"))
                : cache.nodeModules(lockKey);
        Path target = modules.orElseGet(() -> install(prepared, pack, lockKey));
        try {
            Files.createSymbolicLink(link, target);
            // the pack's prepare script reinstalls when the lockfile is newer than the install: it is not
            Files.setLastModifiedTime(pack.resolve("package-lock.json"), FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + " to " + target, e);
        }
        return pack;
    }

    private Path install(Prepared prepared, Path pack, String lockKey) {
        try {
            Path area = cache.installArea();
            Files.copy(pack.resolve("package.json"), area.resolve("package.json"));
            Files.copy(pack.resolve("package-lock.json"), area.resolve("package-lock.json"));
            Run npm = progress.step("review: installing the policy pack's dependencies of " + shortHash(prepared.commit()) + " (npm ci, kept per lockfile)",
                    () -> run(List.of(npmExecutable(), "ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"), area, NPM_TIMEOUT_MINUTES));
            if (npm.exitCode() != 0) {
                BuildCache.delete(area);
                throw new PlanException("npm ci of the policy pack of " + shortHash(prepared.commit()) + " failed (exit code " + npm.exitCode() + "):\n"
                        + tail(npm.errors(), 40));
            }
            return cache.keepNodeModules(lockKey, area);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the policy pack's dependencies in " + cache.dir(), e);
        }
    }

    /** The jar exists and is newer than pom.xml and every source file (what ./platform checks before it rebuilds). */
    private static boolean fresh(Path project, Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (Stream<Path> sources = Files.walk(project.resolve("src/main"))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return Files.getLastModifiedTime(project.resolve("pom.xml")).toMillis() <= built
                    && sources.filter(Files::isRegularFile).allMatch(f -> f.toFile().lastModified() <= built);
        } catch (IOException e) {
            return false;
        }
    }

    private record Run(int exitCode, String errors) {
    }

    /**
     * A child JVM with exactly the options given: not the caller's {@code JDK_JAVA_OPTIONS} (CI sets an archive of
     * another jar there), which would also clash with {@code -XX:ArchiveClassesAtExit}.
     */
    private Run runJava(List<String> command, Path dir, long timeoutMinutes) {
        return run(command, dir, timeoutMinutes, true);
    }

    private Run run(List<String> command, Path dir, long timeoutMinutes) {
        return run(command, dir, timeoutMinutes, false);
    }

    private Run run(List<String> command, Path dir, long timeoutMinutes, boolean withoutCallersJvmOptions) {
        try {
            Path errors = Files.createTempFile(workDir, "run-", ".log");
            Process process;
            synchronized (running) {
                if (closed) {
                    throw new PlanException("the review stopped before " + command.get(0) + " started");
                }
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(errors.toFile());
                if (withoutCallersJvmOptions) {
                    builder.environment().remove("JDK_JAVA_OPTIONS");
                }
                process = builder.start();
                running.add(process);
            }
            try (Interrupts.Registration stopOnInterrupt = Interrupts.onInterrupt(process)) {
                process.getOutputStream().close();
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    Interrupts.stop(process);
                    throw new PlanException(String.join(" ", command) + " did not finish in " + timeoutMinutes + " minutes");
                }
            }
            synchronized (running) {
                running.remove(process);
            }
            Interrupts.awaitShutdownIfInterrupted(process.exitValue());   // Ctrl-C reached the child first: no error line
            return new Run(process.exitValue(), Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanException("interrupted", e);
        }
    }

    /**
     * JVM options of a short-lived planning JVM: C1 only (a plan ends before C2's work pays back) and the serial
     * collector (one core's worth of work, and no parallel GC threads competing with node and the other JVM).
     */
    static List<String> shortLivedJvmOptions() {
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private static String npmExecutable() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    }

    private static String shortHash(String commit) {
        return commit.substring(0, 12);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Removes every worktree this planner added and its temporary directory; safe to call twice and from Ctrl-C. */
    @Override
    public void close() {
        removeAll();
        removeOnInterrupt.close();
    }

    private void removeAll() {
        List<Process> children;
        synchronized (running) {
            closed = true;   // a commit still building or planning on its own thread starts nothing more
            children = new ArrayList<>(running);
            running.clear();
        }
        children.forEach(Interrupts::stop);
        List<Path> toRemove;
        synchronized (worktrees) {
            toRemove = new ArrayList<>(worktrees);
            worktrees.clear();
        }
        for (Path worktree : toRemove) {
            unlinkNodeModules(worktree.resolve(projectInRepository).resolve(BuildInputs.PACK).resolve("node_modules"));
            git.removeWorktree(worktree);
        }
        BuildCache.delete(workDir);
    }

    /** The link first: removing the worktree must never walk into the shared node_modules behind it. */
    private static void unlinkNodeModules(Path link) {
        try {
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        } catch (IOException ignored) {
            // the worktree's removal takes it
        }
    }
}
