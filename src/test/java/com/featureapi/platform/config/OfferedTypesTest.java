package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Types a stack names must be ones AWS offers in its region (the catalog's lists), with a "did you mean". */
class OfferedTypesTest {

    private static List<String> problems(StackConfigFixture fixture) {
        return fixture.problems();
    }

    @Test
    void misspeltInstanceTypeOfANodeGroup() {
        assertThat(problems(StackConfigFixture.of("production").set("platform:cluster", "nodeGroups/0/instanceTypes/0", "m5.lrge"))).containsExactly(
                "platform:cluster.nodeGroups[0].instanceTypes[0] = \"m5.lrge\": is not an EC2 instance type offered in us-east-1; did you mean \"m5.large\"?");
    }

    @Test
    void databaseClassThatDoesNotExist() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:database", "instanceClass", "db.t3.huge"))).containsExactly(
                "platform:database.instanceClass = \"db.t3.huge\": is not an RDS for PostgreSQL instance class offered in us-east-1; did you mean \"db.t3.large\"?");
    }

    @Test
    void cacheNodeTypeThatDoesNotExist() {
        assertThat(problems(StackConfigFixture.of("production").set("platform:cache", "nodeType", "cache.r5.lrage"))).containsExactly(
                "platform:cache.nodeType = \"cache.r5.lrage\": is not an ElastiCache node type offered in us-east-1; did you mean \"cache.r5.large\"?");
    }

    @Test
    void aTypeFarFromAnyPointsToTheList() {
        assertThat(problems(StackConfigFixture.of("staging").set("platform:cache", "nodeType", "cache.quantum.galactic"))).containsExactly(
                "platform:cache.nodeType = \"cache.quantum.galactic\": is not an ElastiCache node type offered in us-east-1; see the list in src/main/resources/prices/us-east-1.json");
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
