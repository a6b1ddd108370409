package com.featureapi.platform.review;

import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.PlanReader.PlanDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review comment for a crafted pair of production plans: a subnet added, the database subnet group
 * changed, the database replaced (its name changes) on a bigger class, its alarm removed, a mandatory
 * policy violation new and an advisory one gone.
 */
@BesideInProcessTests
class ReviewMarkdownTest {

    private static final String P = "urn:pulumi:production::platform::";
    private static final String NETWORK = P + "platform:network:Network::network";
    private static final String DATA = P + "platform:data:Data::data";
    private static final String OBS = P + "platform:observability:Observability::observability";
    private static final String PROVIDER = P + "pulumi:providers:aws::aws";
    private static final String VPC = P + "platform:network:Network$aws:ec2/vpc:Vpc::main";
    private static final String SUBNET_A = P + "platform:network:Network$aws:ec2/subnet:Subnet::database-us-east-1a";
    private static final String SUBNET_B = P + "platform:network:Network$aws:ec2/subnet:Subnet::database-us-east-1b";
    private static final String SUBNET_GROUP = P + "platform:data:Data$aws:rds/subnetGroup:SubnetGroup::postgres";
    private static final String DB = P + "platform:data:Data$aws:rds/instance:Instance::postgres";
    private static final String ALARM = P + "platform:observability:Observability$aws:cloudwatch/metricAlarm:MetricAlarm::db-cpu";

    private static StackReview review;
    private static String markdown;

    @BeforeAll
    static void renderTheReview() {
        PlanDocument base = plan(List.of(
                component(NETWORK, "platform:network:Network"), component(DATA, "platform:data:Data"),
                component(OBS, "platform:observability:Observability"), provider(),
                resource(VPC, "aws:ec2/vpc:Vpc", NETWORK, "{\"cidrBlock\":\"10.0.0.0/16\"}", List.of()),
                resource(SUBNET_A, "aws:ec2/subnet:Subnet", NETWORK, "{\"cidrBlock\":\"10.0.20.0/24\",\"vpcId\":\"vpc-1\"}", List.of(VPC)),
                resource(SUBNET_GROUP, "aws:rds/subnetGroup:SubnetGroup", DATA, "{\"subnetIds\":[\"subnet-a\"]}", List.of(SUBNET_A)),
                resource(DB, "aws:rds/instance:Instance", DATA, database("app", "db.t3.large"), List.of(SUBNET_GROUP)),
                resource(ALARM, "aws:cloudwatch/metricAlarm:MetricAlarm", OBS, "{\"threshold\":80}", List.of(DB))),
                "{\"violations\":[{\"policyName\":\"rds-backup-retention\",\"enforcementLevel\":\"advisory\",\"urn\":\"" + DB
                        + "\",\"message\":\"keep 14 days of backups\"}]}");
        PlanDocument head = plan(List.of(
                component(NETWORK, "platform:network:Network"), component(DATA, "platform:data:Data"), provider(),
                resource(VPC, "aws:ec2/vpc:Vpc", NETWORK, "{\"cidrBlock\":\"10.0.0.0/16\"}", List.of()),
                resource(SUBNET_A, "aws:ec2/subnet:Subnet", NETWORK, "{\"cidrBlock\":\"10.0.20.0/24\",\"vpcId\":\"vpc-1\"}", List.of(VPC)),
                resource(SUBNET_B, "aws:ec2/subnet:Subnet", NETWORK, "{\"cidrBlock\":\"10.0.21.0/24\",\"vpcId\":\"vpc-1\"}", List.of(VPC)),
                resource(SUBNET_GROUP, "aws:rds/subnetGroup:SubnetGroup", DATA, "{\"subnetIds\":[\"subnet-a\",\"subnet-b\"]}",
                        List.of(SUBNET_A, SUBNET_B)),
                resource(DB, "aws:rds/instance:Instance", DATA, database("app2", "db.r5.xlarge"), List.of(SUBNET_GROUP))),
                "{\"violations\":[{\"policyName\":\"rds-deletion-protection\",\"enforcementLevel\":\"mandatory\",\"urn\":\"" + DB
                        + "\",\"message\":\"production databases need deletion protection\"}]}");
        PlanDiff diff = PlanDiff.between(base, head, UsageFile.empty(), UsageFile.empty(), LocalDate.of(2026, 11, 23));
        review = new StackReview("production", diff, base.plan(), head.plan(), "");
        markdown = ReviewMarkdown.render("main 1111111", "feature 2222222", List.of(review),
                ReviewGates.evaluate(List.of(review), IncreaseThreshold.parse("300%"), true));
    }

