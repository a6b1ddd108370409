package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plan written by hand (two tiers, a protected resource, a rendered object, a remote release, resources outside
 * every tier): how the text report shows it, how plan.json carries it and how a reader gets it back.
 */
class PlanDocumentTest {

    private static final String STACK_URN = "urn:pulumi:dev::platform::pulumi:pulumi:Stack::platform-dev";
    private static final String NETWORK = "urn:pulumi:dev::platform::platform:network:Network::network";
    private static final String DATA = "urn:pulumi:dev::platform::platform:data:Data::data";
    private static final String DB = "urn:pulumi:dev::platform::platform:data:Data$aws:rds/instance:Instance::db";

    private static PlannedResource resource(String urn, String type, String name, String parent, boolean custom,
                                            Map<String, Object> inputs, boolean protect) {
        return new PlannedResource(urn, type, name, parent, custom, custom ? "urn:pulumi:dev::platform::pulumi:providers:aws::aws::id-1" : "",
                new TreeMap<>(inputs), List.of(), new TreeMap<>(), protect, false, false, List.of(), List.of(), List.of());
    }

    static Plan crafted() {
        PlannedResource db = new PlannedResource(DB, "aws:rds/instance:Instance", "db", DATA, true, "urn:p::aws::id-1",
                new TreeMap<>(Map.of("engine", "postgres", "tags", Map.of("Name", "dev-db"), "zones", List.of("a", "b"))),
                List.of(NETWORK), new TreeMap<>(Map.of("dbSubnetGroupName", List.of(NETWORK))), true, true, true,
                List.of("password"), List.of("engineVersion"), List.of("address"));
        PlannedResource release = resource("urn:pulumi:dev::platform::platform:data:Data$kubernetes:helm.sh/v3:Release::redis-exporter",
                "kubernetes:helm.sh/v3:Release", "redis-exporter", DATA, true, Map.of("chart", "exporter"), false)
                .withChartRendered(false, "remote chart exporter: not rendered (the plan cannot fetch charts)");
        PlannedResource rendered = new PlannedResource(DATA + "$kubernetes:core/v1:ConfigMap::apps/settings", "kubernetes:core/v1:ConfigMap",
                "apps/settings", DATA, true, "", new TreeMap<>(Map.of("kind", "ConfigMap")), List.of(), new TreeMap<>(), false, false, false,
                List.of(), List.of(), List.of(), true, null, null, null);
        List<PlannedResource> resources = List.of(
                resource(STACK_URN, "pulumi:pulumi:Stack", "platform-dev", "", false, Map.of(), false),
                resource(NETWORK, "platform:network:Network", "network", STACK_URN, false, Map.of(), false)
                        .withRegisteredOutputs(new TreeMap<>(Map.of("vpcId", "vpc-1", "subnets", Map.of("a", List.of("subnet-1"))))),
                resource(NETWORK.replace("::network", "$aws:ec2/vpc:Vpc::main"), "aws:ec2/vpc:Vpc", "main", NETWORK, true, Map.of(), false),
                resource(NETWORK.replace("::network", "$aws:ec2/subnet:Subnet::b"), "aws:ec2/subnet:Subnet", "b", NETWORK, true, Map.of(), false),
                resource(NETWORK.replace("::network", "$aws:ec2/subnet:Subnet::a"), "aws:ec2/subnet:Subnet", "a", NETWORK, true, Map.of(), false),
                resource(DATA, "platform:data:Data", "data", STACK_URN, false, Map.of(), false),
                db, release, rendered,
                resource("urn:pulumi:dev::platform::pulumi:providers:aws::aws", "pulumi:providers:aws", "aws", STACK_URN, true,
                        Map.of("region", "eu-west-1"), false));
        return new Plan("platform", "dev", new TreeMap<>(Map.of("aws:region", "eu-west-1", "platform:token", "[secret]")), resources,
                new TreeMap<>(Map.of("vpcId", "vpc-1", "endpoints", Map.of("z", 2, "a", List.of("x")), "count", 3)));
    }

    @Test
    void theTextReportShowsEachTiersTreeTheStackAndTheOutputs() {
        assertThat(TextReport.render(crafted())).isEqualTo("""
                Plan of stack dev (project platform, eu-west-1): 10 resources, 7 in AWS and 3 components

                data (4)
                  platform:data:Data  data
                    aws:rds/instance:Instance  db  [protected]
                    kubernetes:core/v1:ConfigMap  apps/settings  [rendered]
                    kubernetes:helm.sh/v3:Release  redis-exporter  [chart not rendered: remote]

                network (4)
                  platform:network:Network  network
                    aws:ec2/subnet:Subnet  a
                    aws:ec2/subnet:Subnet  b
                    aws:ec2/vpc:Vpc  main

                stack (2)
                  pulumi:pulumi:Stack  platform-dev
                    pulumi:providers:aws  aws

                outputs
                  count = 3
                  endpoints = {"a":["x"],"z":2}
                  vpcId = vpc-1

                total: 10 resources (7 custom, 3 components) in 2 tiers and the stack
                """);
    }

