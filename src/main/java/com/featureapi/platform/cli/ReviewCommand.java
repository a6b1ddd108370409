package com.featureapi.platform.cli;

import com.featureapi.platform.cost.Recommender;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.PlanException;
import com.featureapi.platform.plan.Progress;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.PlanReader.PlanDocument;
import com.featureapi.platform.review.CommitPlanner;
import com.featureapi.platform.review.CommitPlanner.CommitPlans;
import com.featureapi.platform.review.CommitPlanner.Prepared;
import com.featureapi.platform.review.Git;
import com.featureapi.platform.review.IncreaseThreshold;
import com.featureapi.platform.review.PlanDiff;
import com.featureapi.platform.review.PolicyDocs;
import com.featureapi.platform.review.ReviewGates;
import com.featureapi.platform.review.ReviewMarkdown;
import com.featureapi.platform.review.ReviewMarkdown.Gate;
import com.featureapi.platform.review.StackReview;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code platform review}: what a pull request gets, on a laptop. Plans the base and head commits (each in a
 * temporary git worktree; the checkout is not touched), diffs each stack and prints one Markdown document
 * with a line per stack, the stateful resources at risk, the cost by tier, a Mermaid picture of the change
 * and the policy verdicts that changed. Gates turn a new mandatory violation or a cost increase into exit code 1.
 */
@Command(name = "review",
        mixinStandardHelpOptions = true,
        description = "Plan two git commits offline and print the review of the change as Markdown (the pull-request comment).")
