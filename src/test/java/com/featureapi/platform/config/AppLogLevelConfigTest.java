package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code platform:app.logLevel}: the environment's level (seed 000) unless the stack names one of four. */
class AppLogLevelConfigTest {

    @Test
    void eachEnvironmentHasTheSeedsLevel() {
        assertThat(Environment.DEVELOPMENT.defaultLogLevel()).isEqualTo("DEBUG");
        assertThat(Environment.STAGING.defaultLogLevel()).isEqualTo("INFO");
        assertThat(Environment.PRODUCTION.defaultLogLevel()).isEqualTo("WARN");
        assertThat(StackConfigFixture.of("staging").remove("platform:app", "logLevel").load().app().logLevel()).isEmpty();
    }

    @Test
    void aStackMayNameALevel() {
        assertThat(StackConfigFixture.of("production").set("platform:app", "logLevel", "INFO").load().app().logLevel())
                .isEqualTo(Optional.of("INFO"));
    }

    @Test
    void anyOtherValueIsRefusedWithTheAllowedOnes() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:app", "logLevel", "verbose").load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:app.logLevel = \"verbose\": must be one of DEBUG, INFO, WARN, ERROR "
                        + "(or left out: DEBUG in development, INFO in staging, WARN in production)");
    }
}