    @Test
    void aPlanWithoutRegionTiersOrOutputsSaysSo() {
        Plan empty = new Plan("platform", "dev", new TreeMap<>(), List.of(resource(STACK_URN, "pulumi:pulumi:Stack", "platform-dev", "", false,
                Map.of(), false)), new TreeMap<>());
        assertThat(TextReport.render(empty)).isEqualTo("""
                Plan of stack dev (project platform, no region): 1 resources, 0 in AWS and 1 components

                stack (1)
                  pulumi:pulumi:Stack  platform-dev

                total: 1 resources (0 custom, 1 components) in 0 tiers and the stack
                """);
    }

    @Test
    void theSummaryCountsByTierAndType() {
        assertThat(PlanWriter.summary(crafted())).containsEntry("resources", 10).containsEntry("custom", 7).containsEntry("components", 3)
                .containsEntry("byTier", new TreeMap<>(Map.of("network", 4, "data", 4, "stack", 2)))
                .extractingByKey("byType").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("aws:ec2/subnet:Subnet", 2).containsEntry("platform:data:Data", 1).hasSize(9);
    }

    @Test
    void whatPlanJsonCarriesAReaderGetsBack(@TempDir Path dir) {
        Plan plan = crafted();
        Path file = PlanWriter.write(plan, Map.of("verdicts", List.of()), dir);
        assertThat(file).isEqualTo(dir.resolve("dev").resolve("plan.json"));
        assertThat(PlanWriter.write(plan, dir)).isEqualTo(file);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary file is left beside plan.json").containsExactly(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        PlanReader.PlanDocument read = PlanReader.read(file);
        assertThat(read.plan()).isEqualTo(plan);
        assertThat(TextReport.render(read.plan())).isEqualTo(TextReport.render(plan)).contains("[rendered]", "[chart not rendered: remote]");
        assertThat(read.plan().one("aws:rds/instance:Instance", "db")).isEqualTo(plan.one("aws:rds/instance:Instance", "db"));
        assertThat(read.document().path("summary").path("resources").asInt()).isEqualTo(10);
        PlannedResource db = read.plan().one("aws:rds/instance:Instance", "db");
        assertThat(db.dependencies()).containsExactly(NETWORK);
        assertThat(db.propertyDependencies()).containsExactly(Map.entry("dbSubnetGroupName", List.of(NETWORK)));
        assertThat(db.ignoreChanges()).containsExactly("password");
        assertThat(db.replaceOnChanges()).containsExactly("engineVersion");
        assertThat(db.additionalSecretOutputs()).containsExactly("address");
        assertThat(List.of(db.protect(), db.retainOnDelete(), db.deleteBeforeReplace(), db.custom())).containsOnly(true);
        assertThat(read.plan().one("platform:network:Network", "network").registeredOutput("subnets.a.0")).isEqualTo("subnet-1");
    }

