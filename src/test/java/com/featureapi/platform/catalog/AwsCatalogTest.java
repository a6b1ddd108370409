package com.featureapi.platform.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AwsCatalogTest {

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-west-2"})
    void everyEntryHasAPriceAUnitASourceAndADate(String region) {
        RegionCatalog catalog = AwsCatalog.forRegion(region).orElseThrow();
        assertThat(catalog.hoursPerMonth()).isEqualByComparingTo("730");
        assertThat(catalog.prices()).hasSizeGreaterThan(1000);
        assertThat(catalog.prices().values()).allSatisfy(p -> {
            assertThat(p.source()).isNotBlank();
            assertThat(p.date()).matches("\\d{4}-\\d{2}(-\\d{2})?");
            assertThat(p.unit()).isNotBlank();
            assertThat(p.price().signum()).isPositive();
        });
        assertThat(catalog.offeringSources()).containsOnlyKeys("ec2", "rds", "elasticache").allSatisfy((k, v) -> assertThat(v).isNotBlank());
    }

    @Test
    void ec2PricesComeFromKarpentersPriceListTableAtARecordedCommit() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        PriceEntry m5 = east.price("ec2.m5.large").orElseThrow();
        assertThat(m5.price()).isEqualByComparingTo("0.096");
        assertThat(m5.confirmed()).isTrue();
        assertThat(m5.source()).contains("aws/karpenter-provider-aws").contains("1d927085dd81a9df9301e613f371dac5b4d16bfe");
        assertThat(m5.date()).isEqualTo("2026-07-20");
        // the reference's figures, read from the same table
        assertThat(east.price("ec2.m7g.xlarge").orElseThrow().price()).isEqualByComparingTo("0.1632");
        assertThat(east.price("ec2.t3.medium").orElseThrow().price()).isEqualByComparingTo("0.0416");
        assertThat(east.ec2InstanceTypes()).contains("m5.xlarge", "c7gn.large", "t4g.medium").hasSizeGreaterThan(1000);
    }

    @Test
    void spotPricesAreOnDemandLessTheAdvisorsSavingMarkedAsEstimates() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        // m5.large: $0.096 On-Demand, the Advisor's 66% average saving (band 3, 15-20% interruptions) -> 0.096 x 0.34
        PriceEntry m5 = east.spotPrice("m5.large").orElseThrow();
        assertThat(m5.price()).isEqualByComparingTo("0.03264");
        assertThat(m5.confirmed()).as("an estimate is never shown as a confirmed price").isFalse();
        assertThat(m5.unit()).isEqualTo(RegionCatalog.SPOT_UNIT).contains("estimate");
        assertThat(m5.date()).isEqualTo("2025-06-28");
        assertThat(m5.source()).contains("66%").contains("15-20%").contains("spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json")
                .contains("5eedf20a99614443af215f4aaf09bd10805cac72").contains("On-Demand from aws/karpenter-provider-aws");
        // The seed's other sizes and the previous generation: m4.xlarge $0.20 less 56%.
        assertThat(east.spotPrice("m4.xlarge").orElseThrow().price()).isEqualByComparingTo("0.088");
        assertThat(AwsCatalog.forRegion("us-west-2").orElseThrow().spotPrice("m5.large").orElseThrow().price())
                .as("us-west-2 has its own saving (62%)").isEqualByComparingTo("0.03648");
        assertThat(east.spotSavings().types()).hasSizeGreaterThan(800);
    }

    @Test
    void aTypeWithoutAnAdvisorFigureHasNoSpotPriceRatherThanZeroOrOnDemand() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        assertThat(east.price("ec2.c8a.large")).isPresent();
        assertThat(east.spotSavings().of("c8a.large")).isEmpty();
        assertThat(east.spotPrice("c8a.large")).isEmpty();
        assertThat(east.spotPrice("m5.lrge")).isEmpty();
    }

    @Test
    void usWest2CarriesUsEast1FiguresMarkedUnconfirmedExceptTheCrossCheckedCacheNodes() {
        RegionCatalog west = AwsCatalog.forRegion("us-west-2").orElseThrow();
        assertThat(west.price("ec2.m5.large").orElseThrow().confirmed()).isFalse();
        assertThat(west.price("kms.key").orElseThrow().confirmed()).isFalse();
        assertThat(west.price("elasticache.redis.cache.t3.medium").orElseThrow().confirmed()).isTrue();
        assertThat(west.price("elasticache.redis.cache.r6g.large").orElseThrow().confirmed()).isTrue();
        assertThat(west.price("elasticache.redis.cache.r5.large").orElseThrow().confirmed()).isFalse();
    }

    @Test
    void referenceFiguresMarkedUnconfirmedStayUnconfirmed() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        assertThat(east.price("transfer.internet-out").orElseThrow().confirmed()).isFalse();
        assertThat(east.price("rds.postgres.db.t4g.large")).as("no source prices it: unpriced, never a guess").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-west-2"})
    void theAcceptedTypesAreExactlyThePricedOnes(String region) {
        RegionCatalog catalog = AwsCatalog.forRegion(region).orElseThrow();
        SortedSet<String> singleAz = stripped(catalog, "rds.postgres.");
        SortedSet<String> multiAz = stripped(catalog, "rds.postgres-multi-az.");
        SortedSet<String> cache = stripped(catalog, "elasticache.redis.");
        assertThat(catalog.rdsClasses()).isEqualTo(singleAz).isEqualTo(multiAz).contains("db.r5.large", "db.r5.xlarge", "db.r5.2xlarge", "db.t3.large");
        assertThat(catalog.cacheNodeTypes()).isEqualTo(cache).contains("cache.r5.large", "cache.t3.medium", "cache.r6g.xlarge");
        assertThat(catalog.ec2InstanceTypes()).isEqualTo(stripped(catalog, "ec2."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-west-2"})
    void databasePricesComeFromThePriceListTableAtARecordedCommit(String region) {
        RegionCatalog catalog = AwsCatalog.forRegion(region).orElseThrow();
        PriceEntry single = catalog.price("rds.postgres.db.r5.2xlarge").orElseThrow();
        PriceEntry multi = catalog.price("rds.postgres-multi-az.db.r5.2xlarge").orElseThrow();
        assertThat(single.price()).isEqualByComparingTo("1.00");
        assertThat(multi.price()).as("primary and standby").isEqualByComparingTo("2.00");
        assertThat(single.source()).contains("vantage-sh/ec2instances.info www/rds/instances.json at commit 14ede5a54df6e33be6ccf96ae9cb60e168635844")
                .contains("PostgreSQL");
        assertThat(single.date()).isEqualTo("2021-08-03");
        assertThat(single.confirmed()).isTrue();
        // the reference's figures, read from the same table (db.r6g.large was "~0.225, unconfirmed" there)
        assertThat(catalog.price("rds.postgres.db.r5.xlarge").orElseThrow().price()).isEqualByComparingTo("0.50");
        assertThat(catalog.price("rds.postgres.db.t3.large").orElseThrow().price()).isEqualByComparingTo("0.145");
        assertThat(catalog.price("rds.postgres.db.r6g.large").orElseThrow().price()).isEqualByComparingTo("0.225");
        PriceEntry node = catalog.price("elasticache.redis.cache.r6g.xlarge").orElseThrow();
        assertThat(node.price()).isEqualByComparingTo("0.411");
        assertThat(node.source()).contains("www/cache/instances.json at commit 3e75a5dddbf4674d74ebeb06f46e4543c3a08b92");
        assertThat(node.date()).isEqualTo("2022-02-13");
    }

    @Test
    void aCacheFigureThatContradictsItsFamilysRateIsLeftUnpriced() {
        // the table reads cache.r5.xlarge 0.179 in us-east-1 (0.0895 a size unit against the r5 family's 0.216) and
        // 0.431 in us-west-2 (0.2155)
        assertThat(AwsCatalog.forRegion("us-east-1").orElseThrow().cacheNodeTypes()).doesNotContain("cache.r5.xlarge", "cache.m5.large");
        assertThat(AwsCatalog.forRegion("us-west-2").orElseThrow().price("elasticache.redis.cache.r5.xlarge").orElseThrow().price())
                .isEqualByComparingTo("0.431");
    }

    private static SortedSet<String> stripped(RegionCatalog catalog, String prefix) {
        return catalog.prices().keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aRegionWithoutFilesHasNoCatalog() {
        assertThat(AwsCatalog.forRegion("eu-north-1")).isEmpty();
        assertThat(new BigDecimal("730")).isEqualByComparingTo(AwsCatalog.HOURS_PER_MONTH);
    }
}
