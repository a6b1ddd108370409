package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * external-dns (item 8 of issue 21): the record of platform:app.hostname in the stack's hosted zone, written by a
 * release whose role may change that zone only. The fixture stacks: staging's internal ALB in private zone
 * Z0STAGINGEXAMPLE0000001 (staging.example.com), production's internet-facing one in public zone Z0PRODUCTIONEXAMPLE0001.
 */
class ExternalDnsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
    private static final String ZONE_ASSOCIATION = "aws:route53/zoneAssociation:ZoneAssociation";

    private static String zone(String stack) {
        return stack.equals("staging") ? "Z0STAGINGEXAMPLE0000001" : "Z0PRODUCTIONEXAMPLE0001";
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theRoleMayChangeRecordsOfTheStacksZoneOnly(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        JsonNode policy = JSON.readTree((String) plan.one("aws:iam/rolePolicy:RolePolicy", "external-dns").input("policy"));
        assertThat(policy).isEqualTo(JSON.readTree("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"ManageRecordsOfTheStacksZoneOnly","Effect":"Allow",
                  "Action":["route53:ChangeResourceRecordSets","route53:ListResourceRecordSets"],
                  "Resource":"arn:aws:route53:::hostedzone/%s"},
                 {"Sid":"FindTheZoneWhichCannotBeScoped","Effect":"Allow","Action":"route53:ListHostedZones","Resource":"*"}]}
                """.formatted(zone(stack))));
        // Assumed only through Pod Identity, by external-dns/external-dns of this cluster.
        String trust = (String) plan.one("aws:iam/role:Role", "external-dns").input("assumeRolePolicy");
        assertThat(trust).contains("\"pods.eks.amazonaws.com\"", "\"aws:RequestTag/kubernetes-namespace\":\"external-dns\"",
                "\"aws:RequestTag/kubernetes-service-account\":\"external-dns\"");
        PlannedResource association = plan.one(ASSOCIATION, "external-dns");
        assertThat(association.input("namespace")).isEqualTo("external-dns");
        assertThat(association.input("serviceAccount")).isEqualTo("external-dns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theReleaseSyncsTheHostnameIntoThatZoneAsThisStack(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource release = plan.one(RELEASE, "external-dns");
        assertThat(release.input("chart")).isEqualTo("external-dns");
        assertThat(release.input("version")).isEqualTo("1.21.1");
        assertThat(release.input("repositoryOpts.repo")).isEqualTo("https://kubernetes-sigs.github.io/external-dns/");
        assertThat(release.input("namespace")).isEqualTo("external-dns");
        assertThat(release.input("values.provider")).isEqualTo(Map.of("name", "aws"));
        assertThat(release.input("values.image")).isEqualTo(Map.of("tag", "v0.21.0"));
        assertThat(release.input("values.sources")).isEqualTo(List.of("ingress"));
        assertThat(release.input("values.policy")).isEqualTo("sync");
        assertThat(release.input("values.registry")).isEqualTo("txt");
        assertThat(release.input("values.txtOwnerId")).isEqualTo("platform-" + stack);
        assertThat(release.input("values.domainFilters")).isEqualTo(List.of(stack.equals("staging") ? "staging.example.com" : "example.com"));
        // Staging's zone is private (platform:dns.privateZone: true, beside its internal ALB), production's public.
        assertThat(release.input("values.extraArgs")).isEqualTo(Map.of(
                "aws-zone-type", stack.equals("staging") ? "private" : "public", "zone-id-filter", zone(stack)));
        assertThat(release.input("values.env")).isEqualTo(List.of(Map.of("name", "AWS_DEFAULT_REGION", "value", "us-east-1")));
        assertThat(release.input("values.serviceAccount")).isEqualTo(Map.of("create", true, "name", "external-dns"));
        assertThat(release.input("values.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "50m", "memory", "64Mi"), "limits", Map.of("memory", "128Mi")));
        // The app's Ingress names the hostname external-dns publishes.
        PlannedResource ingress = plan.one("kubernetes:networking.k8s.io/v1:Ingress", "feature-api/feature-api");
        assertThat(ingress.input("spec.rules.0.host")).isEqualTo(stack.equals("staging") ? "api.staging.example.com" : "api.example.com");
    }

    @org.junit.jupiter.api.Test
    void stagingsPrivateZoneIsAssociatedWithTheStacksVpcAndProductionsPublicZoneIsNot() {
        Plan staging = PlannedStacks.of("staging");
        PlannedResource vpc = staging.one("aws:ec2/vpc:Vpc", "vpc");
        PlannedResource zone = staging.one(ZONE_ASSOCIATION, "private-hosted-zone");
        assertThat(zone.input("zoneId")).isEqualTo("Z0STAGINGEXAMPLE0000001");
        // The stack's own VPC, by id and by dependency (so the association is made after the VPC and goes before it).
        assertThat(zone.input("vpcId")).isEqualTo(staging.outputs().get("vpcId")).asString().startsWith("vpc-");
        assertThat(zone.propertyDependencies().get("vpcId")).containsExactly(vpc.urn());
        // The provider's region (us-east-1), not another one.
        assertThat(zone.input("vpcRegion")).isNull();
        assertThat(zone.parent()).isEqualTo(staging.one("platform:network:Network", "network").urn());
        // The VPC's resolver answers from an associated private zone only with DNS support and hostnames on.
        assertThat(vpc.input("enableDnsSupport")).isEqualTo(true);
        assertThat(vpc.input("enableDnsHostnames")).isEqualTo(true);
        assertThat(PlannedStacks.of("production").ofType(ZONE_ASSOCIATION)).isEmpty();
    }

    /**
     * The zone's kind comes from {@code privateZone}, not from the ALB: an internal ALB whose name is published in the
     * domain's public zone (split-horizon left to the client, a valid choice) gets no VPC association and a public
     * zone type, though both fixture stacks happen to pair a private zone with an internal ALB and a public one with an
     * internet-facing ALB.
     */
    @org.junit.jupiter.api.Test
    void anInternalAlbInAPublicZoneGetsNoAssociationAndPublicRecords(@TempDir Path dir) {
        StackFiles.copyEdited(dir, "staging", config -> ((ObjectNode) config.get("platform:dns")).put("privateZone", false));
        Plan plan = PlannedStacks.plan(dir, "staging");

        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) plan.one("kubernetes:networking.k8s.io/v1:Ingress",
                "feature-api/feature-api").input("metadata.annotations");
        assertThat(annotations).containsEntry("alb.ingress.kubernetes.io/scheme", "internal");
        assertThat(plan.ofType(ZONE_ASSOCIATION)).isEmpty();
        assertThat(plan.one(RELEASE, "external-dns").input("values.extraArgs")).isEqualTo(Map.of(
                "aws-zone-type", "public", "zone-id-filter", zone("staging")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theReleaseWaitsForItsAssociationAndItsRestrictedNamespace(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource release = plan.one(RELEASE, "external-dns");
        PlannedResource namespace = plan.one("kubernetes:core/v1:Namespace", "external-dns");
        assertThat(release.dependencies()).contains(plan.one(ASSOCIATION, "external-dns").urn(), namespace.urn());
        assertThat(((Map<?, ?>) namespace.input("metadata.labels")).get("pod-security.kubernetes.io/enforce")).isEqualTo("restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    @SuppressWarnings("unchecked")
    void theValuesPassTheChartsOwnSchema(String stack) throws Exception {
        // values.schema.json of chart 1.21.1 (kubernetes-sigs/external-dns, tag external-dns-helm-chart-1.21.1), which Helm
        // applies on install: it fails a misspelt key or a wrong type (src/test/resources/chart-values/README.md).
        JsonSchema schema;
        try (InputStream in = ExternalDnsTest.class.getResourceAsStream("/chart-values/external-dns-1.21.1.values.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Map<String, Object> values = (Map<String, Object>) PlannedStacks.of(stack).one(RELEASE, "external-dns").input("values");
        assertThat(schema.validate(JSON.valueToTree(values)).stream().map(ValidationMessage::getMessage)).isEmpty();
        // The schema does catch a wrong value: the chart's policy enum.
        Map<String, Object> wrong = new java.util.HashMap<>(values);
        wrong.put("policy", "upsert");
        assertThat(schema.validate(JSON.valueToTree(wrong)).stream().map(ValidationMessage::getMessage))
                .singleElement().asString().contains("policy");
    }
}
