package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

    /** A rule as a reviewer reads it: group, direction, protocol, ports, and the peer group or CIDR. */
    private static String describe(Plan plan, PlannedResource rule) {
        String group = plan.byUrn(rule.propertyDependencies().get("securityGroupId").get(0)).name();
        List<String> peerGroup = rule.propertyDependencies().getOrDefault("referencedSecurityGroupId", List.of());
        String peer = peerGroup.isEmpty() ? (String) rule.input("cidrIpv4") : "sg:" + plan.byUrn(peerGroup.get(0)).name();
        String ports = rule.input("fromPort") == null ? "all" : rule.input("fromPort") + "-" + rule.input("toPort");
        return group + (rule.type().equals(INGRESS) ? " <- " : " -> ") + peer + " " + rule.input("ipProtocol") + " " + ports;
    }

    private static List<String> rules(Plan plan) {
        List<String> rules = new ArrayList<>();
        plan.ofType(INGRESS).forEach(r -> rules.add(describe(plan, r)));
        plan.ofType(EGRESS).forEach(r -> rules.add(describe(plan, r)));
        return rules;
    }

    private static JsonNode json(Object text) throws Exception {
        return JSON.readTree((String) text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyGroupHasExactlyTheRulesOfTheDesign(String stack) {
        assertThat(rules(PlannedStacks.of(stack))).containsExactlyInAnyOrder(
                "alb <- 0.0.0.0/0 tcp 80-80",
                "alb <- 0.0.0.0/0 tcp 443-443",
                "alb -> sg:node tcp 3000-3000",
                "node <- sg:alb tcp 3000-3000",
                "node <- sg:cluster tcp 443-443",
                "node <- sg:cluster tcp 9443-9443",
                "node <- sg:cluster tcp 10250-10250",
                "node <- sg:node -1 all",
                "node -> sg:node -1 all",
                "node -> sg:cluster tcp 443-443",
                "node -> sg:database tcp 5432-5432",
                "node -> sg:cache tcp 6379-6379",
                "node -> 10.0.0.0/16 udp 53-53",
                "node -> 10.0.0.0/16 tcp 53-53",
                "node -> 0.0.0.0/0 tcp 443-443",
                "cluster <- sg:node tcp 443-443",
                "cluster <- 10.200.0.0/22 tcp 443-443",
                "cluster -> sg:node tcp 443-443",
                "cluster -> sg:node tcp 9443-9443",
                "cluster -> sg:node tcp 10250-10250",
                "database <- sg:node tcp 5432-5432",
                "cache <- sg:node tcp 6379-6379");
    }

    /**
     * The README's "Every open port" table, row by row, is the plan's rules (the staging fixture: VPC 10.0.0.0/16, one
     * endpointPrivateAccessCidrs entry): a rule added, removed or changed without the table fails here.
     */
    @org.junit.jupiter.api.Test
    void theReadmesOpenPortTableIsThePlansRules() throws Exception {
        Plan plan = PlannedStacks.of("staging");
        List<String> fromPlan = new ArrayList<>();
        for (String type : List.of(INGRESS, EGRESS)) {
            for (PlannedResource rule : plan.ofType(type)) {
                String group = plan.byUrn(rule.propertyDependencies().get("securityGroupId").get(0)).name();
                List<String> peerGroup = rule.propertyDependencies().getOrDefault("referencedSecurityGroupId", List.of());
                String cidr = (String) rule.input("cidrIpv4");
                String peer = !peerGroup.isEmpty() ? plan.byUrn(peerGroup.get(0)).name() + " group"
                        : cidr.equals("10.0.0.0/16") ? "VPC CIDR"
                        : cidr.equals("10.200.0.0/22") ? "each of `endpointPrivateAccessCidrs`" : cidr;
                String protocol = "-1".equals(rule.input("ipProtocol")) ? "all" : (String) rule.input("ipProtocol");
                Object from = rule.input("fromPort");
                String ports = from == null ? "all" : from.equals(rule.input("toPort")) ? String.valueOf(from) : from + "-" + rule.input("toPort");
                fromPlan.add(String.join(" | ", group, type.equals(INGRESS) ? "in" : "out", peer, protocol, ports));
            }
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Every open port"), readme.indexOf("### Every `Resource: \"*\"`"));
        List<String> fromReadme = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\\|");
            if (line.startsWith("| ") && cells.length == 7 && !cells[1].trim().matches("-*|group")) {
                fromReadme.add(String.join(" | ", cells[1].trim(), cells[2].trim(), cells[3].trim(), cells[4].trim(), cells[5].trim()));
            }
        }
        assertThat(fromReadme).containsExactlyInAnyOrderElementsOf(fromPlan);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAppsAlbUsesTheAlbGroupAndTheNodesAdmitItOnTheAppsPortOnly(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource alb = plan.one("aws:ec2/securityGroup:SecurityGroup", "alb");
        PlannedResource ingress = plan.one("kubernetes:networking.k8s.io/v1:Ingress", "feature-api/feature-api");
        Map<?, ?> annotations = (Map<?, ?>) ingress.input("metadata.annotations");
        // The release's values carry the alb group's id (known after apply; the offline id in the plan), and the
        // controller is told not to open anything on the nodes itself.
        assertThat(plan.one("kubernetes:helm.sh/v3:Release", "feature-api").propertyDependencies().get("values")).contains(alb.urn());
        assertThat(annotations.get("alb.ingress.kubernetes.io/security-groups")).asString().startsWith("sg-");
        assertThat(annotations.get("alb.ingress.kubernetes.io/manage-backend-security-group-rules")).isEqualTo("false");
        assertThat(annotations.get("alb.ingress.kubernetes.io/target-type")).isEqualTo("ip");
        // The port the node group admits from the alb group is the app's container port.
        Object containerPort = plan.one("kubernetes:apps/v1:Deployment", "feature-api/feature-api").input("spec.template.spec.containers.0.ports.0.containerPort");
        assertThat(((Number) containerPort).intValue()).isEqualTo(SecurityGroups.APP_TARGET_PORT);
        assertThat(rules(plan)).filteredOn(r -> r.contains("sg:alb") || r.startsWith("alb ->"))
                .containsExactlyInAnyOrder("node <- sg:alb tcp 3000-3000", "alb -> sg:node tcp 3000-3000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void onlyTheLoadBalancerIsOpenToTheInternetAndNothingOpensSshOrRdp(String stack) {
        Plan plan = PlannedStacks.of(stack);
        assertThat(plan.ofType(INGRESS).stream().filter(r -> "0.0.0.0/0".equals(r.input("cidrIpv4"))).map(r -> describe(plan, r)))
                .containsExactlyInAnyOrder("alb <- 0.0.0.0/0 tcp 80-80", "alb <- 0.0.0.0/0 tcp 443-443");
        for (PlannedResource rule : plan.ofType(INGRESS)) {
            if (rule.input("fromPort") != null) {
                long from = (Long) rule.input("fromPort");
                long to = (Long) rule.input("toPort");
                assertThat(from <= 22 && 22 <= to).as(describe(plan, rule)).isFalse();
                assertThat(from <= 3389 && 3389 <= to).as(describe(plan, rule)).isFalse();
            } else {
                assertThat(rule.input("cidrIpv4")).as("all-protocol rules only between groups: " + describe(plan, rule)).isNull();
            }
        }
        assertThat(plan.ofType("aws:ec2/securityGroup:SecurityGroup")).allSatisfy(group -> {
            assertThat(group.inputs()).doesNotContainKeys("ingress", "egress");
            assertThat((String) group.input("description")).isNotBlank();
        });
        assertThat(plan.ofType(INGRESS)).allSatisfy(r -> assertThat((String) r.input("description")).isNotBlank());
        assertThat(plan.ofType(EGRESS)).allSatisfy(r -> assertThat((String) r.input("description")).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyKeyRotatesHasAnAliasAndAnExplicitPolicyWithoutStarPrincipal(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        List<PlannedResource> keys = plan.where(r -> r.type().equals("aws:kms/key:Key") && r.urn().contains("platform:security:Security$"));
        assertThat(keys).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("eks", "rds", "elasticache", "s3", "logs", "ebs", "secrets", "alerts", "audit");
        // Descriptions say what a key is for in the console and in CloudTrail, without reading the code.
        assertThat(plan.one("aws:kms/key:Key", "rds").input("description"))
                .isEqualTo("platform-" + stack + ": RDS storage, snapshots, Performance Insights and the master-password secret");
        for (PlannedResource key : keys) {
            assertThat(key.input("enableKeyRotation")).isEqualTo(true);
            assertThat(key.input("deletionWindowInDays")).isEqualTo(stack.equals("production") ? 30L : 7L);
            assertThat(key.protect()).isEqualTo(stack.equals("production"));
            assertThat(plan.one("aws:kms/alias:Alias", key.name()).input("name")).isEqualTo("alias/platform-" + stack + "-" + key.name());
            assertThat(key.input("description")).isEqualTo("platform-" + stack + ": " + KeyPurpose.valueOf(key.name().toUpperCase()).description());
            JsonNode policy = json(key.input("policy"));
            assertThat(policy.get("Statement")).isNotEmpty();
            for (JsonNode statement : policy.get("Statement")) {
                assertThat(statement.get("Principal").toString()).as(key.name()).doesNotContain("\"*\"");
                assertThat(statement.get("Action").toString()).doesNotContain("\"*\"").doesNotContain("kms:*");
            }
            assertThat(policy.get("Statement").get(0).get("Principal").get("AWS").asText())
                    .isEqualTo("arn:aws:iam::" + (stack.equals("production") ? "222222222222" : "111111111111") + ":root");
        }
        // Statement by statement: KeyPoliciesTest.
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyRoleIsTrustedByOneServiceOrOneServiceAccount(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        Map<String, String> podIdentity = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("vpc-cni", "kube-system/aws-node"), Map.entry("ebs-csi", "kube-system/ebs-csi-controller-sa"),
                Map.entry("load-balancer-controller", "kube-system/aws-load-balancer-controller"),
                Map.entry("cluster-autoscaler", "kube-system/cluster-autoscaler"),
                Map.entry("external-secrets", "external-secrets/external-secrets"), Map.entry("velero", "velero/velero"),
                Map.entry("feature-api", "feature-api/feature-api"), Map.entry("fluent-bit", "monitoring/fluent-bit"),
                Map.entry("alertmanager", "monitoring/alertmanager"), Map.entry("database-backup", "velero/database-backup"),
                Map.entry("external-dns", "external-dns/external-dns"),
                Map.entry("tempo", "monitoring/tempo"), Map.entry("grafana", "monitoring/grafana")));
        Map<String, String> services = new java.util.HashMap<>(Map.of("eks-cluster", "eks.amazonaws.com", "eks-node", "ec2.amazonaws.com",
                "rds-monitoring", "monitoring.rds.amazonaws.com", "flow-logs", "vpc-flow-logs.amazonaws.com"));
        if (stack.equals("staging")) {
            // The staging fixture's spot pool: Karpenter's controller and the instance role of its nodes.
            podIdentity.put("karpenter", "kube-system/karpenter");
            services.put("karpenter-node", "ec2.amazonaws.com");
        }
        List<PlannedResource> roles = plan.where(r -> r.type().equals("aws:iam/role:Role") && r.urn().contains("platform:security:Security$"));
        assertThat(roles).hasSize(podIdentity.size() + services.size());
        for (PlannedResource role : roles) {
            JsonNode statements = json(role.input("assumeRolePolicy")).get("Statement");
            assertThat(statements).hasSize(1);
            JsonNode trust = statements.get(0);
            assertThat(trust.get("Principal").size()).isEqualTo(1);
            if (role.name().equals("eks-cluster") || role.name().equals("eks-node") || role.name().equals("karpenter-node")) {
                // EKS and EC2 document these trusts without conditions and do not send aws:SourceAccount.
                assertThat(trust.has("Condition")).as(role.name() + ": " + trust).isFalse();
                assertThat(trust.get("Action").asText()).isEqualTo("sts:AssumeRole");
            } else {
                assertThat(trust.get("Condition").get("StringEquals").get("aws:SourceAccount").asText())
                        .isEqualTo(stack.equals("production") ? "222222222222" : "111111111111");
            }
            if (podIdentity.containsKey(role.name())) {
                assertThat(trust.get("Principal").get("Service").asText()).isEqualTo("pods.eks.amazonaws.com");
                JsonNode equals = trust.get("Condition").get("StringEquals");
                assertThat(equals.get("aws:RequestTag/kubernetes-namespace").asText() + "/"
                        + equals.get("aws:RequestTag/kubernetes-service-account").asText()).isEqualTo(podIdentity.get(role.name()));
                assertThat(trust.get("Condition").get("ArnEquals").get("aws:SourceArn").asText())
                        .isEqualTo("arn:aws:eks:us-east-1:" + (stack.equals("production") ? "222222222222" : "111111111111") + ":cluster/platform-" + stack);
            } else {
                assertThat(trust.get("Principal").get("Service").asText()).as(role.name()).isEqualTo(services.get(role.name()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void noInlinePolicyGrantsEverythingAndStarResourcesAreOnlyForUnscopableActions(String stack) throws Exception {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource policy : plan.ofType("aws:iam/rolePolicy:RolePolicy")) {
            for (JsonNode statement : json(policy.input("policy")).get("Statement")) {
                assertThat(statement.get("Action").toString()).as(policy.name()).doesNotContain("\"*\"").doesNotMatch(".*\"[a-z0-9-]+:\\*\".*");
            }
        }
        // The nodes do not carry the CNI policy: the VPC CNI has its own role.
        // Logical names are <role>-<policy name>: a renamed attachment would be detached and attached again on `pulumi up`.
        assertThat(plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.name().startsWith("eks-node-")).map(a -> a.name() + " " + a.input("policyArn"))).containsExactlyInAnyOrder(
                "eks-node-AmazonEKSWorkerNodePolicy arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "eks-node-AmazonEC2ContainerRegistryReadOnly arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                "eks-node-AmazonSSMManagedInstanceCore arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        String app = (String) plan.one("aws:iam/rolePolicy:RolePolicy", "feature-api").input("policy");
        assertThat(app).contains("\"arn:aws:secretsmanager:us-east-1:" + (stack.equals("production") ? "222222222222" : "111111111111")
                + ":secret:platform/" + stack + "/feature-api/*\"");
        String autoscaler = (String) plan.one("aws:iam/rolePolicy:RolePolicy", "cluster-autoscaler").input("policy");
        assertThat(autoscaler).contains("\"aws:ResourceTag/k8s.io/cluster-autoscaler/platform-" + stack + "\":\"owned\"");
        assertThat(plan.one("aws:iam/role:Role", "eks-cluster").inputs()).doesNotContainKeys("managedPolicyArns", "inlinePolicies");
    }
}
