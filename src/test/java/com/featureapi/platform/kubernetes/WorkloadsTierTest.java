package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The Kubernetes tier as {@code ./platform plan} shows it: namespaces, storage, add-ons, and the rendered app. */
class WorkloadsTierTest {

    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

    private static PlannedResource release(Plan plan, String name) {
        return plan.one(RELEASE, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void namespacesCarryPodSecurityLevels(String stack) {
        Plan plan = PlannedStacks.of(stack);
        for (PlannedResource namespace : plan.ofType(NAMESPACE)) {
            assertThat(namespace.parent()).isEqualTo(plan.one(Workloads.TYPE, "kubernetes").urn());
            assertThat(namespace.input("metadata.labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .contains(entry("pod-security.kubernetes.io/audit", "restricted"), entry("pod-security.kubernetes.io/warn", "restricted"));
        }
        assertThat(plan.ofType(NAMESPACE)).extracting(n -> n.input("metadata.name"))
                .containsExactlyInAnyOrder("feature-api", "external-secrets", Workloads.MONITORING_NAMESPACE, Workloads.BACKUPS_NAMESPACE, "external-dns");
        assertThat(plan.ofType(NAMESPACE)).allSatisfy(n -> assertThat(n.provider())
                .startsWith(plan.one("pulumi:providers:kubernetes", "kubernetes").urn() + "::"));
        Map<String, Object> levels = new java.util.TreeMap<>();
        plan.ofType(NAMESPACE).forEach(n -> levels.put(String.valueOf(n.input("metadata.name")),
                ((Map<?, ?>) n.input("metadata.labels")).get("pod-security.kubernetes.io/enforce")));
        assertThat(levels).containsExactly(entry("external-dns", "restricted"), entry("external-secrets", "restricted"), entry("feature-api", "restricted"),
                entry("monitoring", "privileged"), entry("velero", "baseline"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void defaultStorageClassIsGp3EncryptedWithTheEbsKey(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource gp3 = plan.one("kubernetes:storage.k8s.io/v1:StorageClass", "gp3");
        assertThat(gp3.input("metadata.annotations")).isEqualTo(Map.of("storageclass.kubernetes.io/is-default-class", "true"));
        assertThat(gp3.input("provisioner")).isEqualTo("ebs.csi.aws.com");
        assertThat(gp3.input("parameters.type")).isEqualTo("gp3");
        assertThat(gp3.input("parameters.encrypted")).isEqualTo("true");
        assertThat(gp3.input("parameters.kmsKeyId")).asString().startsWith("arn:aws:kms:us-east-1:");
        assertThat(gp3.propertyDependencies().get("parameters")).containsExactly(PlannedStacks.keyUrn(plan, "ebs"));
        assertThat(gp3.input("volumeBindingMode")).isEqualTo("WaitForFirstConsumer");
        assertThat(gp3.input("reclaimPolicy")).isEqualTo(stack.equals("production") ? "Retain" : "Delete");
        // No patch of EKS's gp2 class: not default on clusters created on 1.30+, and a patch of an absent class fails.
        assertThat(plan.ofType("kubernetes:storage.k8s.io/v1:StorageClassPatch")).isEmpty();
    }

    @Test
    void addOnReleasesArePinnedWithTheirKeyValues() {
        Plan plan = PlannedStacks.of("staging");
        String vpcId = String.valueOf(plan.outputs().get("vpcId"));
        PlannedResource lbc = release(plan, "aws-load-balancer-controller");
        assertThat(lbc.input("chart")).isEqualTo("aws-load-balancer-controller");
        assertThat(lbc.input("version")).isEqualTo("3.5.0");
        assertThat(lbc.input("repositoryOpts.repo")).isEqualTo("https://aws.github.io/eks-charts");
        assertThat(lbc.input("namespace")).isEqualTo("kube-system");
        assertThat(lbc.input("values.clusterName")).isEqualTo("platform-staging");
        assertThat(lbc.input("values.region")).isEqualTo("us-east-1");
        assertThat(lbc.input("values.vpcId")).isEqualTo(vpcId);
        assertThat(lbc.input("values.serviceAccount")).isEqualTo(Map.of("create", true, "name", "aws-load-balancer-controller"));

        PlannedResource autoscaler = release(plan, "cluster-autoscaler");
        assertThat(autoscaler.input("version")).isEqualTo("9.59.0");
        assertThat(autoscaler.input("repositoryOpts.repo")).isEqualTo("https://kubernetes.github.io/autoscaler");
        assertThat(autoscaler.input("values.autoDiscovery.clusterName")).isEqualTo("platform-staging");
        assertThat(autoscaler.input("values.awsRegion")).isEqualTo("us-east-1");
        // The image's minor is the cluster's minor (1.35).
        assertThat(autoscaler.input("values.image.tag")).isEqualTo("v1.35.2");
        assertThat(autoscaler.input("values.rbac.serviceAccount.name")).isEqualTo("cluster-autoscaler");

        PlannedResource externalSecrets = release(plan, "external-secrets");
        assertThat(externalSecrets.input("version")).isEqualTo("2.9.0");
        assertThat(externalSecrets.input("namespace")).isEqualTo("external-secrets");
        assertThat(externalSecrets.input("values.installCRDs")).isEqualTo(true);
        assertThat(externalSecrets.input("values.serviceAccount.name")).isEqualTo("external-secrets");

        PlannedResource metricsServer = release(plan, "metrics-server");
        assertThat(metricsServer.input("version")).isEqualTo("3.13.1");
        assertThat(metricsServer.input("repositoryOpts.repo")).isEqualTo("https://kubernetes-sigs.github.io/metrics-server");
        assertThat(metricsServer.input("namespace")).isEqualTo("kube-system");

        for (PlannedResource remote : List.of(lbc, autoscaler, externalSecrets, metricsServer)) {
            assertThat(remote.chartRendered()).as(remote.name()).isFalse();
            assertThat(remote.chartRenderedReason()).as(remote.name()).endsWith("not rendered (the plan cannot fetch charts)");
            assertThat(plan.where(r -> r.parent().equals(remote.urn()))).as(remote.name()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyAddOnRunsAsTheServiceAccountItsPodIdentityAssociationNames(String stack) {
        Plan plan = PlannedStacks.of(stack);
        Map<String, String> serviceAccountPaths = Map.of(
                "aws-load-balancer-controller", "values.serviceAccount.name",
                "cluster-autoscaler", "values.rbac.serviceAccount.name",
                "external-secrets", "values.serviceAccount.name",
                "feature-api", "values.serviceAccount.name");
        Map<String, String> roles = Map.of("aws-load-balancer-controller", "load-balancer-controller",
                "cluster-autoscaler", "cluster-autoscaler", "external-secrets", "external-secrets", "feature-api", "feature-api");
        serviceAccountPaths.forEach((releaseName, path) -> {
            PlannedResource release = release(plan, releaseName);
            PlannedResource association = plan.one(ASSOCIATION, roles.get(releaseName));
            assertThat(release.input("namespace")).as(releaseName).isEqualTo(association.input("namespace"));
            assertThat(release.input(path)).as(releaseName).isEqualTo(association.input("serviceAccount"));
        });
    }

    @Test
    void theSecretStoreReadsSecretsManagerOfTheStacksRegionAfterItsController() {
        Plan plan = PlannedStacks.of("staging");
        PlannedResource store = plan.one("kubernetes:external-secrets.io/v1:ClusterSecretStore", Workloads.SECRET_STORE);
        assertThat(store.input("spec.provider.aws")).isEqualTo(Map.of("service", "SecretsManager", "region", "us-east-1"));
        assertThat(store.dependencies()).contains(release(plan, "external-secrets").urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void featureApiReleaseTakesItsValuesFromConfigAndTheDataTier(String stack) {
        Plan plan = PlannedStacks.of(stack);
        PlannedResource app = release(plan, "feature-api");
        assertThat(app.input("chart")).isEqualTo("./charts/feature-api");
        assertThat(app.input("repositoryOpts")).isNull();
        assertThat(app.input("values.image")).isEqualTo(Map.of("repository", "ghcr.io/example/feature-api", "tag", "1.0.0", "pullPolicy", "IfNotPresent"));
        assertThat(app.input("values.autoscaling.minReplicas")).isEqualTo(stack.equals("production") ? 3L : 2L);
        assertThat(app.input("values.autoscaling.maxReplicas")).isEqualTo(stack.equals("production") ? 10L : 6L);
        assertThat(app.input("values.ingress.hostname")).isEqualTo(stack.equals("production") ? "api.example.com" : "api.staging.example.com");
        assertThat(app.input("values.ingress.internetFacing")).isEqualTo(stack.equals("production"));
        assertThat(app.input("values.ingress.accessLogBucket")).isEqualTo(plan.one("aws:s3/bucketV2:BucketV2", "access-logs").input("bucket"));
        assertThat(app.input("values.migrations.databaseHost")).isEqualTo(plan.outputs().get("databaseAddress"));
        assertThat(app.input("values.migrations.masterSecretArn")).asString().startsWith("arn:aws:secretsmanager:us-east-1:").contains(":secret:rds!db-");
        assertThat(app.input("values.externalSecrets.databaseSecret")).isEqualTo("platform/" + stack + "/feature-api/database");
        assertThat(app.dependencies()).contains(release(plan, "aws-load-balancer-controller").urn(), release(plan, "external-secrets").urn(),
                plan.one("kubernetes:external-secrets.io/v1:ClusterSecretStore", Workloads.SECRET_STORE).urn());
        assertThat(app.chartRendered()).isTrue();
    }

    @Test
    void theRenderedObjectsAreChildrenOfTheReleaseInPlanJson() throws Exception {
        Plan plan = PlannedStacks.of("staging");
        JsonNode json = new ObjectMapper().readTree(PlanWriter.toJson(plan));
        String releaseUrn = release(plan, "feature-api").urn();
        List<JsonNode> rendered = new java.util.ArrayList<>();
        json.get("resources").forEach(r -> {
            if (r.get("rendered").asBoolean()) {
                rendered.add(r);
            }
        });
        assertThat(rendered).extracting(r -> r.get("type").asText() + " " + r.get("name").asText()).containsExactlyInAnyOrder(
                "kubernetes:apps/v1:Deployment feature-api/feature-api",
                "kubernetes:core/v1:Service feature-api/feature-api",
                "kubernetes:core/v1:ServiceAccount feature-api/feature-api",
                "kubernetes:autoscaling/v2:HorizontalPodAutoscaler feature-api/feature-api",
                "kubernetes:policy/v1:PodDisruptionBudget feature-api/feature-api",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy feature-api/feature-api",
                "kubernetes:networking.k8s.io/v1:Ingress feature-api/feature-api",
                "kubernetes:external-secrets.io/v1:ExternalSecret feature-api/feature-api-database",
                "kubernetes:external-secrets.io/v1:ExternalSecret feature-api/feature-api-app-secrets",
                "kubernetes:external-secrets.io/v1:ExternalSecret feature-api/feature-api-cache",
                "kubernetes:external-secrets.io/v1:ExternalSecret feature-api/feature-api-db-master",
                "kubernetes:core/v1:ConfigMap feature-api/feature-api-migrations",
                "kubernetes:batch/v1:Job feature-api/feature-api-migrations");
        for (JsonNode object : rendered) {
            assertThat(object.get("parent").asText()).isEqualTo(releaseUrn);
            assertThat(object.get("custom").asBoolean()).isTrue();
            assertThat(object.get("provider").asText()).isEmpty();
            assertThat(object.get("urn").asText()).isEqualTo(releaseUrn.replace("::feature-api", "")
                    + "$" + object.get("type").asText() + "::" + object.get("name").asText());
            assertThat(object.get("inputs").get("kind").asText()).isEqualTo(object.get("type").asText().substring(object.get("type").asText().lastIndexOf(':') + 1));
            assertThat(object.has("chartRendered")).isFalse();
        }
        JsonNode releaseEntry = null;
        for (JsonNode r : json.get("resources")) {
            if (r.get("urn").asText().equals(releaseUrn)) {
                releaseEntry = r;
            }
        }
        assertThat(releaseEntry).isNotNull();
        assertThat(releaseEntry.get("rendered").asBoolean()).isFalse();
        assertThat(releaseEntry.get("chartRendered").asBoolean()).isTrue();
        assertThat(releaseEntry.get("chartRenderedReason").asText()).isEqualTo("local chart ./charts/feature-api rendered with helm-java: 13 objects");
        // component, 5 namespaces, gp3, secret store, the app secrets' generator and push, 6 releases (external-dns among
        // them), 13 rendered objects (no gp2 patch), and the namespaces' NetworkPolicies: 3 in feature-api, 5 in
        // external-secrets, 4 in external-dns, 11 in monitoring (the tracing tier's three among them), 4 in velero; and the
        // staging fixture's spot pool: the karpenter release, its EC2NodeClass and NodePool (3).
        assertThat(json.get("summary").get("byTier").get("kubernetes").asInt()).isEqualTo(1 + 5 + 1 + 1 + 2 + 6 + 13 + 3 + 5 + 4 + 11 + 4 + 3);
    }

    @Test
    void externalSecretsMayReadTheMasterSecretOfThisStacksDatabaseOnlyForTheMigrationHook() throws Exception {
        Plan plan = PlannedStacks.of("production");
        JsonNode policy = new ObjectMapper().readTree(String.valueOf(plan.one("aws:iam/rolePolicy:RolePolicy", "external-secrets").input("policy")));
        JsonNode master = null;
        JsonNode decrypt = null;
        for (JsonNode statement : policy.get("Statement")) {
            if (statement.get("Sid").asText().equals("ReadThisDatabasesMasterSecret")) {
                master = statement;
            } else if (statement.get("Sid").asText().equals("DecryptTheMasterSecretThroughSecretsManager")) {
                decrypt = statement;
            }
        }
        assertThat(master).isNotNull();
        assertThat(master.get("Resource").asText()).isEqualTo("arn:aws:secretsmanager:us-east-1:222222222222:secret:rds!db-*");
        assertThat(master.get("Condition").get("StringEquals").get("secretsmanager:ResourceTag/aws:rds:primaryDBInstanceArn").asText())
                .isEqualTo("arn:aws:rds:us-east-1:222222222222:db:" + plan.one("aws:rds/instance:Instance", "postgres").input("identifier"));
        assertThat(decrypt).isNotNull();
        assertThat(decrypt.get("Resource").asText()).startsWith("arn:aws:kms:us-east-1:222222222222:key/");
        assertThat(plan.one("aws:iam/rolePolicy:RolePolicy", "external-secrets").propertyDependencies().get("policy"))
                .contains(PlannedStacks.keyUrn(plan, "rds"));
        assertThat(decrypt.get("Condition").get("StringEquals").get("kms:ViaService").asText()).isEqualTo("secretsmanager.us-east-1.amazonaws.com");
    }

    @Test
    void theControlPlaneReachesEveryAddOnWebhookOnTheNodes() {
        Plan plan = PlannedStacks.of("staging");
        String nodeGroup = plan.one("aws:ec2/securityGroup:SecurityGroup", "node").urn();
        String clusterGroup = plan.one("aws:ec2/securityGroup:SecurityGroup", "cluster").urn();
        List<Long> open = plan.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(rule -> rule.propertyDependencies().getOrDefault("securityGroupId", List.of()).contains(nodeGroup)
                        && rule.propertyDependencies().getOrDefault("referencedSecurityGroupId", List.of()).contains(clusterGroup))
                .map(rule -> (Long) rule.input("fromPort")).toList();
        assertThat(Charts.AWS_LOAD_BALANCER_CONTROLLER.webhookPort()).contains(9443);
        for (Charts chart : Charts.values()) {
            chart.webhookPort().ifPresent(port -> assertThat(open).as(chart.chart()).contains(port.longValue()));
        }
    }
}
