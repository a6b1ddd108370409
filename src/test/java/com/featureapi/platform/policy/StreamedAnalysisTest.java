package com.featureapi.platform.policy;

import com.featureapi.platform.App;
import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.FixtureStacks;
import com.featureapi.platform.plan.OfflineEngine;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy phase fed while the engine runs ({@link AnalyzerSession}): the verdicts must be exactly those of one
 * analysis of the finished plan, whatever was streamed before it was finished.
 */
@BesideInProcessTests
class StreamedAnalysisTest {

    private static final String RDS = "aws:rds/instance:Instance";

    private static Optional<Path> config(String stack) {
        return Optional.of(Path.of("policies", "config", stack + ".json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void verdictsStreamedFromTheEngineAreThoseOfTheFinishedPlan(String stack) {
        Analyzer analyzer = SharedAnalyzer.get();
        StackFile stackFile = StackFile.load(FixtureStacks.project(), stack);
        AnalyzerSession session = analyzer.open(stackFile.project(), stack, stackFile.maskedConfig(), config(stack));
        List<PlannedResource> streamed = java.util.Collections.synchronizedList(new ArrayList<>());
        Plan plan = new OfflineEngine(false).run(stackFile, App::define, FixtureStacks.project(), resource -> {
            streamed.add(resource);
            session.submit(resource);
        });

        List<Verdict> verdicts = session.finish(plan);

        assertThat(verdicts).containsExactlyElementsOf(analyzer.analyze(plan, stack, config(stack)));
        assertThat(verdicts).isNotEmpty();
        assertThat(streamed).as("every registration was streamed").hasSize(plan.where(r -> !r.rendered()).size());
        // nothing the engine registered changed afterwards: only the chart objects rendered after the program went at the end
        assertThat(session.resent()).isEqualTo(plan.where(PlannedResource::rendered).size()).isPositive();
    }

    @Test
    void aResourceWhoseInputsChangedAfterItWasStreamedIsJudgedByItsFinalInputs() {
        Plan plan = PlannedStacks.of("production");
        PlannedResource database = plan.one(RDS, "postgres");
        assertThat(database.input("multiAz")).isEqualTo(true);
        Plan singleAz = withResource(plan, withInput(database, "multiAz", false));

        // streamed single-AZ (production refuses it), finished multi-AZ: the plan's verdicts, no rds-multi-az
        List<Verdict> fixed = streamThenFinish(singleAz, plan);
        assertThat(fixed).containsExactlyElementsOf(SharedAnalyzer.get().analyze(plan, "production", config("production")));
        assertThat(fixed).extracting(Verdict::policy).doesNotContain("rds-multi-az");

        // and the other way round: streamed fine, finished single-AZ
        List<Verdict> broken = streamThenFinish(plan, singleAz);
        assertThat(broken).containsExactlyElementsOf(SharedAnalyzer.get().analyze(singleAz, "production", config("production")));
        assertThat(broken).filteredOn(v -> v.policy().equals("rds-multi-az"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.enforcementLevel()).isEqualTo("mandatory");
                    assertThat(v.urn()).isEqualTo(database.urn());
                });
    }

    @Test
    void onlyTheChangedResourceIsSentAgain() {
        Plan plan = PlannedStacks.of("production");
        PlannedResource database = plan.one(RDS, "postgres");
        AnalyzerSession session = SharedAnalyzer.get().open(plan.project(), "production", plan.config(), config("production"));
        registrationOrder(plan).forEach(r -> session.submit(r == database ? withInput(database, "multiAz", false) : r));

        session.finish(plan);

        // the database, and the chart objects rendered after the program
        assertThat(session.resent()).isEqualTo(1 + plan.where(PlannedResource::rendered).size());
    }

    @Test
    void aResourceStreamedBeforeItsProviderIsSentAgainWithIt() {
        // The SDK registers a provider before the resources that use it; were it not so, the streamed request would
        // lack the provider, and the plan's request (with it) is the one judged.
        Plan plan = PlannedStacks.of("production");
        List<PlannedResource> usersFirst = plan.resources().stream().filter(r -> !r.rendered())
                .sorted(java.util.Comparator.comparing((PlannedResource r) -> r.type().startsWith("pulumi:providers:"))).toList();
        long withProvider = usersFirst.stream().filter(r -> r.provider().contains("::")).count();
        AnalyzerSession session = SharedAnalyzer.get().open(plan.project(), "production", plan.config(), config("production"));
        usersFirst.forEach(session::submit);

        assertThat(session.finish(plan)).containsExactlyElementsOf(SharedAnalyzer.get().analyze(plan, "production", config("production")));
        assertThat(withProvider).isPositive();
        assertThat(session.resent()).isEqualTo(withProvider + plan.where(PlannedResource::rendered).size());
    }

    @Test
    void anAnalysisDroppedBeforeItsEndLeavesTheAnalyzerToTheNext() {
        Plan plan = PlannedStacks.of("staging");
        Analyzer analyzer = SharedAnalyzer.get();
        AnalyzerSession dropped = analyzer.open(plan.project(), "staging", plan.config(), config("staging"));
        plan.resources().subList(0, 20).forEach(dropped::submit);
        dropped.cancel();

        assertThat(analyzer.analyze(plan, "staging", config("staging")))
                .containsExactlyElementsOf(analyzer.analyze(plan, "staging", config("staging")))
                .isNotEmpty();
    }

    @Test
    void checksOpenedBeforeTheAnalyzerStartedTakeTheirTurnsInOrder() {
        Plan staging = PlannedStacks.of("staging");
        Plan production = PlannedStacks.of("production");
        try (PolicyRunner runner = new PolicyRunner(List.of(PolicyPackDir.of(Path.of("policies"))), Path.of(""), PolicyLog.quiet())) {
            PolicyRunner.Check first = runner.open(staging.project(), "staging", staging.config());
            PolicyRunner.Check second = runner.open(production.project(), "production", production.config());
            registrationOrder(staging).forEach(first::registered);
            registrationOrder(production).forEach(second::registered);

            assertThat(first.finish(staging)).isEqualTo(PolicyRunner.run(List.of(SharedAnalyzer.get()), staging, "staging", Path.of("")));
            assertThat(second.finish(production)).isEqualTo(PolicyRunner.run(List.of(SharedAnalyzer.get()), production, "production", Path.of("")));
        }
    }

    /**
     * A pack whose policy ends node on the VPC: the calls sent after it fail with it (and some sent just before, whose
     * answers node had not yet written). The error names the first call sent that failed, so never one sent after
     * the VPC, although the plan's order (here the reverse of the sending order) puts those first.
     */
    @Test
    void anAnalyzerThatDiesMidStreamFailsThePhaseNamingTheResourceItDiedOn(@TempDir Path pack) throws IOException {
        ScriptedPacks.dyingOnTheVpc(pack);
        Plan plan = PlannedStacks.of("staging");
        String vpc = plan.ofType("aws:ec2/vpc:Vpc").get(0).urn();
        try (Analyzer analyzer = Analyzer.start(PolicyPackDir.of(pack), PolicyLog.quiet())) {
            AnalyzerSession session = analyzer.open(plan.project(), "staging", plan.config(), Optional.empty());
            List<PlannedResource> sent = new ArrayList<>(plan.resources());
            java.util.Collections.reverse(sent);
            sent.forEach(session::submit);
            List<String> upToTheVpc = sent.stream().map(PlannedResource::urn).toList().subList(0, sent.stream().map(PlannedResource::urn).toList().indexOf(vpc) + 1);

            assertThatThrownBy(() -> session.finish(plan))
                    .isInstanceOf(PolicyException.class)
                    .satisfies(e -> assertThat(((PolicyException) e).isInvalidInput()).isFalse())
                    .hasMessageStartingWith("policy pack " + PolicyPackDir.of(pack).dir() + ": Analyze urn:")
                    .hasMessageMatching("(?s)[^\\n]*: Analyze (\\S+) failed: \\S.*")
                    .satisfies(e -> assertThat(e.getMessage().replaceFirst("(?s).*: Analyze (\\S+) failed: .*", "$1")).isIn(upToTheVpc));
            assertThat(analyzer.running()).isFalse();
        }
    }

    /** The program's resources as the SDK registers them: each provider before the resources that use it. */
    private static List<PlannedResource> registrationOrder(Plan plan) {
        return plan.resources().stream().filter(r -> !r.rendered())
                .sorted(java.util.Comparator.comparing((PlannedResource r) -> !r.type().startsWith("pulumi:providers:"))).toList();
    }

    private static List<Verdict> streamThenFinish(Plan streamed, Plan finished) {
        AnalyzerSession session = SharedAnalyzer.get().open(finished.project(), "production", finished.config(), config("production"));
        registrationOrder(streamed).forEach(session::submit);
        return session.finish(finished);
    }

    private static PlannedResource withInput(PlannedResource resource, String key, Object value) {
        TreeMap<String, Object> inputs = new TreeMap<>(resource.inputs());
        inputs.put(key, value);
        return resource.withInputs(inputs);
    }

    private static Plan withResource(Plan plan, PlannedResource replacement) {
        List<PlannedResource> resources = plan.resources().stream()
                .map(r -> r.urn().equals(replacement.urn()) ? replacement : r)
                .toList();
        return new Plan(plan.project(), plan.stack(), plan.config(), resources, plan.outputs());
    }
}