    @Test
    void oneLinePerStackWithCountsCostAndWhatItBreaks() {
        assertThat(review.diff().count(ChangeKind.REPLACED)).isEqualTo(1);
        assertThat(review.newMandatoryViolations()).extracting(PolicyChange::policy).containsExactly("rds-deletion-protection");
        assertThat(review.dataAtRisk()).isEqualTo(1);
        String row = markdown.lines().filter(l -> l.startsWith("| [`production`]")).findFirst().orElseThrow();
        assertThat(row).isEqualTo("| [`production`](#stack-production) | **fail**: no new mandatory policy violation | **1** "
                + "| $117.45 → $376.50 (+$259.05, +220.6%) | none set | **1** | +1 ~1 -1, 1 replaced |");
        assertThat(ReviewMarkdown.summaryLine(review))
                .isEqualTo("**production:** +1 ~1 -1, 1 replaced; monthly cost +$259.05, +220.6% ($117.45 → $376.50); "
                        + "1 new mandatory violation; **1 stateful resource at risk**");
    }

    @Test
    void theCostGateNamesTheStackAndItsIncrease() {
        assertThat(ReviewGates.evaluate(List.of(review), IncreaseThreshold.parse("10%"), false))
                .containsExactly(new ReviewMarkdown.Gate("monthly cost increase per stack at most 10%", false,
                        "production rises by $259.05 (220.6%)", List.of("production")));
        assertThat(ReviewGates.evaluate(List.of(review), IncreaseThreshold.parse("260"), false).get(0).passed()).isTrue();
        assertThat(ReviewGates.evaluate(List.of(review), null, false)).isEmpty();
    }

    @Test
    void sectionsComeInTheOrderOfRisk() {
        assertThat(markdown).containsSubsequence(
                "## Platform review: `main 1111111` → `feature 2222222`",
                "| stack | gates | data at risk | monthly cost | budget | new mandatory violations | resources |",
                "| [`production`]",
                "- [ ] **failed:** no new mandatory policy violation: production: rds-deletion-protection on "
                        + "platform:data:Data$aws:rds/instance:Instance::postgres",
                "- [x] monthly cost increase per stack at most 300%",
                "### New mandatory policy violations",
                "- **production** [`rds-deletion-protection`](docs/policies.md) on `aws:rds/instance:Instance postgres`: "
                        + "production databases need deletion protection. **Change** `platform:environment` in `Pulumi.production.yaml`",
                "### Data at risk",
                "> [!CAUTION]",
                "REPLACES aws:rds/instance:Instance postgres",
                "### Monthly cost by tier",
                "**Monthly cost:**",
                "| tier | before | after | change |",
                "| data |",
                "### Savings: the top three",
                // single-AZ db.r5.xlarge -> db.r6g.xlarge: 730 h x (0.50 - 0.45) = 36.50
                "| $36.50 | graviton: db.r5.xlarge -> db.r6g.xlarge | `platform:database.instanceClass` | medium |",
                "2 in all, with how each figure is computed: `./platform cost --plan out/production/plan.json --recommend`",
                "## Stack `production`",
                "**production:** +1 ~1 -1",
                "### Resources: 1 added, 1 removed, 1 replaced, 1 changed",
                "```mermaid",
                "| + | `Subnet` database-us-east-1b |",
                "<details><summary>properties</summary>",
                "### Policy verdicts",
                "| new | rds-deletion-protection | mandatory |",
                "| gone | rds-backup-retention | advisory |");
    }

