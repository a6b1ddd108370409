package com.featureapi.platform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors of `platform review`: exit code 2 and a message naming what is wrong, before anything is built. */
class ReviewCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int review(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "review";
        System.arraycopy(args, 0, all, 1, args.length);
        return PlatformCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void anUnknownBaseNamesTheRefAndHowToGetIt() {
        assertThat(review("--base", "no-such-branch")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no commit \"no-such-branch\" in ").contains("git fetch origin main");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadCostThresholdIsRefusedBeforeAnyPlan() {
        assertThat(review("--base", "HEAD", "--fail-on-increase", "ten")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --fail-on-increase ten: give a percentage such as 10% or US dollars a month such as 100"
                + System.lineSeparator());
    }

    @Test
    void stackAndAllStacksExcludeEachOther() {
        assertThat(review("--base", "HEAD", "--stack", "staging", "--all-stacks")).isEqualTo(2);
        assertThat(err.toString()).contains("give either --stack or --all-stacks, not both");
    }

    @Test
    void outsideAGitRepositoryTheMessageSaysSo(@TempDir Path dir) {
        assertThat(review("--base", "HEAD", "--project-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + dir.toAbsolutePath().normalize() + " is not in a git repository");
    }

    /** A command that never plans: these tests only parse its options. */
    private static ReviewCommand command() {
        return new ReviewCommand((ctx, keys) -> { });
    }

    /** picocli's own parsing of the option: alone it guards every stack, with names (repeatable) only those. */
    @Test
    void failOnDataRiskAloneGuardsEveryStackAndWithANameOnlyThatStack() {
        ReviewCommand all = command();
        new picocli.CommandLine(all).parseArgs("--base", "main", "--fail-on-data-risk");
        assertThat(all.guardsData("production")).isTrue();
        assertThat(all.guardsData("staging")).isTrue();
        ReviewCommand named = command();
        new picocli.CommandLine(named).parseArgs("--base", "main", "--fail-on-data-risk", "production", "--fail-on-data-risk", "eu");
        assertThat(named.guardsData("production")).isTrue();
        assertThat(named.guardsData("eu")).isTrue();
        assertThat(named.guardsData("staging")).isFalse();
        ReviewCommand none = command();
        new picocli.CommandLine(none).parseArgs("--base", "main");
        assertThat(none.guardsData("production")).isFalse();
    }

    @Test
    void theBaseIsRequired() {
        assertThat(review()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--base=REF'");
    }
}
