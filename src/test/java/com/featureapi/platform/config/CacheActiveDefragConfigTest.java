package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code platform:cache.activeDefrag}: off unless the stack turns it on, a boolean or a clear refusal. */
class CacheActiveDefragConfigTest {

    @Test
    void offUnlessTheStackTurnsItOn() {
        assertThat(StackConfigFixture.of("staging").remove("platform:cache", "activeDefrag").load().cache().activeDefrag()).isFalse();
        assertThat(StackConfigFixture.of("production").remove("platform:cache", "activeDefrag").load().cache().activeDefrag()).isFalse();
        assertThat(StackConfigFixture.of("production").set("platform:cache", "activeDefrag", true).load().cache().activeDefrag()).isTrue();
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedWithItsKey() {
        assertThatThrownBy(() -> StackConfigFixture.of("staging").set("platform:cache", "activeDefrag", "sometimes").load())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("platform:cache.activeDefrag = \"sometimes\"");
    }
}
