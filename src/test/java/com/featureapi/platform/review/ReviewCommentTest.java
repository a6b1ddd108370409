package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.featureapi.platform.plan.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review comment as a pull request gets it: a three-stack change (staging unchanged, production with an image
 * tag bump, a database class change and a chart version bump, a new stack copied from staging) rendered by
 * {@link ReviewMarkdown} from real plans, then posted by the workflows' own scripts (tools/ci/github-comment.mjs,
 * tools/ci/gitlab-note.mjs, run with the machine's node) against {@link MockForge}, a local HTTP server on 127.0.0.1
 * standing in for GitHub's and GitLab's APIs, with their failure paths: a failed build, 422 for size, 5xx, timeouts.
 */
@BesideInProcessTests
class ReviewCommentTest {

    private static final String HEAD = "2222222222222222222222222222222222222222";
    private static final String RUN = "https://github.example/o/r/actions/runs/9";

    /** The three-stack change: its reviews, the whole Markdown and the comment version. */
    private record Change(List<StackReview> reviews, String full, String comment) {
    }

    private static final Supplier<Change> CHANGE = PlannedStacks.sharedPerClass(ReviewCommentTest::threeStackChange);

    private static Change threeStackChange() {
        Plan staging = PlannedStacks.of("staging");
        Plan production = PlannedStacks.of("production");
        Path project = TestProject.temporaryDirectory();
        StackFiles.copyEdited(project, "production", config -> {
            ((ObjectNode) config.get("platform:app").get("image")).put("tag", "1.0.1");
            ((ObjectNode) config.get("platform:database")).put("instanceClass", "db.r6g.xlarge");
        });
        try {
            Path chart = project.resolve("charts/feature-api/Chart.yaml");
            Files.writeString(chart, Files.readString(chart).replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Plan productionAfter = PlannedStacks.plan(project, "production");
        Plan nothing = new Plan(staging.project(), "qa", staging.config(), List.of(), new TreeMap<>());
        List<StackReview> reviews = List.of(
                new StackReview("production", PlanDiff.between(production, productionAfter), production, productionAfter, ""),
                new StackReview("qa", PlanDiff.between(nothing, staging), nothing, staging,
                        "New stack: the base commit has no Pulumi.qa.yaml, so everything is added."),
                new StackReview("staging", PlanDiff.between(staging, staging), staging, staging, ""));
        List<ReviewMarkdown.Gate> gates = ReviewGates.evaluate(reviews, IncreaseThreshold.parse("10%"), true);
        PolicyDocs docs = PolicyDocs.read(Path.of("."), "https://github.example/o/r/blob/" + HEAD + "/docs/policies.md");
        return new Change(reviews, ReviewMarkdown.render("main 1111111", "feature 2222222", reviews, gates, docs, Integer.MAX_VALUE),
                ReviewMarkdown.render("main 1111111", "feature 2222222", reviews, gates, docs, ReviewMarkdown.COMMENT_BUDGET));
    }

    // --- the comment's content ------------------------------------------------------------------------------------

    @Test
    void theThreeStackChangeFitsTheBudgetByDroppingDetailsWholeLargestFirst() {
        Change change = CHANGE.get();
        assertThat(change.full().length()).as("the whole review is far over GitHub's limit").isGreaterThan(65_536);
        assertThat(change.comment().length()).isLessThanOrEqualTo(ReviewMarkdown.COMMENT_BUDGET);
        assertThat(change.comment()).contains("_Left out to keep this comment within 50,000 characters: the changed inputs of stack `qa` (")
                .contains("The full report has it: the run's job summary and its `review` artifact._");
        assertWholeBlocks(change.comment());
        // nothing of the summary, gates and risk sections is ever dropped
        String top = change.full().substring(0, change.full().indexOf("## Stack `"));
        assertThat(change.comment()).startsWith(top);
    }

    @Test
    void orderedByRiskWithAnUnchangedStackAsOneLine() {
        String comment = CHANGE.get().comment();
        assertThat(comment).containsSubsequence(
                "| stack | gates | data at risk | monthly cost | budget | new mandatory violations | resources |",
                "| [`production`](#stack-production) | pass | 0 |",
                "| [`qa`](#stack-qa) | **fail**: monthly cost increase per stack at most 10% | 0 | $0.00 → $",
                "| `staging` | pass | 0 | $",
                "- [x] no new mandatory policy violation",
                "- [ ] **failed:** monthly cost increase per stack at most 10%: qa rises by $",
                "### Monthly cost by tier",
                "#### `production`",
                "#### `qa`",
                "## Stack `production`",
                "```mermaid",
                "## Stack `qa`",
                "> New stack: the base commit has no Pulumi.qa.yaml");
        assertThat(comment.lines().filter(l -> l.contains("`staging`")).toList())
                .as("an unchanged stack is one line").hasSize(1).allMatch(l -> l.endsWith("| 0 | no change |"));
        assertThat(comment).doesNotContain("## Stack `staging`", "#### `staging`");
    }

    @Test
    void aChartBumpsRelabelsAreOneLinePerReleaseAndOutOfTheDiagram() {
        StackReview production = CHANGE.get().reviews().get(0);
        long relabelled = production.diff().changes().stream().filter(ChartRelabels::onlyRelabelled).count();
        assertThat(relabelled).as("objects of feature-api that only get the new helm.sh/chart label").isGreaterThan(5);
        String section = section(CHANGE.get().full(), "## Stack `production`");
        assertThat(section).contains("- Helm release `feature-api`: " + relabelled + " objects only relabelled by the chart version");
        assertThat(section).doesNotContain("| metadata.labels.helm.sh/chart", "| spec.template.metadata.labels.helm.sh/chart");
        String diagram = section.substring(section.indexOf("```mermaid"), section.indexOf("```\n", section.indexOf("```mermaid") + 5));
        assertThat(diagram).contains("feature-api").doesNotContain("ServiceAccount", "NetworkPolicy");
        // what really changes stays: the image of the Deployment, the database class
        assertThat(section).contains("| spec.template.spec.containers[0].image | `ghcr.io/example/feature-api:1.0.0` | `ghcr.io/example/feature-api:1.0.1` |")
                .contains("| instanceClass | `db.r5.xlarge` | `db.r6g.xlarge` |");
    }

    // --- posted by the workflows' scripts ---------------------------------------------------------------------

    @Test
    void githubGetsTheCommentWithPreviewsUnderTheLimitAndTheOldCommentEdited(@TempDir Path artifacts) throws Exception {
        writeReview(artifacts, CHANGE.get().comment(), "1");
        for (String stack : List.of("production", "qa", "staging")) {
            write(artifacts.resolve("preview-" + stack + "/" + stack + ".txt"), ("  ~ aws:eks/nodeGroup:NodeGroup app-nodes update [diff: ~scalingConfig]\n").repeat(600));
        }
        try (MockForge forge = new MockForge().headSha(HEAD)) {
            forge.existing("someone", 1, "<!-- platform-review -->\nsomeone quoting the marker in a reply");
            forge.existing(MockForge.BOT, 0, "<!-- platform-review -->\nthe review of an older commit");
            Run run = github(forge, artifacts);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(forge.writes()).extracting(MockForge.Request::method).containsExactly("PATCH");
            String body = forge.bodies().get(1);
            assertThat(forge.bodies().get(0)).as("another author's comment with the marker is not ours").endsWith("in a reply");
            assertThat(body.length()).isLessThanOrEqualTo(65_536);
            assertThat(body).startsWith("<!-- platform-review -->\n## Platform review: `main 1111111` → `feature 2222222`")
                    .contains("> **The review's gates failed** (exit code 1)")
                    .contains("<details><summary>pulumi preview: production</summary>")
                    .contains("commit 222222222222 · [run](" + RUN + ")")
                    .doesNotContain("older commit");
            assertWholeBlocks(body);
        }
    }

    @Test
    void aBrokenBuildReplacesTheOldReviewWithTheStepItsLogAndTheCommit(@TempDir Path artifacts) throws Exception {
        write(artifacts.resolve("review/pr-number"), "5\n");
        write(artifacts.resolve("review/build.exit"), "1\n");
        write(artifacts.resolve("review/build.log"), "[INFO] Compiling 170 source files\n".repeat(80)
                + "[ERROR] /src/main/java/com/featureapi/platform/App.java:[12,8] cannot find symbol\n[ERROR] BUILD FAILURE\n");
        write(artifacts.resolve("suite/suite.exit"), "1\n");
        write(artifacts.resolve("suite/suite.log"), "[ERROR] Tests run: 3, Failures: 1\n");
        try (MockForge forge = new MockForge().headSha(HEAD)) {
            forge.existing(MockForge.BOT, 0, "<!-- platform-review -->\n## Platform review of an older commit\n"
                    + ReviewMarkdown.STATE_MARKER + "{\"failedGates\":[],\"dataAtRisk\":[]} -->\n");
            Run run = github(forge, artifacts);
            assertThat(run.exitCode()).as(run.output()).isZero();
            String body = forge.bodies().get(0);
            assertThat(body).startsWith("<!-- platform-review -->\n## Platform review: `222222222222` was not reviewed\n")
                    .contains("**The build (`./mvnw -DskipTests package`) step failed** (exit code 1) on commit `222222222222`.")
                    .contains("[ERROR] /src/main/java/com/featureapi/platform/App.java:[12,8] cannot find symbol\n[ERROR] BUILD FAILURE\n```")
                    .contains("**The test suite (`./mvnw verify`) step failed** (exit code 1)")
                    .doesNotContain("older commit");
            assertThat(body.lines().filter(l -> l.startsWith("[INFO]")).count()).as("only the tail of the log").isLessThan(40);
            // the edit notifies no one, so a short new comment says what now fails
            assertThat(forge.writes()).extracting(MockForge.Request::method).containsExactly("PATCH", "POST");
            assertThat(forge.bodies().get(1)).startsWith("<!-- platform-review-alert -->\n**Platform review of `222222222222`: risk rose")
                    .contains("- the build (`./mvnw -DskipTests package`) step now fails", "- the test suite (`./mvnw verify`) step now fails")
                    .contains("[the review comment](https://forge.example/pr/1#comment-");
        }
    }

    @Test
    void newDataAtRiskNotifiesButTheSameRiskOnTheNextPushDoesNot(@TempDir Path artifacts) throws Exception {
        String atRisk = "## Platform review\n" + ReviewMarkdown.STATE_MARKER
                + "{\"failedGates\":[],\"dataAtRisk\":[\"production: REPLACES aws:rds/instance:Instance postgres\"]} -->\nbody\n";
        writeReview(artifacts, atRisk, "0");
        try (MockForge forge = new MockForge().headSha(HEAD)) {
            forge.existing(MockForge.BOT, 0, "<!-- platform-review -->\n" + ReviewMarkdown.STATE_MARKER + "{\"failedGates\":[],\"dataAtRisk\":[]} -->\n");
            assertThat(github(forge, artifacts).exitCode()).isZero();
            assertThat(forge.bodies()).hasSize(2);
            assertThat(forge.bodies().get(1)).contains("- data at risk: production: REPLACES aws:rds/instance:Instance postgres");
            assertThat(github(forge, artifacts).exitCode()).isZero();
            assertThat(forge.bodies()).as("the second push with the same risk only edits").hasSize(2);
        }
    }

    @Test
    void a422ForSizeFallsBackToTheShortFormAndA5xxIsRetried(@TempDir Path artifacts) throws Exception {
        writeReview(artifacts, CHANGE.get().comment(), "0");
        try (MockForge forge = new MockForge().headSha(HEAD)) {
            forge.existing(MockForge.BOT, 0, "<!-- platform-review -->\nold");
            forge.fail("GET", 1, 502).fail("PATCH", 1, 422);
            Run run = github(forge, artifacts);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("refused (422");
            assertThat(forge.writes()).extracting(MockForge.Request::method).containsExactly("PATCH", "PATCH");
            assertThat(forge.bodies().get(0)).contains("| stack | gates |")
                    .contains("_The whole comment was refused by the forge as too large; the full review is in [the run](" + RUN + ")._")
                    .contains(ReviewMarkdown.STATE_MARKER);
            assertWholeBlocks(forge.bodies().get(0));
        }
    }

    @Test
    void anApiThatNeverAnswersFailsTheJobWithTheReason(@TempDir Path artifacts) throws Exception {
        writeReview(artifacts, "## Platform review\n", "0");
        try (MockForge forge = new MockForge().headSha(HEAD)) {
            forge.delay("GET", 3, 5000);
            Run run = github(forge, artifacts, SHORT_TIMEOUT_MS);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.output()).contains("github-comment: GET " + forge.url() + "/repos/o/r/pulls/5: no answer within 1500 ms");
            assertThat(forge.requests()).as("asked again before giving up").hasSizeGreaterThan(1);
            assertThat(forge.writes()).isEmpty();
        }
    }

    @Test
    void gitlabFindsItsNoteByMarkerAndItsOwnAuthor(@TempDir Path artifacts) throws Exception {
        Path review = artifacts.resolve("review");
        write(review.resolve("review.md"), CHANGE.get().comment());
        write(review.resolve("exit-code"), "0\n");
        write(artifacts.resolve("ci-logs/suite.exit"), "0\n");
        try (MockForge forge = new MockForge()) {
            forge.existing("someone", 3, "<!-- platform-review -->\na reviewer quoting the marker");
            forge.existing("review-bot", MockForge.GITLAB_BOT_ID, "<!-- platform-review -->\nthe older review");
            Run run = node(forge, TIMEOUT_MS, Map.of("CI_API_V4_URL", forge.url() + "/api/v4", "CI_PROJECT_ID", "42", "GITLAB_REVIEW_TOKEN", "t",
                    "CI_MERGE_REQUEST_IID", "5", "CI_COMMIT_SHA", HEAD, "CI_PIPELINE_URL", RUN), artifacts,
                    "tools/ci/gitlab-note.mjs", review.toString(), artifacts.resolve("ci-logs").toString());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(forge.requests().get(0).path()).isEqualTo("/api/v4/user");
            assertThat(forge.writes()).extracting(MockForge.Request::method, MockForge.Request::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", "/api/v4/projects/42/merge_requests/5/notes/102"));
            assertThat(forge.bodies().get(0)).endsWith("a reviewer quoting the marker");
            assertThat(forge.bodies().get(1)).contains("## Stack `production`").hasSizeLessThanOrEqualTo(65_536);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Every collapsed block and code fence that opens also closes: nothing was cut inside one. */
    static void assertWholeBlocks(String markdown) {
        assertThat(count(markdown, "<details")).isEqualTo(count(markdown, "</details>"));
        assertThat(count(markdown, "\n```") % 2).as("code fences are closed").isZero();
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        int end = markdown.indexOf("\n## Stack `", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static void writeReview(Path artifacts, String markdown, String exitCode) throws IOException {
        write(artifacts.resolve("review/pr-number"), "5\n");
        write(artifacts.resolve("review/review.md"), markdown);
        write(artifacts.resolve("review/exit-code"), exitCode + "\n");
        write(artifacts.resolve("review/build.exit"), "0\n");
        write(artifacts.resolve("suite/suite.exit"), "0\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private record Run(int exitCode, String output) {
    }

    /** The scripts' HTTP timeout in the test that waits for it: shorter than the mock's 5 s delay. */
    private static final String SHORT_TIMEOUT_MS = "1500";
    /** Every other test: long enough that a loaded machine (load average 25 on 2 cores) never reads as a timeout. */
    private static final String TIMEOUT_MS = "30000";

    private static Run github(MockForge forge, Path artifacts) throws Exception {
        return github(forge, artifacts, TIMEOUT_MS);
    }

    private static Run github(MockForge forge, Path artifacts, String timeoutMs) throws Exception {
        return node(forge, timeoutMs, Map.of("GITHUB_API_URL", forge.url(), "GITHUB_REPOSITORY", "o/r", "GITHUB_TOKEN", "t", "HEAD_SHA", HEAD, "RUN_URL", RUN),
                artifacts, "tools/ci/github-comment.mjs", artifacts.toString());
    }

    private static Run node(MockForge forge, String timeoutMs, Map<String, String> env, Path workDir, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", Path.of(script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("CI_"));
        builder.environment().putAll(env);
        builder.environment().put("REVIEW_HTTP_TIMEOUT_MS", timeoutMs);
        builder.environment().put("REVIEW_RETRY_DELAY_MS", "10");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
