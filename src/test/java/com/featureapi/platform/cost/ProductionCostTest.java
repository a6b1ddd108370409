package com.featureapi.platform.cost;

import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production stack (seed 002's production spec) priced at list prices, each figure computed by hand here
 * (730 hours a month) and compared to the cent.
 */
class ProductionCostTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    private static final CostEstimate PRODUCTION = CostEstimator.estimate(PlannedStacks.of("production"), UsageFile.empty(), AS_OF);

    private static BigDecimal monthly(String type, String name) {
        return PRODUCTION.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst().orElseThrow().monthlyUsd();
    }

    private static BigDecimal sumOfType(String type) {
        return PRODUCTION.resources().stream().filter(r -> r.type().equals(type)).map(ResourceCost::monthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String cents(BigDecimal usd) {
        return CostEstimate.cents(usd).toPlainString();
    }

    private static CostLine line(String type, String name, String labelStart) {
        return PRODUCTION.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst().orElseThrow()
                .lines().stream().filter(l -> l.label().startsWith(labelStart)).findFirst().orElseThrow();
    }

    @Test
    void nodesThreeM5XlargeAndTwoM5LargeCost560_64() {
        // 3 x 0.192 x 730 = 420.48; 2 x 0.096 x 730 = 140.16; together 560.64
        CostLine app = line("aws:eks/nodeGroup:NodeGroup", "app-nodes", "3 x m5.xlarge");
        CostLine monitoring = line("aws:eks/nodeGroup:NodeGroup", "monitoring-nodes", "2 x m5.large");
        assertThat(cents(app.monthlyUsd())).isEqualTo("420.48");
        assertThat(cents(monitoring.monthlyUsd())).isEqualTo("140.16");
        assertThat(cents(app.monthlyUsd().add(monitoring.monthlyUsd()))).isEqualTo("560.64");
        assertThat(app.note()).isEqualTo("desired 3; range 3-10 nodes = $420.48-$1401.60");
    }

    @Test
    void rootVolumesComeFromTheLaunchTemplates() {
        // 3 nodes x 100 GB gp3 x 0.08 = 24.00; 2 x 100 x 0.08 = 16.00
        assertThat(cents(line("aws:eks/nodeGroup:NodeGroup", "app-nodes", "3 x 100 GB gp3 root volume").monthlyUsd())).isEqualTo("24.00");
        assertThat(cents(line("aws:eks/nodeGroup:NodeGroup", "monitoring-nodes", "2 x 100 GB gp3 root volume").monthlyUsd())).isEqualTo("16.00");
    }

    @Test
    void databaseR5XlargeMultiAzCosts730() {
        // 2 x 0.50 x 730 = 730.00; storage 100 GB x 0.23 (Multi-AZ) = 23.00; RDS-managed master secret 0.40
        assertThat(cents(line("aws:rds/instance:Instance", "postgres", "db.r5.xlarge Multi-AZ").monthlyUsd())).isEqualTo("730.00");
        assertThat(cents(line("aws:rds/instance:Instance", "postgres", "100 GB gp3 storage (Multi-AZ)").monthlyUsd())).isEqualTo("23.00");
        assertThat(cents(monthly("aws:rds/instance:Instance", "postgres"))).isEqualTo("753.40");
    }

    @Test
    void cacheThreeR5LargeCosts473_04() {
        // 3 x 0.216 x 730 = 473.04
        assertThat(cents(monthly("aws:elasticache/replicationGroup:ReplicationGroup", "redis"))).isEqualTo("473.04");
    }

    @Test
    void threeNatGatewaysCost98_55AndTheirAddresses10_95() {
        // 3 x 0.045 x 730 = 98.55; 3 public IPv4 x 0.005 x 730 = 10.95
        assertThat(cents(sumOfType("aws:ec2/natGateway:NatGateway"))).isEqualTo("98.55");
        assertThat(cents(sumOfType("aws:ec2/eip:Eip"))).isEqualTo("10.95");
    }

    @Test
    void clusterOnStandardSupportCosts73() {
        // 1.35 is in standard support until 2027-03-27: 0.10 x 730 = 73.00
        assertThat(cents(monthly("aws:eks/cluster:Cluster", "cluster"))).isEqualTo("73.00");
    }

    @Test
    void theIngressOfTheRenderedChartGetsAnInternetFacingAlb() {
        // ALB 0.0225 x 730 = 16.425; internet-facing in 3 AZs: 3 x 0.005 x 730 = 10.95
        ResourceCost ingress = PRODUCTION.resources().stream().filter(r -> r.type().equals("kubernetes:networking.k8s.io/v1:Ingress"))
                .findFirst().orElseThrow();
        assertThat(ingress.tier()).isEqualTo("kubernetes");
        assertThat(ingress.lines()).extracting(CostLine::label).containsExactly("Application Load Balancer",
                "load balancer capacity units", "3 public IPv4 addresses (one per AZ)");
        assertThat(ingress.fixedUsd()).isEqualByComparingTo("27.375");
    }

    @Test
    void keysAndSecretsAreMonthly() {
        // 11 customer-managed keys (9 in us-east-1, 2 replica-region keys in us-west-2) x 1.00; 5 secrets x 0.40 (connection info 2, the app's own 3)
        assertThat(cents(sumOfType("aws:kms/key:Key"))).isEqualTo("11.00");
        assertThat(PRODUCTION.resources().stream().filter(r -> r.type().equals("aws:kms/key:Key") && r.region().equals("us-west-2")).count()).isEqualTo(2);
        assertThat(cents(sumOfType("aws:secretsmanager/secret:Secret"))).isEqualTo("2.00");
    }

    @Test
    void theWebAclCosts10AMonthAndItsRequestsComeFromUsage() {
        // web ACL 5.00; 5 rules (the rate limit and four managed groups, one each) x 1.00 = 5.00
        assertThat(cents(line("aws:wafv2/webAcl:WebAcl", "web-acl", "web ACL").monthlyUsd())).isEqualTo("5.00");
        CostLine rules = line("aws:wafv2/webAcl:WebAcl", "web-acl", "5 rules");
        assertThat(rules.quantity()).isEqualByComparingTo("5");
        assertThat(cents(rules.monthlyUsd())).isEqualTo("5.00");
        CostLine requests = line("aws:wafv2/webAcl:WebAcl", "web-acl", "requests inspected");
        assertThat(requests.hasAmount()).isFalse();
        assertThat(CostReport.amount(requests)).isEqualTo("$0.6 per million requests");
        // 50 million requests a month x 0.60 per million = 30.00
        CostEstimate withRequests = CostEstimator.estimate(PlannedStacks.of("production"),
                UsageFile.parse("resources:\n  aws:wafv2/webAcl:WebAcl::web-acl:\n    monthlyRequests: 50000000\n", "cost-usage.test.yaml"), AS_OF);
        assertThat(cents(withRequests.usageUsd())).isEqualTo("30.00");
        // The logging configuration and the delivery policy are free; the log group's ingestion is usage of the group.
        assertThat(PRODUCTION.resources().stream().filter(r -> r.type().equals("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"))
                .flatMap(r -> r.lines().stream())).singleElement().satisfies(l -> assertThat(l.kind()).isEqualTo(LineKind.FREE));
    }

    @Test
    void fixedTotalByTierAndOverall() {
        // cluster 73 + 420.48 + 24 + 140.16 + 16 = 673.64
        // data 730 + 23 + 0.40 + 473.04 + 2 (replica keys) + 2.00 (5 secrets) = 1230.44
        // network 98.55 + 10.95 = 109.50; security 9 keys = 9.00
        // kubernetes: the feature-api Ingress's internet-facing ALB 0.0225 x 730 = 16.425 + 3 public IPv4 10.95 = 27.375
        // observability: 17 metric alarms (16 on the data tier, the alerting heartbeat) x 0.10 = 1.70 (the trail's first copy of management events is free), and the
        // kube-prometheus-stack volumes from its values, Prometheus 50 GB + Alertmanager 5 GB gp3 x 0.08 = 4.40: 6.10
        // edge: the web ACL 5.00 + 5 rules x 1.00 = 10.00
        // total 673.64 + 1230.44 + 109.50 + 9.00 + 27.375 + 6.10 + 10.00 = 2066.055 -> 2066.06 (rounded once, at the end)
        assertThat(PRODUCTION.byTier()).containsOnlyKeys("cluster", "data", "edge", "kubernetes", "network", "observability", "security");
        assertThat(cents(PRODUCTION.byTier().get("edge"))).isEqualTo("10.00");
        assertThat(cents(PRODUCTION.byTier().get("cluster"))).isEqualTo("673.64");
        assertThat(cents(PRODUCTION.byTier().get("data"))).isEqualTo("1230.44");
        assertThat(cents(PRODUCTION.byTier().get("network"))).isEqualTo("109.50");
        assertThat(cents(PRODUCTION.byTier().get("security"))).isEqualTo("9.00");
        assertThat(cents(PRODUCTION.byTier().get("observability"))).isEqualTo("6.10");
        assertThat(cents(PRODUCTION.byTier().get("kubernetes"))).isEqualTo("27.38");
        assertThat(cents(PRODUCTION.fixedUsd())).isEqualTo("2066.06");
        assertThat(cents(PRODUCTION.usageUsd())).isEqualTo("0.00");
    }

    @Test
    void everyFixedLineIsCatalogPriceTimesQuantityAndTheTotalAgreesToTheCent() {
        BigDecimal sum = BigDecimal.ZERO;
        for (ResourceCost resource : PRODUCTION.resources()) {
            RegionCatalog catalog = AwsCatalog.forRegion(resource.region()).orElseThrow();
            for (CostLine line : resource.lines()) {
                if (line.kind() == LineKind.FIXED) {
                    BigDecimal catalogPrice = catalog.price(line.price().key()).orElseThrow().price();
                    assertThat(line.monthlyUsd()).isEqualByComparingTo(line.quantity().multiply(catalogPrice));
                    sum = sum.add(line.quantity().multiply(catalogPrice));
                }
            }
        }
        assertThat(CostEstimate.cents(sum)).isEqualByComparingTo(CostEstimate.cents(PRODUCTION.fixedUsd()));
    }

    @Test
    void nothingTheProgramCreatesIsUnpricedOrLeftOut() {
        assertThat(PRODUCTION.unpricedLines()).isZero();
        assertThat(PRODUCTION.unpricedTypes()).isEmpty();
        long cloudResources = PlannedStacks.of("production").resources().stream()
                .filter(r -> r.custom() && !r.type().startsWith("pulumi:")).count();
        assertThat(PRODUCTION.resources()).hasSize((int) cloudResources);
        assertThat(PRODUCTION.resources().stream().filter(ResourceCost::free).map(ResourceCost::type))
                .contains("aws:ec2/subnet:Subnet", "aws:iam/role:Role", "aws:ec2/routeTable:RouteTable");
    }

    @Test
    void usageLinesWithoutValueShowTheirUnitPrice() {
        CostLine processed = line("aws:ec2/natGateway:NatGateway", "nat-us-east-1a", "data processed");
        assertThat(processed.monthlyUsd()).isNull();
        assertThat(CostReport.amount(processed)).isEqualTo("$0.045 per GB processed");
    }

    @Test
    void linesOnUnconfirmedPricesAreMarked() {
        // us-west-2 keys and the S3 request prices rest on figures the reference marks unconfirmed
        List<CostLine> unconfirmed = PRODUCTION.lines().stream().filter(CostLine::unconfirmed).toList();
        assertThat(unconfirmed).isNotEmpty();
        assertThat(CostReport.text(PRODUCTION)).contains("* customer-managed key").contains("lines on unconfirmed prices: " + unconfirmed.size());
    }

    @Test
    void productionIsWithinItsBudgetOf2500() {
        assertThat(PRODUCTION.budgetUsd()).contains(new BigDecimal("2500"));
        assertThat(PRODUCTION.overBudget()).isFalse();
    }
}
