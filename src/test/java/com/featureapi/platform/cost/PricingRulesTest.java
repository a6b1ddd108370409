package com.featureapi.platform.cost;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pricing rules on crafted plans, each against a figure computed by hand (730 hours a month). */
class PricingRulesTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);

    private static CostEstimate estimate(CraftedPlan plan) {
        return CostEstimator.estimate(plan.build(), UsageFile.empty(), AS_OF);
    }

    private static CostEstimate estimate(CraftedPlan plan, String usageYaml) {
        return CostEstimator.estimate(plan.build(), UsageFile.parse(usageYaml, "cost-usage.test.yaml"), AS_OF);
    }

    private static String cents(BigDecimal usd) {
        return CostEstimate.cents(usd).toPlainString();
    }

    private static List<CostLine> lines(CostEstimate estimate, String name) {
        return estimate.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().lines();
    }

    @Nested
    class Eks {
        private CraftedPlan cluster(String version, String supportType) {
            return CraftedPlan.of("t").add("cluster", "aws:eks/cluster:Cluster", "cluster",
                    Map.of("version", version, "upgradePolicy", Map.of("supportType", supportType)));
        }

        @Test
        void versionPastStandardSupportWithExtendedPolicyIsBilledAtTheExtendedRate() {
            // 1.32 left standard support on 2026-03-23: 0.60 x 730 = 438.00
            CostEstimate e = estimate(cluster("1.32", "EXTENDED"));
            assertThat(cents(e.fixedUsd())).isEqualTo("438.00");
            assertThat(lines(e, "cluster").get(0).label()).isEqualTo("EKS control plane (extended support)");
        }

        @Test
        void standardUpgradePolicyIsNeverBilledExtended() {
            // 0.10 x 730 = 73.00
            assertThat(cents(estimate(cluster("1.32", "STANDARD")).fixedUsd())).isEqualTo("73.00");
        }

        @Test
        void versionWithoutKnownSupportWindowIsUnpricedNotZero() {
            CostEstimate e = estimate(cluster("1.29", "EXTENDED"));
            assertThat(e.unpricedLines()).isEqualTo(1);
            assertThat(lines(e, "cluster").get(0).monthlyUsd()).isNull();
            assertThat(lines(e, "cluster").get(0).note()).startsWith("Kubernetes 1.29 is not in the support windows");
        }
    }

    @Nested
    class MissingPrices {
        @Test
        void anInstanceTypeMissingFromTheCatalogIsUnpricedAndCounted() {
            CostEstimate e = estimate(CraftedPlan.of("t").add("cluster", "aws:eks/nodeGroup:NodeGroup", "odd",
                    Map.of("instanceTypes", List.of("m5.mystery"), "scalingConfig", Map.of("desiredSize", 2, "minSize", 1, "maxSize", 3))));
            CostLine nodes = lines(e, "odd").get(0);
            assertThat(nodes.kind()).isEqualTo(LineKind.UNPRICED);
            assertThat(nodes.monthlyUsd()).isNull();
            assertThat(nodes.note()).isEqualTo("no price for ec2.m5.mystery in the us-east-1 catalog");
            assertThat(CostReport.amount(nodes)).isEqualTo("unpriced");
            // the root volumes (EKS default 20 GB gp2 without a template: 2 x 20 x 0.10 = 4.00) are still priced
            assertThat(cents(e.fixedUsd())).isEqualTo("4.00");
            assertThat(e.unpricedTypes()).containsExactly("aws:eks/nodeGroup:NodeGroup");
        }

        @Test
        void aRegionWithoutCatalogPricesNothingAndSaysWhy() {
            CostEstimate e = estimate(CraftedPlan.of("t", "eu-north-1").add("network", "aws:ec2/natGateway:NatGateway", "nat", Map.of()));
            assertThat(e.lines()).allSatisfy(l -> {
                assertThat(l.kind()).isEqualTo(LineKind.UNPRICED);
                assertThat(l.note()).isEqualTo("no price catalog for region eu-north-1");
            });
            assertThat(e.fixedUsd()).isEqualByComparingTo("0");
            assertThat(e.unpricedLines()).isEqualTo(2);
        }

        @Test
        void anUnknownResourceTypeIsUnpricedNeverFree() {
            CostEstimate e = estimate(CraftedPlan.of("t").add("data", "aws:dynamodb/table:Table", "t", Map.of()));
            assertThat(lines(e, "t")).singleElement().satisfies(l -> {
                assertThat(l.kind()).isEqualTo(LineKind.UNPRICED);
                assertThat(l.note()).isEqualTo("no pricing rule for this resource type");
            });
        }
    }

    @Nested
    class Usage {
        private final CraftedPlan nat = CraftedPlan.of("t").add("network", "aws:ec2/natGateway:NatGateway", "nat", Map.of());

        @Test
        void aValueFromTheUsageFilePricesTheLine() {
            // 1000 GB x 0.045 = 45.00 usage-based, on top of 32.85 fixed
            CostEstimate e = estimate(nat, "resources:\n  aws:ec2/natGateway:NatGateway::nat:\n    monthlyProcessedGb: 1000\n");
            assertThat(cents(e.usageUsd())).isEqualTo("45.00");
            assertThat(cents(e.fixedUsd())).isEqualTo("32.85");
            assertThat(cents(e.totalUsd())).isEqualTo("77.85");
        }

        @Test
        void aTypeDefaultAppliesWhereTheResourceHasNoValue() {
            CostEstimate e = estimate(nat, "defaults:\n  aws:ec2/natGateway:NatGateway:\n    monthlyProcessedGb: 100\n");
            assertThat(cents(e.usageUsd())).isEqualTo("4.50");
        }

        @Test
        void aResourcesOwnValueWinsOverItsTypesDefault() {
            CraftedPlan two = CraftedPlan.of("t").add("network", "aws:ec2/natGateway:NatGateway", "nat-a", Map.of())
                    .add("network", "aws:ec2/natGateway:NatGateway", "nat-b", Map.of());
            // nat-a its own 1000 GB ($45.00), nat-b the default 100 GB ($4.50).
            CostEstimate e = estimate(two, "defaults:\n  aws:ec2/natGateway:NatGateway:\n    monthlyProcessedGb: 100\n"
                    + "resources:\n  aws:ec2/natGateway:NatGateway::nat-a:\n    monthlyProcessedGb: 1000\n");
            assertThat(lines(e, "nat-a").get(1).note()).isEqualTo("monthlyProcessedGb = 1000");
            assertThat(cents(lines(e, "nat-a").get(1).monthlyUsd())).isEqualTo("45.00");
            assertThat(cents(lines(e, "nat-b").get(1).monthlyUsd())).isEqualTo("4.50");
            assertThat(cents(e.usageUsd())).isEqualTo("49.50");
        }

        @Test
        void anEmptyValueShowsTheUnitPrice() {
            CostEstimate e = estimate(nat, "resources:\n  aws:ec2/natGateway:NatGateway::nat:\n    monthlyProcessedGb:\n");
            CostLine processed = lines(e, "nat").get(1);
            assertThat(processed.monthlyUsd()).isNull();
            assertThat(CostReport.amount(processed)).isEqualTo("$0.045 per GB processed");
            assertThat(e.usageLinesWithoutValue()).isEqualTo(1);
        }

        @Test
        void requestsArePricedPerThousandAndTenThousand() {
            // 2,000,000 PUT / 1000 x 0.005 = 10.00; KMS 1,000,000 requests / 10,000 x 0.03 = 3.00
            CostEstimate e = estimate(CraftedPlan.of("t").add("data", "aws:s3/bucketV2:BucketV2", "b", Map.of())
                            .add("security", "aws:kms/key:Key", "k", Map.of()),
                    "resources:\n  aws:s3/bucketV2:BucketV2::b:\n    monthlyPutRequests: 2000000\n  aws:kms/key:Key::k:\n    monthlyRequests: 1000000\n");
            assertThat(cents(e.usageUsd())).isEqualTo("13.00");
        }

        @Test
        void rdsBackupStorageIsBilledBeyondTheProvisionedSize() {
            // 250 GB of backups, 100 GB free (the provisioned size): 150 x 0.095 = 14.25
            CostEstimate e = estimate(CraftedPlan.of("t").add("data", "aws:rds/instance:Instance", "db",
                            Map.of("instanceClass", "db.t3.large", "multiAz", false, "allocatedStorage", 100, "storageType", "gp3")),
                    "resources:\n  aws:rds/instance:Instance::db:\n    backupStorageGb: 250\n");
            assertThat(cents(e.usageUsd())).isEqualTo("14.25");
            // single-AZ db.t3.large: 0.145 x 730 = 105.85; 100 GB x 0.115 = 11.50
            assertThat(cents(e.fixedUsd())).isEqualTo("117.35");
        }

        @Test
        void unknownKeysAndTypesAreErrorsNamingWhatIsAccepted() {
            assertThatThrownBy(() -> UsageFile.parse("resources:\n  aws:ec2/natGateway:NatGateway::nat:\n    processedGb: 10\n"
                    + "defaults:\n  aws:ec2/subnet:Subnet:\n    gb: 1\n", "cost-usage.staging.yaml"))
                    .isInstanceOf(UsageFile.InvalidUsageException.class)
                    .hasMessage("invalid usage file cost-usage.staging.yaml (2 problems):\n"
                            + "  - defaults.aws:ec2/subnet:Subnet: resources of type aws:ec2/subnet:Subnet take no usage values\n"
                            + "  - resources.aws:ec2/natGateway:NatGateway::nat.processedGb: unknown usage key; aws:ec2/natGateway:NatGateway takes monthlyProcessedGb");
        }
    }

    @Nested
    class Kubernetes {
        private static Map<String, Object> ingress(String group) {
            return Map.of("apiVersion", "networking.k8s.io/v1", "kind", "Ingress",
                    "metadata", Map.of("name", "web", "annotations", Map.of("alb.ingress.kubernetes.io/scheme", "internet-facing",
                            "alb.ingress.kubernetes.io/group.name", group)),
                    "spec", Map.of("ingressClassName", "alb"));
        }

        @Test
        void oneAlbPerIngressGroupWithAPublicAddressPerAz() {
            // ALB 0.0225 x 730 = 16.425 -> 16.43 (rounded once, at the total); 3 AZs x 0.005 x 730 = 10.95; second Ingress of the group shares it
            CostEstimate e = estimate(CraftedPlan.of("t")
                    .add("kubernetes", "kubernetes:networking.k8s.io/v1:Ingress", "api", ingress("public"))
                    .add("kubernetes", "kubernetes:networking.k8s.io/v1:Ingress", "web", ingress("public")));
            assertThat(cents(e.fixedUsd())).isEqualTo("27.38");
            assertThat(lines(e, "web")).singleElement().satisfies(l -> assertThat(l.kind()).isEqualTo(LineKind.FREE));
            assertThat(CostReport.amount(lines(e, "api").get(1))).isEqualTo("$0.008 per LCU-hour");
        }

        @Test
        void lcusFromUsageAreLcuHours() {
            // 2 LCU x 730 h x 0.008 = 11.68
            CostEstimate e = estimate(CraftedPlan.of("t").add("kubernetes", "kubernetes:networking.k8s.io/v1:Ingress", "api", ingress("public")),
                    "resources:\n  kubernetes:networking.k8s.io/v1:Ingress::api:\n    averageLcus: 2\n");
            assertThat(cents(e.usageUsd())).isEqualTo("11.68");
        }

        @Test
        void persistentVolumesAreGp3GigabyteMonths() {
            // PVC 50Gi x 0.08 = 4.00; StatefulSet 2 replicas x 10Gi x 0.08 = 1.60
            CostEstimate e = estimate(CraftedPlan.of("t")
                    .add("observability", "kubernetes:core/v1:PersistentVolumeClaim", "data",
                            Map.of("spec", Map.of("resources", Map.of("requests", Map.of("storage", "50Gi")))))
                    .add("observability", "kubernetes:apps/v1:StatefulSet", "loki", Map.of("spec", Map.of("replicas", 2,
                            "volumeClaimTemplates", List.of(Map.of("spec", Map.of("resources", Map.of("requests", Map.of("storage", "10Gi")))))))));
            assertThat(cents(e.fixedUsd())).isEqualTo("5.60");
        }

        @Test
        void anUnrenderedReleaseIsPricedFromTheVolumesInItsValues() {
            // kube-prometheus-stack: Prometheus 50Gi x 1 replica + Alertmanager 2 x 10Gi + Grafana persistence 10Gi = 80 GB x 0.08 = 6.40
            Map<String, Object> values = Map.of(
                    "prometheus", Map.of("prometheusSpec", Map.of("storageSpec", Map.of("volumeClaimTemplate",
                            Map.of("spec", Map.of("resources", Map.of("requests", Map.of("storage", "50Gi"))))))),
                    "alertmanager", Map.of("alertmanagerSpec", Map.of("replicas", 2, "storage", Map.of("volumeClaimTemplate",
                            Map.of("spec", Map.of("resources", Map.of("requests", Map.of("storage", "10Gi"))))))),
                    "grafana", Map.of("persistence", Map.of("enabled", true, "size", "10Gi")));
            CostEstimate e = estimate(CraftedPlan.of("t").add("observability", "kubernetes:helm.sh/v3:Release", "kube-prometheus-stack",
                    Map.of("chart", "kube-prometheus-stack", "values", values)));
            assertThat(cents(e.fixedUsd())).isEqualTo("6.40");
            assertThat(lines(e, "kube-prometheus-stack")).hasSize(3);
        }

        @Test
        void storageQuantitiesAreReadAsKubernetesWritesThem() {
            assertThat(PricingRules.quantityGb("50Gi")).isEqualByComparingTo("50");
            assertThat(PricingRules.quantityGb("1Ti")).isEqualByComparingTo("1024");
            assertThat(PricingRules.quantityGb("512Mi")).isEqualByComparingTo("0.5");
            assertThat(PricingRules.quantityGb("lots")).isNull();
        }
    }

    @Nested
    class Trail {
        @Test
        void theFirstCopyOfManagementEventsIsFreeAFurtherCopyIsUsageAndDataEventsAreUnpriced() {
            CostEstimate plain = estimate(CraftedPlan.of("t").add("observability", "aws:cloudtrail/trail:Trail", "audit", Map.of("isMultiRegionTrail", true)));
            assertThat(plain.fixedUsd()).isEqualByComparingTo("0");
            assertThat(plain.unpricedLines()).isZero();
            assertThat(CostReport.amount(lines(plain, "audit").get(1))).isEqualTo("$2 per 100k management events (copies beyond the first)");
            // 3,000,000 events in a second copy: 30 x 2.00 = 60.00
            CostEstimate copy = estimate(CraftedPlan.of("t").add("observability", "aws:cloudtrail/trail:Trail", "audit", Map.of()),
                    "resources:\n  aws:cloudtrail/trail:Trail::audit:\n    monthlyAdditionalCopyEvents: 3000000\n");
            assertThat(cents(copy.usageUsd())).isEqualTo("60.00");
            CostEstimate data = estimate(CraftedPlan.of("t").add("observability", "aws:cloudtrail/trail:Trail", "audit",
                    Map.of("advancedEventSelectors", List.of(Map.of("name", "s3 data")))));
            assertThat(data.unpricedLines()).isEqualTo(1);
        }
    }

    @Nested
    class Cache {
        private CostEstimate group(Map<String, Object> inputs) {
            Map<String, Object> all = new java.util.TreeMap<>(inputs);
            all.put("nodeType", "cache.r5.large");
            return estimate(CraftedPlan.of("t").add("data", "aws:elasticache/replicationGroup:ReplicationGroup", "redis", all));
        }

        @Test
        void clusterModeCountsEveryShardsPrimaryAndReplicas() {
            // 2 shards x (1 primary + 1 replica) = 4 nodes x $0.216/h x 730 h = $630.72.
            CostEstimate e = group(Map.of("numNodeGroups", 2, "replicasPerNodeGroup", 1));
            assertThat(lines(e, "redis").get(0).label()).isEqualTo("4 x cache.r5.large");
            assertThat(cents(e.fixedUsd())).isEqualTo("630.72");
            // Neither given: one shard, its primary alone ($157.68).
            assertThat(cents(group(Map.of()).fixedUsd())).isEqualTo("157.68");
            // numCacheClusters counts the nodes itself: 3 x $157.68 = $473.04.
            assertThat(cents(group(Map.of("numCacheClusters", 3)).fixedUsd())).isEqualTo("473.04");
        }
    }

    @Nested
    class Budget {
        @Test
        void aStackAboveItsBudgetIsReportedAndEnforcedOnlyWhenAsked() {
            CraftedPlan plan = CraftedPlan.of("t").config("platform:cost", "{\"monthlyBudgetUsd\":30,\"enforceBudget\":true}")
                    .add("network", "aws:ec2/natGateway:NatGateway", "nat", Map.of());
            CostEstimate e = estimate(plan);
            assertThat(e.overBudget()).isTrue();
            assertThat(e.enforceBudget()).isTrue();
            assertThat(CostReport.summary(e)).contains("budget: $30.00 a month (platform:cost.monthlyBudgetUsd): OVER by $2.85 (enforced)");
        }

        @Test
        void aStackExactlyAtItsBudgetIsWithinItAndACentLessIsOver() {
            // One NAT gateway: 0.045 x 730 = $32.85 a month.
            CostEstimate exactly = estimate(CraftedPlan.of("t").config("platform:cost", "{\"monthlyBudgetUsd\":32.85,\"enforceBudget\":true}")
                    .add("network", "aws:ec2/natGateway:NatGateway", "nat", Map.of()));
            assertThat(exactly.overBudget()).isFalse();
            assertThat(exactly.budgetVerdict()).isEqualTo("within");
            assertThat(CostReport.summary(exactly)).contains("budget: $32.85 a month (platform:cost.monthlyBudgetUsd): within, $0.00 left");
            CostEstimate centLess = estimate(CraftedPlan.of("t").config("platform:cost", "{\"monthlyBudgetUsd\":32.84,\"enforceBudget\":true}")
                    .add("network", "aws:ec2/natGateway:NatGateway", "nat", Map.of()));
            assertThat(centLess.budgetVerdict()).isEqualTo("over");
            assertThat(CostReport.summary(centLess)).contains("OVER by $0.01 (enforced)");
        }
    }
}
