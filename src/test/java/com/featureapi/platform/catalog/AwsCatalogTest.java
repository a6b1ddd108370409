package com.featureapi.platform.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

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
        assertThat(east.price("rds.postgres.db.r6g.large").orElseThrow().confirmed()).isFalse();
        assertThat(east.price("rds.postgres.db.r5.xlarge").orElseThrow().confirmed()).isTrue();
        assertThat(east.price("transfer.internet-out").orElseThrow().confirmed()).isFalse();
        assertThat(east.price("rds.postgres.db.t4g.large")).as("the reference found no price: unpriced, never a guess").isEmpty();
    }

    @Test
    void everyPricedDatabaseClassAndCacheNodeIsOffered() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        east.prices().keySet().stream().filter(k -> k.startsWith("rds.postgres."))
                .forEach(k -> assertThat(east.rdsClasses()).contains(k.substring("rds.postgres.".length())));
        east.prices().keySet().stream().filter(k -> k.startsWith("elasticache.redis."))
                .forEach(k -> assertThat(east.cacheNodeTypes()).contains(k.substring("elasticache.redis.".length())));
    }

    @Test
    void aRegionWithoutFilesHasNoCatalog() {
        assertThat(AwsCatalog.forRegion("eu-north-1")).isEmpty();
        assertThat(new BigDecimal("730")).isEqualByComparingTo(AwsCatalog.HOURS_PER_MONTH);
    }
}
