package com.featureapi.platform.cost;

import com.featureapi.platform.cost.Recommendation.Kind;
import com.featureapi.platform.cost.Recommendation.Risk;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code cost --recommend}: every kind of recommendation, its figure recomputed here by hand from the catalog's unit
 * prices (730 hours a month), its config key and risk; a missing price gives an unknown figure, never $0.
 */
class RecommenderTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    private static final List<Recommendation> PRODUCTION = Recommender.recommend(PlannedStacks.of("production"), UsageFile.empty(), AS_OF);

    private static Recommendation one(List<Recommendation> all, Kind kind, String resource) {
        List<Recommendation> found = all.stream().filter(r -> r.kind() == kind && r.resource().equals(resource)).toList();
        assertThat(found).as(kind + " of " + resource + " in " + all).hasSize(1);
        return found.get(0);
    }

    private static String cents(BigDecimal usd) {
        return CostEstimate.cents(usd).toPlainString();
    }

    @Test
    void gravitonNodeGroupM5XlargeToM6gXlarge() {
        Recommendation r = one(PRODUCTION, Kind.GRAVITON, "aws:eks/nodeGroup:NodeGroup::app-nodes");
        // 3 nodes x 730 h x (0.192 - 0.154) = 83.22; m7g.xlarge (0.1632) is dearer than m6g.xlarge, so m6g
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("83.22");
        assertThat(cents(r.currentUsd().orElseThrow())).isEqualTo("420.48");
        assertThat(cents(r.proposedUsd().orElseThrow())).isEqualTo("337.26");
        assertThat(r.action()).isEqualTo("m5.xlarge -> m6g.xlarge");
        assertThat(r.configKey()).isEqualTo("platform:cluster.nodeGroups[0].instanceTypes");
        assertThat(r.risk()).isEqualTo(Risk.MEDIUM);
        assertThat(r.riskNote()).contains("arm64 build");
        assertThat(r.basis()).startsWith("3 nodes x 730 h x ($0.192 m5.xlarge - $0.154 m6g.xlarge) per hour; aws/karpenter-provider-aws");
    }

    @Test
    void gravitonDatabaseR5XlargeMultiAzToR6g() {
        Recommendation r = one(PRODUCTION, Kind.GRAVITON, "aws:rds/instance:Instance::postgres");
        // Multi-AZ: 730 h x (2 x 0.50 - 2 x 0.45) = 73.00; db.r7g is not priced, so not offered
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("73.00");
        assertThat(r.action()).isEqualTo("db.r5.xlarge -> db.r6g.xlarge");
        assertThat(r.configKey()).isEqualTo("platform:database.instanceClass");
        assertThat(r.basis()).contains("db.r7g.xlarge not in the catalog");
    }

    @Test
    void gravitonCacheR5LargeToR6gLarge() {
        Recommendation r = one(PRODUCTION, Kind.GRAVITON, "aws:elasticache/replicationGroup:ReplicationGroup::redis");
        // 3 nodes x 730 h x (0.216 - 0.206) = 21.90
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("21.90");
        assertThat(r.action()).isEqualTo("cache.r5.large -> cache.r6g.large");
        assertThat(r.configKey()).isEqualTo("platform:cache.nodeType");
        assertThat(r.risk()).isEqualTo(Risk.LOW);
    }

    @Test
    void reservedCacheNodesAtTheOneYearNoUpfrontRate() {
        Recommendation r = one(PRODUCTION, Kind.RESERVED, "aws:elasticache/replicationGroup:ReplicationGroup::redis");
        // 3 nodes x 730 h x (0.216 on demand - 0.147 reserved, ec2instances.info 2022-02-13) = 151.11
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("151.11");
        assertThat(cents(r.proposedUsd().orElseThrow())).isEqualTo("321.93");
        assertThat(r.configKey()).startsWith("none: a purchase");
        assertThat(r.basis()).contains("3e75a5dddbf4674d74ebeb06f46e4543c3a08b92").contains("2022-02-13");
    }

    @Test
    void reservedDatabaseAndNodesAreUnknownNeverZero() {
        Recommendation db = one(PRODUCTION, Kind.RESERVED, "aws:rds/instance:Instance::postgres");
        assertThat(db.savingsUsd()).isEmpty();
        assertThat(cents(db.currentUsd().orElseThrow())).isEqualTo("730.00");
        assertThat(db.basis()).startsWith("unknown: ").contains("Aurora only");
        Recommendation nodes = one(PRODUCTION, Kind.RESERVED, "aws:eks/nodeGroup:NodeGroup::app-nodes");
        assertThat(nodes.savingsUsd()).isEmpty();
        assertThat(RecommendationReport.figure(nodes.savingsUsd())).isEqualTo("unknown");
    }

    @Test
    void largestKnownSavingFirstUnknownLast() {
        assertThat(PRODUCTION.get(0).kind()).isEqualTo(Kind.RESERVED);
        assertThat(PRODUCTION.get(0).resource()).endsWith("::redis");
        int firstUnknown = PRODUCTION.indexOf(PRODUCTION.stream().filter(r -> r.savingsUsd().isEmpty()).findFirst().orElseThrow());
        assertThat(PRODUCTION.subList(firstUnknown, PRODUCTION.size())).allMatch(r -> r.savingsUsd().isEmpty());
        assertThat(PRODUCTION.subList(0, firstUnknown)).isSortedAccordingTo(Recommendation.BY_SAVINGS);
    }

    /**
     * Only the API's pods tolerate the spot pool, so a node goes to spot only as far as they free one. Production: 3 x
     * 500m = 1,500m at the HPA's minimum, less Karpenter's 2 x 1 CPU controller that the pool would add to the managed
     * nodes: no m5.xlarge (3,920m allocatable) is freed, so no spot share is recommended. Staging (pool on): 2 x 250m.
     */
    @Test
    void noSpotShareWhereTheApiFreesNoWholeNode() {
        assertThat(PRODUCTION).noneMatch(x -> x.kind() == Kind.SPOT);
        assertThat(Recommender.recommend(PlannedStacks.of("staging"), UsageFile.empty(), AS_OF)).noneMatch(x -> x.kind() == Kind.SPOT);
    }

    @Test
    void spotForTheNodesTheApiFreesAtTheCatalogsEstimate() {
        // The API: 6 x 2 CPU = 12,000m at the HPA's minimum, less Karpenter's 2 x 1,000m = 10,000m; an m5.xlarge has
        // 4,000m less 60 + 10 + 10 kube-reserved = 3,920m allocatable: 2 whole nodes (3 without the controller). The Spot Instance
        // Advisor's 66% for m5.xlarge: 2 x 730 h x (0.192 - 0.192 x 0.34 = 0.06528) = 280.32 - 95.31 = 185.01.
        Plan plan = CraftedPlan.of("t")
                .add("cluster", Recommender.NODE_GROUP, "app-nodes", Map.of("instanceTypes", List.of("m5.xlarge"),
                        "scalingConfig", Map.of("desiredSize", 8, "minSize", 8, "maxSize", 12)))
                .add("kubernetes", Recommender.RELEASE, "feature-api", Map.of("values", Map.of(
                        "resources", Map.of("requests", Map.of("cpu", "2", "memory", "2Gi")), "autoscaling", Map.of("minReplicas", 6))))
                .build();
        Recommendation r = one(Recommender.recommend(plan, UsageFile.empty(), AS_OF), Kind.SPOT, "aws:eks/nodeGroup:NodeGroup::app-nodes");
        assertThat(cents(r.currentUsd().orElseThrow())).isEqualTo("280.32");
        assertThat(cents(r.proposedUsd().orElseThrow())).isEqualTo("95.31");
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("185.01");
        assertThat(r.estimate()).isTrue();
        assertThat(r.risk()).isEqualTo(Risk.HIGH);
        assertThat(r.action()).startsWith("run 2 of 8 nodes on spot: turn on the Karpenter spot pool and lower the group's minSize and desiredSize to 6");
        assertThat(r.basis()).startsWith("the API's pods (12000m at the HPA's minimum, less 2000m for Karpenter's controller) free 2 x 3920m allocatable")
                .contains("Spot Instance Advisor");
        assertThat(Recommender.allocatableMillicores(2)).isEqualByComparingTo("1930");
        assertThat(Recommender.allocatableMillicores(16)).isEqualByComparingTo("15890");
    }

    @Test
    void productionHasNoSingleNatOrExtendedSupportRecommendation() {
        assertThat(PRODUCTION).noneMatch(r -> r.kind() == Kind.SINGLE_NAT || r.kind() == Kind.EKS_EXTENDED_SUPPORT);
    }

    @Test
    void extendedSupportClusterCosts365AMonthMore() {
        Plan plan = CraftedPlan.of("legacy").add("cluster", "aws:eks/cluster:Cluster", "cluster",
                Map.of("version", "1.32", "upgradePolicy", Map.of("supportType", "EXTENDED"))).build();
        Recommendation r = one(Recommender.recommend(plan, UsageFile.empty(), AS_OF), Kind.EKS_EXTENDED_SUPPORT, "aws:eks/cluster:Cluster::cluster");
        // 730 h x (0.60 - 0.10) = 365.00
        assertThat(cents(r.currentUsd().orElseThrow())).isEqualTo("438.00");
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("365.00");
        assertThat(r.configKey()).isEqualTo("platform:cluster.kubernetesVersion");
        assertThat(r.action()).isEqualTo("upgrade Kubernetes 1.32 (standard support ended 2026-03-23) to 1.34, one minor version at a time");
    }

    @Test
    void onTheLastDayOfAVersionsStandardSupportItIsStillTheUpgradeTarget() {
        // 1.34's standard support ends 2026-12-02 (catalog/EksSupportWindows): that day it is the target, the next day 1.35.
        Plan plan = CraftedPlan.of("legacy").add("cluster", "aws:eks/cluster:Cluster", "cluster",
                Map.of("version", "1.32", "upgradePolicy", Map.of("supportType", "EXTENDED"))).build();
        assertThat(one(Recommender.recommend(plan, UsageFile.empty(), LocalDate.of(2026, 12, 2)), Kind.EKS_EXTENDED_SUPPORT,
                "aws:eks/cluster:Cluster::cluster").action()).isEqualTo("upgrade Kubernetes 1.32 (standard support ended 2026-03-23) to 1.34, one minor version at a time");
        assertThat(one(Recommender.recommend(plan, UsageFile.empty(), LocalDate.of(2026, 12, 3)), Kind.EKS_EXTENDED_SUPPORT,
                "aws:eks/cluster:Cluster::cluster").action()).isEqualTo("upgrade Kubernetes 1.32 (standard support ended 2026-03-23) to 1.35, one minor version at a time");
        // A 1.34 cluster is billed at the standard rate on that last day ($73.00) and at the extended rate after it ($438.00).
        Plan current = CraftedPlan.of("t").add("cluster", "aws:eks/cluster:Cluster", "cluster",
                Map.of("version", "1.34", "upgradePolicy", Map.of("supportType", "EXTENDED"))).build();
        assertThat(cents(CostEstimator.estimate(current, UsageFile.empty(), LocalDate.of(2026, 12, 2)).fixedUsd())).isEqualTo("73.00");
        assertThat(cents(CostEstimator.estimate(current, UsageFile.empty(), LocalDate.of(2026, 12, 3)).fixedUsd())).isEqualTo("438.00");
    }

    @Test
    void aClusterInStandardSupportOrOnTheStandardPolicyGetsNone() {
        Plan standardPolicy = CraftedPlan.of("legacy").add("cluster", "aws:eks/cluster:Cluster", "cluster",
                Map.of("version", "1.32", "upgradePolicy", Map.of("supportType", "STANDARD"))).build();
        Plan current = CraftedPlan.of("current").add("cluster", "aws:eks/cluster:Cluster", "cluster", Map.of("version", "1.35")).build();
        assertThat(Recommender.recommend(standardPolicy, UsageFile.empty(), AS_OF)).isEmpty();
        assertThat(Recommender.recommend(current, UsageFile.empty(), AS_OF)).isEmpty();
    }

    @Test
    void oversizedNodeGroupDatabaseAndCacheFromTheUsageFile() {
        UsageFile usage = UsageFile.parse("""
                resources:
                  aws:eks/nodeGroup:NodeGroup::app-nodes:
                    averageCpuPercent: 22
                    averageMemoryPercent: 35
                  aws:rds/instance:Instance::postgres:
                    averageCpuPercent: 15
                  aws:elasticache/replicationGroup:ReplicationGroup::redis:
                    averageMemoryPercent: 30
                """, "usage.yaml");
        List<Recommendation> all = Recommender.recommend(PlannedStacks.of("production"), usage, AS_OF);
        Recommendation nodes = one(all, Kind.OVERSIZED, "aws:eks/nodeGroup:NodeGroup::app-nodes");
        // 3 nodes x 730 h x (0.192 m5.xlarge - 0.096 m5.large) = 210.24
        assertThat(cents(nodes.savingsUsd().orElseThrow())).isEqualTo("210.24");
        assertThat(nodes.action()).isEqualTo("m5.xlarge -> m5.large");
        assertThat(nodes.riskNote()).startsWith("usage average CPU 22%, average memory 35%");
        Recommendation db = one(all, Kind.OVERSIZED, "aws:rds/instance:Instance::postgres");
        // Multi-AZ: 730 h x (1.00 - 0.50) = 365.00
        assertThat(cents(db.savingsUsd().orElseThrow())).isEqualTo("365.00");
        assertThat(db.action()).isEqualTo("db.r5.xlarge -> db.r5.large");
        // cache.r5.large has no smaller r5 size priced (cache.r5.medium does not exist): no oversized line for the cache
        assertThat(all).noneMatch(r -> r.kind() == Kind.OVERSIZED && r.resource().endsWith("::redis"));
    }

    @Test
    void busyResourcesAreNotOversized() {
        UsageFile usage = UsageFile.parse("""
                resources:
                  aws:eks/nodeGroup:NodeGroup::app-nodes:
                    averageCpuPercent: 22
                    averageMemoryPercent: 40
                  aws:rds/instance:Instance::postgres:
                    averageCpuPercent: 40
                """, "usage.yaml");
        assertThat(Recommender.recommend(PlannedStacks.of("production"), usage, AS_OF)).noneMatch(r -> r.kind() == Kind.OVERSIZED);
    }

    @Test
    void cacheIsJudgedByItsMemory() {
        Plan plan = CraftedPlan.of("cache").add("data", UsageKeys.CACHE, "redis",
                Map.of("nodeType", "cache.r6g.xlarge", "numCacheClusters", 2, "engine", "redis")).build();
        UsageFile cpuOnly = UsageFile.parse("defaults:\n  " + UsageKeys.CACHE + ":\n    averageCpuPercent: 5\n", "u.yaml");
        UsageFile memory = UsageFile.parse("defaults:\n  " + UsageKeys.CACHE + ":\n    averageMemoryPercent: 25\n", "u.yaml");
        assertThat(Recommender.recommend(plan, cpuOnly, AS_OF)).noneMatch(r -> r.kind() == Kind.OVERSIZED);
        Recommendation r = one(Recommender.recommend(plan, memory, AS_OF), Kind.OVERSIZED, UsageKeys.CACHE + "::redis");
        // 2 nodes x 730 h x (0.411 - 0.206) = 299.30
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("299.30");
        assertThat(r.action()).isEqualTo("cache.r6g.xlarge -> cache.r6g.large");
    }

    @Test
    void idleInterfaceEndpointFromTheUsageFile() {
        Plan plan = CraftedPlan.of("staging").add("network", UsageKeys.VPC_ENDPOINT, "ecr-api",
                Map.of("vpcEndpointType", "Interface", "serviceName", "com.amazonaws.us-east-1.ecr.api",
                        "subnetIds", List.of("subnet-a", "subnet-b", "subnet-c"))).build();
        assertThat(Recommender.recommend(plan, UsageFile.empty(), AS_OF)).isEmpty();
        UsageFile usage = UsageFile.parse("resources:\n  " + UsageKeys.VPC_ENDPOINT + "::ecr-api:\n    monthlyProcessedGb: 0\n", "u.yaml");
        Recommendation r = one(Recommender.recommend(plan, usage, AS_OF), Kind.IDLE, UsageKeys.VPC_ENDPOINT + "::ecr-api");
        // 3 AZs x 730 h x 0.01 = 21.90, all of it
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("21.90");
        assertThat(cents(r.proposedUsd().orElseThrow())).isEqualTo("0.00");
        assertThat(r.configKey()).isEqualTo("platform:network.interfaceEndpoints");
    }

    @Test
    void singleNatOutsideProductionOnly() {
        CraftedPlan staging = CraftedPlan.of("staging").config("platform:environment", "staging");
        CraftedPlan production = CraftedPlan.of("production").config("platform:environment", "production");
        for (String az : List.of("a", "b", "c")) {
            staging.add("network", UsageKeys.NAT, "nat-us-east-1" + az, Map.of());
            production.add("network", UsageKeys.NAT, "nat-us-east-1" + az, Map.of());
        }
        Recommendation r = one(Recommender.recommend(staging.build(), UsageFile.empty(), AS_OF), Kind.SINGLE_NAT, "aws:ec2/natGateway:NatGateway::*");
        // 2 gateways x 730 h x (0.045 + 0.005 public IPv4) = 73.00
        assertThat(cents(r.savingsUsd().orElseThrow())).isEqualTo("73.00");
        assertThat(r.configKey()).isEqualTo("platform:network.natGateways");
        assertThat(Recommender.recommend(production.build(), UsageFile.empty(), AS_OF)).isEmpty();
    }

    @Test
    void anUnpricedEquivalentGivesAnUnknownFigure() {
        // db.t4g is not in the catalog (its source predates it): the Graviton figure is unknown, not $0
        Plan plan = CraftedPlan.of("staging").add("data", UsageKeys.RDS, "postgres", Map.of("instanceClass", "db.t3.large", "multiAz", false)).build();
        Recommendation r = one(Recommender.recommend(plan, UsageFile.empty(), AS_OF), Kind.GRAVITON, UsageKeys.RDS + "::postgres");
        assertThat(r.savingsUsd()).isEmpty();
        assertThat(cents(r.currentUsd().orElseThrow())).isEqualTo("105.85");
        assertThat(r.basis()).startsWith("unknown: no price for db.t4g.large");
    }

    @Test
    void aRegionWithoutCatalogHasOnlyUnknownFigures() {
        Plan plan = CraftedPlan.of("eu", "eu-west-1").add("data", UsageKeys.CACHE, "redis",
                Map.of("nodeType", "cache.r5.large", "numCacheClusters", 2)).build();
        List<Recommendation> all = Recommender.recommend(plan, UsageFile.empty(), AS_OF);
        assertThat(all).isNotEmpty().allMatch(r -> r.savingsUsd().isEmpty());
        assertThat(RecommendationReport.knownSavings(all)).isEqualByComparingTo("0");
        assertThat(RecommendationReport.unknownSavings(all)).isEqualTo(all.size());
    }

    @Test
    void aPercentageAbove100IsRefused() {
        assertThatThrownBy(() -> UsageFile.parse("defaults:\n  " + UsageKeys.NODE_GROUP + ":\n    averageCpuPercent: 140\n", "u.yaml"))
                .hasMessageContaining("defaults." + UsageKeys.NODE_GROUP + ".averageCpuPercent = 140: a percentage, from 0 to 100");
    }

    @Test
    void oneSizeDown() {
        assertThat(Recommender.smaller("m5.xlarge")).hasValue("m5.large");
        assertThat(Recommender.smaller("db.r5.2xlarge")).hasValue("db.r5.xlarge");
        assertThat(Recommender.smaller("cache.r6g.16xlarge")).hasValue("cache.r6g.8xlarge");
        assertThat(Recommender.smaller("m5.12xlarge")).hasValue("m5.6xlarge");
        assertThat(Recommender.smaller("m5.9xlarge")).isEmpty();
        assertThat(Recommender.smaller("t3.micro")).isEmpty();
    }
}