final class ReviewCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", paramLabel = "REF", required = true, description = "The commit the change starts from (branch, tag, hash; in CI the merge base).")
    private String base;

    @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD", description = "The commit with the change (default: ${DEFAULT-VALUE}).")
    private String head;

    @Option(names = "--stack", paramLabel = "NAME", description = "Stack to review; repeatable (default: every stack of either commit).")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all-stacks", description = "Review every stack of either commit (the default when no --stack is given).")
    private boolean allStacks;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the Markdown to FILE.")
    private Path output;

    @Option(names = "--comment", paramLabel = "FILE", description = "Also write the comment version to FILE: within the comment budget (50,000 characters), details dropped whole, largest first.")
    private Path comment;

    @Option(names = "--policies-url", paramLabel = "URL", defaultValue = "docs/policies.md",
            description = "Where a reader of the review opens docs/policies.md (CI: the head commit's file on the forge); default: docs/policies.md.")
    private String policiesUrl;

    @Option(names = "--fail-on-increase", paramLabel = "N%|USD", description = "Exit 1 when a stack's monthly cost rises by more than this: 10%% or 100 (US dollars).")
    private String failOnIncrease;

    @Option(names = "--fail-on-new-mandatory", description = "Exit 1 when a stack has a mandatory policy violation the base did not have.")
    private boolean failOnNewMandatory;

    @Option(names = "--fail-on-data-risk", paramLabel = "STACK", arity = "0..1", fallbackValue = ALL_STACKS,
            description = "Exit 1 when a stateful resource is deleted or replaced: in every stack, or (repeatable) in the STACK named: --fail-on-data-risk production.")
    private List<String> failOnDataRisk = new ArrayList<>();

    private static final String ALL_STACKS = "*";

    /** Whether {@code --fail-on-data-risk} guards {@code stack}: given without a name it guards every stack. */
    boolean guardsData(String stack) {
        return failOnDataRisk.contains(ALL_STACKS) || failOnDataRisk.contains(stack);
    }

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".", description = "The Pulumi project inside the git repository (default: the current directory).")
    private Path projectDir;

    @Option(names = "--verbose", description = "Stack traces of failures.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress notes on stderr (they are off anyway when stderr is not a terminal).")
    private boolean quiet;

    private final OfflineEngine.Program program;

    ReviewCommand(OfflineEngine.Program program) {
        this.program = program;
    }

    boolean verbose() {
        return verbose;
    }

    /**
     * The build key of the code this JVM runs, when that is the checkout's up-to-date {@code target/platform.jar}
     * (what {@code ./platform} starts): then a commit with the same build inputs is planned here, without a build.
     */
    private Optional<String> runningJarKey(Git git) {
        Path jar = projectDir.toAbsolutePath().normalize().resolve("target/platform.jar");
        try {
            Path running = Path.of(ReviewCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar) || !Files.isSameFile(running, jar)) {
                return Optional.empty();
            }
        } catch (java.net.URISyntaxException | IOException | SecurityException e) {
            return Optional.empty();
        }
        return CommitPlanner.checkoutJarKey(git, projectDir);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IncreaseThreshold threshold;
        try {
            threshold = failOnIncrease == null ? null : IncreaseThreshold.parse(failOnIncrease);
            if (allStacks && !stacks.isEmpty()) {
                throw PlanException.invalidInput("give either --stack or --all-stacks, not both");
            }
        } catch (IllegalArgumentException | PlanException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        List<StackReview> reviews;
        String baseLabel;
        String headLabel;
        Git git;
        try {
            git = Git.at(projectDir);
        } catch (PlanException e) {
            err.println("error: " + projectDir.toAbsolutePath().normalize() + " is not in a git repository: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        Progress progress = Progress.forCli(err, quiet);
        InProcessPlanner here = new InProcessPlanner(program, err, progress);
        Optional<CommitPlanner.ThisJvm> thisJvm = runningJarKey(git).map(key -> new CommitPlanner.ThisJvm(key, here));
        if (thisJvm.isPresent() && Files.isRegularFile(projectDir.resolve("policies/PulumiPolicy.yaml"))) {
            here.startEarly(projectDir.resolve("policies"));   // node starts while git checks the commits out
        }
        long start = System.nanoTime();
        // the analyzers stop before the worktrees they may run in are removed
        try (CommitPlanner planner = new CommitPlanner(git, projectDir, progress, CommitPlanner.cacheOf(projectDir), thisJvm); here) {
            Prepared before = planner.prepare("base", base);
            Prepared after = planner.prepare("head", head);
            baseLabel = label(base, before.commit());
            headLabel = label(head, after.commit());
            List<String> selected = selectStacks(before, after);
            List<CommitPlans> both = planner.planAll(List.of(new CommitPlanner.Request("base", before, selected),
                    new CommitPlanner.Request("head", after, selected)));
            CommitPlans basePlans = both.get(0);
            CommitPlans headPlans = both.get(1);
            reviews = new ArrayList<>();
            for (String stack : selected) {
                reviews.add(review(stack, basePlans, headPlans));
            }
        } catch (PlanException e) {
            err.println("error: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return e.isInvalidInput() ? ExitCodes.INVALID : ExitCodes.FAILED;
        } catch (UsageFile.InvalidUsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        progress.note("review: " + reviews.size() + " stack(s) of " + baseLabel + " and " + headLabel + " planned and diffed in " + Progress.seconds(System.nanoTime() - start));

        List<Gate> gates = ReviewGates.evaluate(reviews, threshold, failOnNewMandatory, this::guardsData);
        PolicyDocs docs = PolicyDocs.read(projectDir, policiesUrl);
        String markdown = ReviewMarkdown.render(baseLabel, headLabel, reviews, gates, docs, Integer.MAX_VALUE);
        out.print(markdown);
        out.flush();
        if (output != null) {
            write(output, markdown);
        }
        if (comment != null) {
            write(comment, ReviewMarkdown.render(baseLabel, headLabel, reviews, gates, docs, ReviewMarkdown.COMMENT_BUDGET));
        }
        List<Gate> failed = gates.stream().filter(g -> !g.passed()).toList();
        failed.forEach(g -> err.println("error: " + g.name() + ": " + g.detail()));
        err.flush();
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private List<String> selectStacks(Prepared before, Prepared after) {
        TreeSet<String> available = CommitPlanner.stacksIn(before.projectDir());
        available.addAll(CommitPlanner.stacksIn(after.projectDir()));
        if (stacks.isEmpty()) {
            if (available.isEmpty()) {
                throw PlanException.invalidInput("neither commit has a Pulumi.<stack>.yaml in " + projectDir);
            }
            return List.copyOf(available);
        }
        for (String stack : stacks) {
            if (!available.contains(stack)) {
                throw PlanException.invalidInput("no stack \"" + stack + "\" in either commit (they have " + String.join(", ", available) + ")");
            }
        }
        return List.copyOf(new LinkedHashSet<>(stacks));
    }

    private static StackReview review(String stack, CommitPlans basePlans, CommitPlans headPlans) {
        Optional<PlanDocument> before = basePlans.plan(stack).map(PlanReader::read);
        Optional<PlanDocument> after = headPlans.plan(stack).map(PlanReader::read);
        PlanDocument b = before.orElseGet(() -> empty(after.orElseThrow().plan()));
        PlanDocument a = after.orElseGet(() -> empty(b.plan()));
        String note = before.isEmpty() ? "New stack: the base commit has no Pulumi." + stack + ".yaml, so everything is added."
                : after.isEmpty() ? "Stack removed: the head commit has no Pulumi." + stack + ".yaml. Removing the file does not destroy the stack; `pulumi destroy --stack " + stack + "` does."
                : "";
        UsageFile headUsage = UsageFile.forStack(headPlans.projectDir(), stack);
        PlanDiff diff = PlanDiff.between(b, a, UsageFile.forStack(basePlans.projectDir(), stack), headUsage);
        return new StackReview(stack, diff, b.plan(), a.plan(), note, after.isEmpty() ? List.of() : Recommender.recommend(a.plan(), headUsage));
    }

    /** A plan without resources, with the other side's config (so it is priced in the same region). */
    private static PlanDocument empty(Plan like) {
        PlanDocument nothing = PlanReader.parse("{\"schemaVersion\":1,\"resources\":[]}", "(no stack)");
        return new PlanDocument(new Plan(like.project(), like.stack(), like.config(), List.of(), new TreeMap<>()), nothing.document());
    }

    private static String label(String ref, String commit) {
        String shortHash = commit.substring(0, 7);
        return ref.equals(commit) || commit.startsWith(ref) ? shortHash : ref + " " + shortHash;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