    @Test
    void aReaderRejectsWhatIsNotAPlanOfASchemaItKnows(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> PlanReader.read(dir.resolve("missing.json")))
                .isInstanceOf(PlanException.class).matches(e -> ((PlanException) e).isInvalidInput())
                .hasMessage("no plan at " + dir.resolve("missing.json") + "; write one with ./platform plan --stack NAME");
        assertThatThrownBy(() -> PlanReader.read(dir))
                .isInstanceOf(PlanException.class).hasMessageStartingWith("cannot read " + dir + ": ");
        String schema = "; see docs/plan-schema.md";
        String range = "this build reads version 1 to " + PlanWriter.SCHEMA_VERSION;
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 1}", "a.json")).isInstanceOf(PlanException.class)
                .matches(e -> ((PlanException) e).isInvalidInput())
                .hasMessage("a.json is not a plan.json: \"resources\" must be an array of resource objects, and there is none" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 1, \"resources\": {}}", "a.json"))
                .hasMessage("a.json is not a plan.json: \"resources\" must be an array of resource objects, not an object" + schema);
        assertThatThrownBy(() -> PlanReader.parse("[1, 2]", "a.json"))
                .hasMessage("a.json is not a plan.json: expected a JSON object with \"schemaVersion\" and \"resources\"" + schema);
        assertThatThrownBy(() -> PlanReader.parse("", "a.json")).hasMessage("a.json is empty, not a plan.json" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"resources\": []}", "a.json"))
                .hasMessage("a.json has no \"schemaVersion\" (" + range + ")" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": \"1\", \"resources\": []}", "a.json"))
                .hasMessage("a.json has schemaVersion \"1\", not a whole number (" + range + ")" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 0, \"resources\": []}", "a.json"))
                .hasMessage("a.json has schemaVersion 0; this build reads version 1 to 1" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 2, \"resources\": []}", "a.json"))
                .hasMessage("a.json has schemaVersion 2; this build reads version 1 to 1 (it was written by a newer build: plan it again with this one, or update this checkout)");
        // Broken JSON is located by line and column in the reader's own words, never the JSON library's.
        assertThatThrownBy(() -> PlanReader.parse("{\"resources\": [", "b.json")).isInstanceOf(PlanException.class)
                .hasMessage("b.json is not valid JSON (line 1, column 16): the text ends before the document is complete" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 1,\n \"resources\": [} ", "b.json"))
                .hasMessage("b.json is not valid JSON (line 2, column 16): unexpected text there (a missing comma, quote or bracket?)" + schema);
        // Each resource is an object with urn, type and name strings, and every other field of its schema kind.
        String v1 = "{\"schemaVersion\": 1, \"resources\": [";
        assertThatThrownBy(() -> PlanReader.parse(v1 + "\"urn:a\"]}", "c.json"))
                .hasMessage("c.json: resources[0] is a string, not a resource object" + schema);
        assertThatThrownBy(() -> PlanReader.parse(v1 + "{\"urn\": \"urn:a\", \"type\": \"t\"}]}", "c.json"))
                .hasMessage("c.json: resources[0] has no \"name\" string" + schema);
        String resource = "{\"urn\": \"urn:a\", \"type\": \"t\", \"name\": \"a\"";
        assertThatThrownBy(() -> PlanReader.parse(v1 + resource + "}, " + resource + ", \"protect\": \"yes\"}]}", "c.json"))
                .hasMessage("c.json: resources[1] (urn:a) has \"protect\" of the wrong kind: expected true or false, found a string" + schema);
        assertThatThrownBy(() -> PlanReader.parse(v1 + resource + ", \"ignoreChanges\": [1]}]}", "c.json"))
                .hasMessage("c.json: resources[0] (urn:a) has \"ignoreChanges\" of the wrong kind: expected an array of strings, found an array" + schema);
        assertThatThrownBy(() -> PlanReader.parse(v1 + resource + ", \"inputs\": []}]}", "c.json"))
                .hasMessage("c.json: resources[0] (urn:a) has \"inputs\" of the wrong kind: expected an object, found an array" + schema);
        assertThatThrownBy(() -> PlanReader.parse(v1 + resource + ", \"propertyDependencies\": {\"vpcId\": \"urn:v\"}}]}", "c.json"))
                .hasMessage("c.json: resources[0] (urn:a) has propertyDependencies.vpcId of the wrong kind: expected an array of URN strings" + schema);
        assertThatThrownBy(() -> PlanReader.parse("{\"schemaVersion\": 1, \"config\": {\"platform:x\": 1}, \"resources\": []}", "c.json"))
                .hasMessage("c.json: \"config\" has platform:x as a number; every config value is a string (structured values as their JSON text)" + schema);
        // The oldest and the newest version this build knows, with neither config nor outputs, are read.
        Plan minimal = PlanReader.parse("{\"schemaVersion\": 1, \"project\": \"p\", \"stack\": \"s\", \"resources\": []}", "c.json").plan();
        assertThat(minimal).isEqualTo(new Plan("p", "s", new TreeMap<>(), List.of(), new TreeMap<>()));
    }

    @Test
    void lookupsFindResourcesByTypeNameUrnAndPredicate() {
        Plan plan = crafted();
        assertThat(plan.ofType("aws:ec2/subnet:Subnet")).extracting(PlannedResource::name).containsExactly("b", "a");
        assertThat(plan.where(PlannedResource::protect)).extracting(PlannedResource::name).containsExactly("db");
        assertThat(plan.byUrn(DB).name()).isEqualTo("db");
        assertThatThrownBy(() -> plan.byUrn("urn:nope")).isInstanceOf(IllegalArgumentException.class).hasMessage("no resource urn:nope");
        assertThatThrownBy(() -> plan.one("aws:ec2/subnet:Subnet", "c"))
                .hasMessage("expected one aws:ec2/subnet:Subnet named c, found 0");
    }

    @Test
    void inputsAreFoundByDottedPathThroughObjectsAndLists() {
        PlannedResource db = crafted().one("aws:rds/instance:Instance", "db");
        assertThat(db.input("engine")).isEqualTo("postgres");
        assertThat(db.input("tags.Name")).isEqualTo("dev-db");
        assertThat(db.input("zones.1")).isEqualTo("b");
        assertThat(db.input("zones.2")).as("past the end of a list").isNull();
        assertThat(db.input("zones.first")).as("a list has no named entries").isNull();
        assertThat(db.input("engine.length")).as("a text has no fields").isNull();
        assertThat(db.input("missing.deeper")).isNull();
        assertThat(db.registeredOutput("anything")).as("a resource registers no outputs").isNull();
        SortedMap<String, Object> inputs = db.inputs();
        assertThat(inputs).containsOnlyKeys("engine", "tags", "zones");
    }
}
