package com.featureapi.platform.review;

import com.featureapi.platform.BesideInProcessTests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@BesideInProcessTests
class MermaidDiagramTest {

    private static final String P = "urn:pulumi:production::platform::";
    private static final String SUBNET = P + "platform:network:Network$aws:ec2/subnet:Subnet::database-us-east-1a";
    private static final String SUBNET_GROUP = P + "platform:data:Data$aws:rds/subnetGroup:SubnetGroup::postgres";
    private static final String DB = P + "platform:data:Data$aws:rds/instance:Instance::postgres";
    private static final String ALARM = P + "platform:observability:Observability$aws:cloudwatch/metricAlarm:MetricAlarm::db-cpu";
    private static final String UNCHANGED_KEY = P + "platform:security:Security$aws:kms/key:Key::rds";

    private static List<DiagramResource> change() {
        return List.of(
                new DiagramResource(DB, "aws:rds/instance:Instance", "postgres", "data", ChangeKind.REPLACED, true,
                        List.of(SUBNET_GROUP, UNCHANGED_KEY)),
                new DiagramResource(SUBNET_GROUP, "aws:rds/subnetGroup:SubnetGroup", "postgres", "data", ChangeKind.CHANGED, false,
                        List.of(SUBNET)),
                new DiagramResource(SUBNET, "aws:ec2/subnet:Subnet", "database-us-east-1a", "network", ChangeKind.ADDED, false, List.of()),
                new DiagramResource(ALARM, "aws:cloudwatch/metricAlarm:MetricAlarm", "db-cpu", "observability", ChangeKind.REMOVED, false,
                        List.of(DB)));
    }

    @Test
    void groupsResourcesByTierAndWiresThemByTheirDependencies() {
        String diagram = MermaidDiagram.render(change());

        assertThat(diagram).startsWith("flowchart LR\n");
        // tiers in name order, each a subgraph; ids follow tier then URN
        assertThat(diagram).containsSubsequence(
                "subgraph tier0[\"data\"]", "r0[\"+- DATA AT RISK postgres<br/><small>rds.Instance</small>\"]:::atrisk",
                "r1[\"~ postgres<br/><small>rds.SubnetGroup</small>\"]:::update", "end",
                "subgraph tier1[\"network\"]", "r2[\"+ database-us-east-1a<br/><small>ec2.Subnet</small>\"]:::create", "end",
                "subgraph tier2[\"observability\"]", "r3[\"- db-cpu<br/><small>cloudwatch.MetricAlarm</small>\"]:::delete", "end");
        // dependency --> dependent, only between changed resources (the unchanged KMS key is left out)
        assertThat(diagram).contains("  r1 --> r0\n", "  r2 --> r1\n", "  r0 --> r3\n");
        assertThat(diagram.lines().filter(l -> l.contains("-->")).count()).isEqualTo(3);
        assertThat(diagram).doesNotContain("kms");
    }

    @Test
    void nothingChangedDrawsNothing() {
        assertThat(MermaidDiagram.render(List.of())).isEmpty();
        assertThat(MermaidDiagram.markdown(List.of())).isEmpty();
    }

    @Test
    void namesThatLookLikeMermaidSyntaxAreEscaped() {
        String hostile = "a\"]; click r0 \"javascript:alert(1)\" %% <b>#x</b> `code` {x} (y) |z|";
        String label = MermaidDiagram.label(new DiagramResource("u", "kubernetes:core/v1:ConfigMap", hostile, "kubernetes",
                ChangeKind.ADDED, false, List.of()));

        assertThat(label).doesNotContain("\"", "]", "[", "<b>", "`", ";\"");
        assertThat(label).startsWith("+ a#quot;#93;#59; click r0 #quot;javascript:alert#40;1#41;#quot; %% #lt;b#gt;#35;x#lt;/b#gt;");
    }

    @Test
    void aLargeChangeIsCutAtTheLimitKeepingResourcesAtRisk() {
        List<DiagramResource> many = new ArrayList<>();
        for (int i = 0; i < MermaidDiagram.MAX_NODES + 5; i++) {
            many.add(new DiagramResource(P + "x::r" + String.format("%03d", i), "aws:ec2/route:Route", "route-" + i, "network",
                    ChangeKind.ADDED, false, List.of()));
        }
        many.add(new DiagramResource(P + "y::zz-db", "aws:rds/instance:Instance", "zz-db", "data", ChangeKind.REMOVED, true, List.of()));

        String diagram = MermaidDiagram.render(many);

        assertThat(diagram.lines().filter(l -> l.matches("\\s+r\\d+\\[.*")).count()).isEqualTo(MermaidDiagram.MAX_NODES);
        assertThat(diagram).contains("DATA AT RISK zz-db", "... and 6 more changed resources");
    }

    @Test
    void mermaidsOwnParserAcceptsEveryDiagramAndRejectsABrokenOne() throws Exception {
        String hostile = "x\"]; end; subgraph evil[\"y\"] %% #35 <br> `z` {a} (b) |c| & d";
        List<DiagramResource> withHostileNames = new ArrayList<>(change());
        withHostileNames.add(new DiagramResource(P + "k::" + hostile, "kubernetes:core/v1:ConfigMap", hostile, "kube\"rnetes]",
                ChangeKind.CHANGED, false, List.of(DB)));
        String markdown = "# review\n\n" + MermaidDiagram.markdown(change()) + "\n" + MermaidDiagram.markdown(withHostileNames);

        MermaidParser.Result accepted = MermaidParser.check(markdown);
        assertThat(accepted.exitCode()).as(accepted.errors()).isZero();

        MermaidParser.Result rejected = MermaidParser.check("```mermaid\nflowchart LR\n  r0[\"a\"] -->\n  subgraph\n```\n");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.errors()).contains("block 1", "Parse error");
    }
}
