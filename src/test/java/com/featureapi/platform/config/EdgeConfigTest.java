package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code platform:edge}: the web ACL switch and its rate limit, validated against WAF's own bounds. */
class EdgeConfigTest {

    @Test
    void fixtureValuesAndDefaults() {
        EdgeConfig production = StackConfigFixture.of("production").load().edge();
        assertThat(production).isEqualTo(new EdgeConfig(true, 2000, 300, 365));
        EdgeConfig defaults = StackConfigFixture.of("staging").removeKey("platform:edge").load().edge();
        assertThat(defaults).isEqualTo(new EdgeConfig(true, 2000, 300, 90));
    }

    @Test
    void productionsInternetFacingAlbCannotDropItsWebAcl() {
        assertThatThrownBy(() -> StackConfigFixture.of("production").set("platform:edge", "webAcl", false).load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:edge.webAcl = \"false\": production's internet-facing ALB must have a web ACL "
                        + "(managed rules and the rate limit); remove the key or set it true");
        // An internal production ALB, or staging, may go without.
        assertThat(StackConfigFixture.of("production").set("platform:edge", "webAcl", false)
                .set("platform:app", "internetFacing", false).load().edge().webAcl()).isFalse();
        assertThat(StackConfigFixture.of("staging").set("platform:edge", "webAcl", false).load().edge().webAcl()).isFalse();
    }

    @Test
    void theRateLimitStaysWithinWafsBounds() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:edge", "rateLimitRequests", 5).load())
                .hasMessageContaining("platform:edge.rateLimitRequests = \"5\": must be from 10 to 2000000000");
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:edge", "rateLimitRequests", "lots").load())
                .hasMessageContaining("platform:edge.rateLimitRequests = \"lots\": must be a whole number from 10 to 2000000000");
        assertThat(StackConfigFixture.of("staging").set("platform:edge", "rateLimitRequests", 10).load().edge().rateLimitRequests()).isEqualTo(10);
    }

    @Test
    void theWindowIsOneWafOffers() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:edge", "rateLimitWindowSeconds", 30).load())
                .hasMessageContaining("platform:edge.rateLimitWindowSeconds = \"30\": must be one of the WAF rate-based rule "
                        + "evaluation windows (seconds): [60, 120, 300, 600]");
        assertThat(StackConfigFixture.of("staging").set("platform:edge", "rateLimitWindowSeconds", 60).load().edge()
                .rateLimitWindowSeconds()).isEqualTo(60);
    }

    @Test
    void logRetentionIsACloudWatchPeriodAndAtLeastAMonthInProduction() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:edge", "logRetentionDays", 31).load())
                .hasMessageContaining("platform:edge.logRetentionDays = \"31\": must be one of the CloudWatch Logs retention periods (days)");
        assertThatThrownBy(() -> StackConfigFixture.of("production").set("platform:edge", "logRetentionDays", 14).load())
                .hasMessageContaining("platform:edge.logRetentionDays = \"14\": production keeps the web ACL's logs at least 30 days");
    }

    @Test
    void aMisspeltKeyIsNamed() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:edge", "rateLimit", 100).load())
                .hasMessageContaining("platform:edge.rateLimit = \"100\": unknown key; known keys here are logRetentionDays, "
                        + "rateLimitRequests, rateLimitWindowSeconds, webAcl");
    }
}
