package com.featureapi.platform.config;

import com.featureapi.platform.catalog.AwsCatalog;
import com.featureapi.platform.catalog.RegionCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Types a stack names must be ones AWS offers in its region (the catalog's lists), with a "did you mean". */
class OfferedTypesTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    @Test
    void misspeltInstanceTypeOfANodeGroup() {
        assertThat(problems(StackConfigFixture.of("production").set("platform:cluster", "nodeGroups/0/instanceTypes/0", "m5.lrge"))).containsExactly(
                "platform:cluster.nodeGroups[0].instanceTypes[0] = \"m5.lrge\": is not an EC2 instance type offered and priced in us-east-1; did you mean \"m5.large\"?");
    }

    @Test
    void databaseClassThatDoesNotExist() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:database", "instanceClass", "db.t3.huge"))).containsExactly(
                "platform:database.instanceClass = \"db.t3.huge\": is not an RDS for PostgreSQL instance class offered and priced in us-east-1; did you mean \"db.t3.large\"?");
    }

    @Test
    void cacheNodeTypeThatDoesNotExist() {
        assertThat(problems(StackConfigFixture.of("production").set("platform:cache", "nodeType", "cache.r5.lrage"))).containsExactly(
                "platform:cache.nodeType = \"cache.r5.lrage\": is not an ElastiCache node type offered and priced in us-east-1; did you mean \"cache.r5.large\"?");
    }

    @Test
    void aTypeFarFromAnyPointsToTheList() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:cache", "nodeType", "cache.quantum.galactic"))).containsExactly(
                "platform:cache.nodeType = \"cache.quantum.galactic\": is not an ElastiCache node type offered and priced in us-east-1; see the priced types in src/main/resources/prices/elasticache-us-east-1.json and us-east-1.json");
    }

    @Test
    void aClassAwsOffersButTheCatalogCannotPriceIsRefusedLikeAnUnknownOne() {
        // db.r7g.large exists for RDS for PostgreSQL, but no source of the catalog prices it: accepting it would
        // cost it as nothing
        assertThat(problems(StackConfigFixture.of("production").set("platform:database", "instanceClass", "db.r7g.large"))).containsExactly(
                "platform:database.instanceClass = \"db.r7g.large\": is not an RDS for PostgreSQL instance class offered and priced in us-east-1; did you mean \"db.r6g.large\"?");
        assertThat(problems(StackConfigFixture.of("production").set("platform:cache", "nodeType", "cache.m5.large"))).containsExactly(
                "platform:cache.nodeType = \"cache.m5.large\": is not an ElastiCache node type offered and priced in us-east-1; did you mean \"cache.m4.large\"?");
    }

    @Test
    void everyPricedClassAndNodeTypeIsAccepted() {
        RegionCatalog east = AwsCatalog.forRegion("us-east-1").orElseThrow();
        for (String instanceClass : east.rdsClasses()) {
            assertThat(catchThrowable(StackConfigFixture.of("production").set("platform:database", "instanceClass", instanceClass)::load))
                    .as(instanceClass).isNull();
        }
        for (String nodeType : east.cacheNodeTypes()) {
            assertThat(catchThrowable(StackConfigFixture.of("production").set("platform:cache", "nodeType", nodeType)::load))
                    .as(nodeType).isNull();
        }
    }

    @Test
    void allBadTypesAreReportedTogether() {
        assertThatThrownBy(() -> StackConfigFixture.of("production")
                .set("platform:cluster", "nodeGroups/1/instanceTypes/0", "m5.lrge")
                .set("platform:database", "instanceClass", "db.t3.huge").load())
                .hasMessageContaining("(2 problems)")
                .hasMessageContaining("platform:cluster.nodeGroups[1].instanceTypes[0] = \"m5.lrge\"")
                .hasMessageContaining("platform:database.instanceClass = \"db.t3.huge\"");
    }

    @Test
    void theProjectStacksNameOnlyOfferedTypes() {
        StackConfigFixture.of("staging").load();
        StackConfigFixture.of("production").load();
    }
}
