package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:cluster.spotPool}: off by default, and every bad value named by its key. */
class SpotPoolConfigTest {

    @Test
    void theStagingFixtureHasTheSeedsPoolAndProductionHasNone() {
        SpotPoolConfig staging = StackConfigFixture.of("staging").load().cluster().spotPool();
        assertThat(staging).isEqualTo(new SpotPoolConfig(true, List.of("m5.large", "m5.xlarge", "m4.large", "m4.xlarge"), 16, "30s", 10, 1));
        assertThat(StackConfigFixture.of("production").load().cluster().spotPool().enabled()).isFalse();
    }

    @Test
    void defaultsAreTheSeeds() {
        SpotPoolConfig pool = StackConfigFixture.of("production").set("platform:cluster", "spotPool", Map.of("enabled", true, "cpuLimit", 8))
                .load().cluster().spotPool();
        assertThat(pool.instanceTypes()).isEqualTo(SpotPoolConfig.SEED_INSTANCE_TYPES);
        assertThat(pool.consolidateAfter()).isEqualTo("30s");
        assertThat(pool.maxDisruptionPercent()).isEqualTo(10);
    }

    @Test
    void anEnabledPoolNeedsACpuLimit() {
        assertThat(StackConfigFixture.of("staging").remove("platform:cluster", "spotPool/cpuLimit").problems()).containsExactly(
                "platform:cluster.spotPool.cpuLimit: required key is missing; set it, for example cpuLimit: 16 (the pool's vCPU ceiling: it bounds what the pool may cost, see docs/cost.md)");
    }

    @Test
    void badValuesAreNamedByTheirKey() {
        assertThat(StackConfigFixture.of("staging")
                .set("platform:cluster", "spotPool/cpuLimit", 0)
                .set("platform:cluster", "spotPool/consolidateAfter", "Never")
                .set("platform:cluster", "spotPool/maxDisruptionPercent", 150)
                .set("platform:cluster", "spotPool/instanceTypes", List.of("m5.large", "m5.large", "m5 large"))
                .problems()).containsExactlyInAnyOrder(
                "platform:cluster.spotPool.cpuLimit = \"0\": must be from 1 to 10000",
                "platform:cluster.spotPool.consolidateAfter = \"Never\": must be a duration such as 30s, 5m or 1h30m (Karpenter's form; Never would turn consolidation off)",
                "platform:cluster.spotPool.maxDisruptionPercent = \"150\": must be from 1 to 100",
                "platform:cluster.spotPool.instanceTypes[1] = \"m5.large\": is listed twice; list each type once",
                "platform:cluster.spotPool.instanceTypes[2] = \"m5 large\": is not an EC2 instance type such as m5.large");
    }

    @Test
    void aMisspeltKeyGetsADidYouMean() {
        assertThat(StackConfigFixture.of("staging").set("platform:cluster", "spotPool/cpuLimits", 16).problems())
                .anySatisfy(p -> assertThat(p).startsWith("platform:cluster.spotPool.cpuLimits").contains("cpuLimit"));
    }

    @Test
    void aTypeMustBeOfferedAndHaveASpotEstimate() {
        assertThat(StackConfigFixture.of("staging").set("platform:cluster", "spotPool/instanceTypes/1", "m5.xlrge").problems()).containsExactly(
                "platform:cluster.spotPool.instanceTypes[1] = \"m5.xlrge\": is not an EC2 instance type offered and priced in us-east-1; did you mean \"m5.xlarge\"?");
        // c8a.large has an On-Demand price but the Advisor's copy lists no saving for it: the pool could not be priced.
        assertThat(StackConfigFixture.of("staging").set("platform:cluster", "spotPool/instanceTypes/1", "c8a.large").problems()).containsExactly(
                "platform:cluster.spotPool.instanceTypes[1] = \"c8a.large\": has no spot estimate in src/main/resources/prices/spot-us-east-1.json "
                        + "(the AWS Spot Instance Advisor lists no figure for it), so the pool could not be priced; choose a type the Advisor lists");
    }

    @Test
    void aDisabledPoolIsNotChecked() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(StackConfigFixture.of("staging").set("platform:cluster", "spotPool/enabled", false)
                .set("platform:cluster", "spotPool/instanceTypes/1", "c8a.large")::load)).isNull();
    }
}
