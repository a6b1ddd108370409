package com.featureapi.platform.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.BesideInProcessTests;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CrossGuard analyzer (node, @pulumi/policy, this project's pack) over the plans of both stacks,
 * and over the production plan edited the way a bad change would edit it: each edit must give a
 * mandatory verdict of the right policy on the right resource.
 */
@BesideInProcessTests
class PolicyVerdictsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Verdict> verdicts(String stack, Consumer<ObjectNode> edit) {
        ObjectNode plan = planJson(stack);
        edit.accept(plan);
        com.featureapi.platform.plan.Plan document = PlanReader.parse(plan.toString(), "edited plan").plan();
        return SharedAnalyzer.get().analyze(document, stack, Optional.of(Path.of("policies", "config", stack + ".json")));
    }

    static ObjectNode planJson(String stack) {
        try {
            return (ObjectNode) JSON.readTree(PlanWriter.toJson(PlannedStacks.of(stack)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode resource(ObjectNode plan, String type, String name) {
        for (JsonNode r : plan.get("resources")) {
            if (r.get("type").asText().equals(type) && r.get("name").asText().equals(name)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalArgumentException("no " + type + " " + name);
    }

    static void removeWhere(ObjectNode plan, java.util.function.Predicate<JsonNode> which) {
        for (Iterator<JsonNode> it = plan.get("resources").iterator(); it.hasNext(); ) {
            if (which.test(it.next())) {
                it.remove();
            }
        }
    }

    static ObjectNode inputs(ObjectNode plan, String type, String name) {
        return (ObjectNode) resource(plan, type, name).get("inputs");
    }

    static List<Verdict> mandatory(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::mandatory).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void bothStacksPassEveryMandatoryPolicy(String stack) {
        List<Verdict> verdicts = verdicts(stack, plan -> { });

        assertThat(mandatory(verdicts)).isEmpty();
        // Exactly the accepted advisory findings of policies/accepted.json, each explained in docs/policies.md.
        List<String> accepted = new java.util.ArrayList<>();
        try {
            for (JsonNode a : JSON.readTree(Path.of("policies", "accepted.json").toFile()).get("accepted")) {
                a.get("stacks").forEach(s -> {
                    if (s.asText().equals(stack)) {
                        accepted.add(a.get("policy").asText() + " " + a.get("resource").asText());
                    }
                });
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // (one resource can raise a policy once per container: compare the distinct policy-resource pairs)
        assertThat(verdicts.stream().map(v -> v.policy() + " " + v.resource()).distinct().toList()).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void unencryptedDatabaseIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan -> inputs(plan, "aws:rds/instance:Instance", "postgres").put("storageEncrypted", false));

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("rds-storage-encrypted");
            assertThat(v.resource()).isEqualTo("aws:rds/instance:Instance postgres");
            assertThat(v.message()).isEqualTo("storageEncrypted is not true: the database, its snapshots and replicas are stored in clear");
            assertThat(v.policyPack()).isEqualTo("platform");
        });
    }

    @Test
    void sshFromTheInternetIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan -> {
            ObjectNode rule = inputs(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "node-from-alb");
            rule.remove("referencedSecurityGroupId");
            rule.put("cidrIpv4", "0.0.0.0/0").put("fromPort", 22).put("toPort", 22);
        });

        assertThat(mandatory(verdicts)).extracting(Verdict::policy, Verdict::resource).contains(
                org.assertj.core.groups.Tuple.tuple("sg-no-admin-ports-from-internet", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule node-from-alb"),
                org.assertj.core.groups.Tuple.tuple("sg-no-public-ingress", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule node-from-alb"));
        assertThat(mandatory(verdicts)).filteredOn(v -> v.policy().equals("sg-no-admin-ports-from-internet")).singleElement()
                .extracting(Verdict::message).asString().contains("opens port 22 to the internet");
    }

    @Test
    void publicClusterEndpointIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan ->
                ((ObjectNode) inputs(plan, "aws:eks/cluster:Cluster", "cluster").get("vpcConfig")).put("endpointPublicAccess", true));

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("eks-endpoint-private");
            assertThat(v.resource()).isEqualTo("aws:eks/cluster:Cluster cluster");
            assertThat(v.message()).startsWith("the cluster API endpoint is public to the whole internet");
        });
    }

    @Test
    void theSplitRangeOnTheClusterEndpointIsTheInternet() {
        List<Verdict> verdicts = verdicts("production", plan -> {
            ObjectNode vpc = (ObjectNode) inputs(plan, "aws:eks/cluster:Cluster", "cluster").get("vpcConfig");
            vpc.put("endpointPublicAccess", true);
            vpc.putArray("publicAccessCidrs").add("0.0.0.0/1").add("128.0.0.0/1");
        });

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("eks-endpoint-private");
            assertThat(v.resource()).isEqualTo("aws:eks/cluster:Cluster cluster");
            assertThat(v.message()).startsWith("the cluster API endpoint is public to the whole internet (publicAccessCidrs 0.0.0.0/1, 128.0.0.0/1)");
        });
    }

    @Test
    void postgresFromTheInternetOnTheLoadBalancersGroupIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan ->
                inputs(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https").put("fromPort", 5432).put("toPort", 5432));

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("sg-no-public-ingress");
            assertThat(v.resource()).isEqualTo("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-https");
            assertThat(v.message()).startsWith("ingress tcp 5432 from 0.0.0.0/0 on the load balancer's group: it may take only tcp 80 and 443 from the internet");
        });
    }

    @Test
    void productionsInternetFacingAlbWithoutItsWebAclIsMandatoryViolation() {
        // What the production plan would be without the edge tier's web ACL: the resources gone, the Ingress saying "none".
        List<Verdict> verdicts = verdicts("production", plan -> {
            removeWhere(plan, r -> r.get("type").asText().startsWith("aws:wafv2/"));
            ((ObjectNode) inputs(plan, "kubernetes:networking.k8s.io/v1:Ingress", "feature-api/feature-api").get("metadata").get("annotations"))
                    .put("alb.ingress.kubernetes.io/wafv2-acl-arn", "none");
        });
        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("alb-internet-facing-web-acl");
            assertThat(v.message()).isEqualTo("Ingress feature-api/feature-api: internet-facing ALB without a WAF web ACL "
                    + "(alb.ingress.kubernetes.io/wafv2-acl-arn is \"none\"): turn on platform:edge.webAcl so the Ingress names the stack's web ACL");
        });
    }

    @Test
    void anUnloggedWebAclIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan ->
                removeWhere(plan, r -> r.get("type").asText().equals("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")));
        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("alb-internet-facing-web-acl");
            assertThat(v.message()).startsWith("web ACL web-acl has no logging configuration");
        });
    }

    @Test
    void bucketWithoutVersioningIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan ->
                ((ObjectNode) inputs(plan, "aws:s3/bucketVersioningV2:BucketVersioningV2", "backups").get("versioningConfiguration")).put("status", "Suspended"));

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("s3-versioning");
            assertThat(v.resource()).isEqualTo("aws:s3/bucketV2:BucketV2 backups");
            assertThat(v.message()).contains("versioning is not Enabled");
        });
    }

    @Test
    void singleNatGatewayInProductionIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan -> {
            ArrayNode resources = (ArrayNode) plan.get("resources");
            String natA = resource(plan, "aws:ec2/natGateway:NatGateway", "nat-us-east-1a").get("urn").asText();
            for (Iterator<JsonNode> it = resources.iterator(); it.hasNext(); ) {
                JsonNode r = it.next();
                if (r.get("type").asText().equals("aws:ec2/natGateway:NatGateway") && !r.get("name").asText().equals("nat-us-east-1a")) {
                    it.remove();
                }
            }
            for (JsonNode r : resources) {
                if (r.get("type").asText().equals("aws:ec2/route:Route") && r.get("inputs").has("natGatewayId")) {
                    ((ObjectNode) r.get("propertyDependencies")).putArray("natGatewayId").add(natA);
                }
            }
        });

        assertThat(mandatory(verdicts)).extracting(Verdict::policy).containsOnly("nat-gateway-per-az");
        assertThat(mandatory(verdicts)).extracting(Verdict::message)
                .contains("1 NAT gateway(s) for private subnets in 3 availability zones: production needs one NAT gateway per AZ (network.natGateways: perAz)")
                .anyMatch(m -> m.startsWith("subnet private-us-east-1b (us-east-1b) routes through NAT gateway nat-us-east-1a in us-east-1a"));
    }

    @Test
    void renderedDeploymentRunningAsRootIsMandatoryViolation() {
        List<Verdict> verdicts = verdicts("production", plan -> {
            ObjectNode deployment = ((ArrayNode) plan.get("resources")).addObject();
            deployment.put("urn", "urn:pulumi:production::platform::kubernetes:helm.sh/v3:Release$kubernetes:apps/v1:Deployment::feature-api/feature-api")
                    .put("type", "kubernetes:apps/v1:Deployment").put("name", "feature-api/feature-api").put("custom", true).put("rendered", true)
                    .put("parent", "").put("provider", "").put("protect", false);
            try {
                deployment.set("inputs", JSON.readTree("""
                        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"feature-api","namespace":"feature-api"},
                         "spec":{"replicas":3,"template":{"spec":{"serviceAccountName":"feature-api","securityContext":{"runAsNonRoot":false,"seccompProfile":{"type":"RuntimeDefault"}},
                         "containers":[{"name":"app","image":"public.ecr.aws/feature-api/app:1.4.2","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}},
                         "resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"memory":"512Mi"}},"livenessProbe":{"httpGet":{"path":"/healthz","port":8080}},"readinessProbe":{"httpGet":{"path":"/ready","port":8080}}}]}}}}
                        """));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(mandatory(verdicts)).filteredOn(v -> v.policy().equals("k8s-run-as-non-root")).singleElement().satisfies(v -> {
            assertThat(v.resource()).isEqualTo("kubernetes:apps/v1:Deployment feature-api/feature-api");
            assertThat(v.message()).isEqualTo("container app: runAsNonRoot is false: set runAsNonRoot: true so the kubelet refuses to start it as root");
        });
    }

    @Test
    void theAppsAutoscalerFloorIsWhatMinReplicasJudges() {
        // The chart renders the Deployment without replicas (the HPA owns the count): the HPA's minReplicas is its floor.
        ObjectNode plan = planJson("production");
        assertThat(inputs(plan, "kubernetes:apps/v1:Deployment", "feature-api/feature-api").at("/spec").has("replicas")).isFalse();
        assertThat(inputs(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "feature-api/feature-api").at("/spec/minReplicas").asInt()).isEqualTo(3);

        List<Verdict> verdicts = verdicts("production", p -> ((ObjectNode) inputs(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "feature-api/feature-api")
                .get("spec")).put("minReplicas", 1));

        assertThat(mandatory(verdicts)).singleElement().satisfies(v -> {
            assertThat(v.policy()).isEqualTo("k8s-min-replicas");
            assertThat(v.resource()).isEqualTo("kubernetes:apps/v1:Deployment feature-api/feature-api");
            assertThat(v.message()).isEqualTo("Deployment feature-api/feature-api: its HorizontalPodAutoscaler feature-api keeps minReplicas 1: this environment needs at least 2");
        });
    }

    @Test
    void stagingConfigRelaxesProductionOnlyRules() {
        // The same single-AZ database that production refuses is accepted by staging's config (policies/config/staging.json).
        List<Verdict> staging = verdicts("staging", plan -> inputs(plan, "aws:rds/instance:Instance", "postgres").put("multiAz", false));
        List<Verdict> production = verdicts("production", plan -> inputs(plan, "aws:rds/instance:Instance", "postgres").put("multiAz", false));

        assertThat(mandatory(staging)).isEmpty();
        assertThat(mandatory(production)).extracting(Verdict::policy).containsExactly("rds-multi-az");
    }

    @Test
    void closingTheAnalyzerStopsNode() {
        Analyzer analyzer = Analyzer.start(PolicyPackDir.of(Path.of("policies")), PolicyLog.quiet());
        assertThat(analyzer.running()).isTrue();
        analyzer.close();
        assertThat(analyzer.running()).isFalse();
    }
}