    /** docs/ci.md shows this review as its example comment, byte for byte, so the page cannot drift from the code. */
    @Test
    void docsCiShowsThisReviewAsItsExample() throws java.io.IOException {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs/ci.md"));
        String start = "<!-- example-comment:start -->\n````markdown\n";
        int from = page.indexOf(start);
        int to = page.indexOf("````\n<!-- example-comment:end -->");
        String shown = from < 0 || to < 0 ? "" : page.substring(from + start.length(), to);
        if (!shown.equals(markdown)) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/example-comment.md"), markdown);
        }
        assertThat(shown).as("docs/ci.md's example comment (the rendered one is in target/example-comment.md)").isEqualTo(markdown);
    }

    @Test
    void theStateForTheCommentScriptsNamesFailedGatesAndDataAtRisk() {
        assertThat(markdown.lines().filter(l -> l.startsWith(ReviewMarkdown.STATE_MARKER)).toList()).containsExactly(
                ReviewMarkdown.STATE_MARKER + "{\"failedGates\":[\"no new mandatory policy violation\"],\"dataAtRisk\":[\"production: REPLACES "
                        + "aws:rds/instance:Instance postgres (a new, empty one is created; the data does not move) because dbName cannot change in place\"]} -->");
    }

    @Test
    void theDiagramDrawsTheChangedResourcesByTierWiredByDependencies() {
        String diagram = mermaidBlock();
        assertThat(diagram).contains("subgraph tier0[\"data\"]", "subgraph tier1[\"network\"]", "subgraph tier2[\"observability\"]");
        Map<String, String> ids = diagram.lines().filter(l -> l.matches("\\s+r\\d+\\[.*"))
                .collect(Collectors.toMap(l -> l.substring(l.indexOf("[\"") + 2, l.indexOf("<br/>")),
                        l -> l.trim().substring(0, l.trim().indexOf('['))));
        assertThat(ids).containsOnlyKeys("+- DATA AT RISK postgres", "~ postgres", "+ database-us-east-1b", "- db-cpu");
        assertThat(diagram).contains(
                ids.get("+ database-us-east-1b") + " --> " + ids.get("~ postgres"),
                ids.get("~ postgres") + " --> " + ids.get("+- DATA AT RISK postgres"),
                ids.get("+- DATA AT RISK postgres") + " --> " + ids.get("- db-cpu"));
        assertThat(diagram).doesNotContain("database-us-east-1a", "main");
    }

    @Test
    void mermaidsParserAcceptsTheReview() throws Exception {
        MermaidParser.Result result = MermaidParser.check(markdown);
        assertThat(result.exitCode()).as(result.errors()).isZero();
    }

    @Test
    void diffMarkdownCarriesTheSamePictureAndCostLines() {
        String diff = DiffMarkdown.render(review.diff(), DiagramResources.markdown(review.diff(), review.base(), review.head()));
        assertThat(diff).contains(mermaidBlock());
        String costLines = DiffMarkdown.cost(review.diff());
        assertThat(costLines).startsWith("**Monthly cost:** $117.45 → $376.50");
        assertThat(diff).contains(costLines);
        assertThat(markdown).contains(costLines);
    }

    private static String mermaidBlock() {
        int start = markdown.indexOf("```mermaid\n");
        return markdown.substring(start, markdown.indexOf("```\n", start + 10) + 4);
    }

    private static String database(String dbName, String instanceClass) {
        return "{\"engine\":\"postgres\",\"engineVersion\":\"17\",\"dbName\":\"" + dbName + "\",\"instanceClass\":\"" + instanceClass
                + "\",\"allocatedStorage\":100,\"storageType\":\"gp3\",\"multiAz\":false}";
    }

    private static PlanDocument plan(List<String> resources, String policy) {
        String json = "{\"schemaVersion\":1,\"project\":\"platform\",\"stack\":\"production\","
                + "\"config\":{\"aws:region\":\"us-east-1\",\"platform:environment\":\"production\"},"
                + "\"resources\":[" + String.join(",", sorted(resources)) + "],\"outputs\":{},\"policy\":" + policy + "}";
        return PlanReader.parse(json, "test plan");
    }

    private static List<String> sorted(List<String> resources) {
        List<String> copy = new ArrayList<>(resources);
        copy.sort(null);
        return copy;
    }

    private static String component(String urn, String type) {
        return entry(urn, type, "", false, "{}", List.of());
    }

    private static String provider() {
        return entry(PROVIDER, "pulumi:providers:aws", "", true, "{\"region\":\"us-east-1\"}", List.of());
    }

    private static String resource(String urn, String type, String parent, String inputs, List<String> dependencies) {
        return entry(urn, type, parent, true, inputs, dependencies);
    }

    private static String entry(String urn, String type, String parent, boolean custom, String inputs, List<String> dependencies) {
        String name = urn.substring(urn.lastIndexOf("::") + 2);
        String deps = dependencies.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
        return "{\"urn\":\"" + urn + "\",\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"parent\":\"" + parent + "\",\"custom\":" + custom
                + ",\"provider\":\"" + (custom && !type.startsWith("pulumi:") ? PROVIDER + "::id" : "") + "\",\"inputs\":" + inputs
                + ",\"dependencies\":[" + deps + "],\"propertyDependencies\":{},\"protect\":false,\"retainOnDelete\":false,"
                + "\"deleteBeforeReplace\":false,\"ignoreChanges\":[],\"replaceOnChanges\":[],\"additionalSecretOutputs\":[]}";
    }
}
