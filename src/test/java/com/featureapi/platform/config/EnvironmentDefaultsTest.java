package com.featureapi.platform.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a stack gets for a setting its file leaves out. Both project stacks set every one of these, so only this test
 * sees the defaults, which differ by environment (production keeps data longer and runs more cache nodes), and a
 * default that swapped environments would otherwise reach the first new stack unnoticed.
 */
class EnvironmentDefaultsTest {

    static Stream<Arguments> defaults() {
        return Stream.of(
                defaults("platform:database", "backupRetentionDays", c -> c.database().backupRetentionDays(), 7, 30),
                defaults("platform:database", "logRetentionDays", c -> c.database().logRetentionDays(), 30, 365),
                defaults("platform:database", "backupWindow", c -> c.database().backupWindow(), "03:00-04:00", "03:00-04:00"),
                defaults("platform:cache", "numCacheClusters", c -> c.cache().numCacheClusters(), 1, 3),
                defaults("platform:cache", "snapshotRetentionDays", c -> c.cache().snapshotRetentionDays(), 1, 7),
                defaults("platform:storage", "backupRetentionDays", c -> c.storage().backupRetentionDays(), 14, 30),
                defaults("platform:monitoring", "prometheusRetentionDays", c -> c.monitoring().prometheusRetentionDays(), 15, 30),
                defaults("platform:cost", "monthlyBudgetUsd", c -> c.cost().monthlyBudgetUsd(), 1000, 1000),
                defaults("platform:cost", "enforceBudget", c -> c.cost().enforceBudget(), false, false))
                .flatMap(Function.identity());
    }

    private static Stream<Arguments> defaults(String section, String key, Function<PlatformConfig, Object> read, Object staging, Object production) {
        return Stream.of(Arguments.of("staging", section, key, read, staging), Arguments.of("production", section, key, read, production));
    }

    @ParameterizedTest(name = "{0}: {1}.{2} = {4}")
    @MethodSource("defaults")
    void aSettingLeftOutGetsItsEnvironmentsDefault(String stack, String section, String key, Function<PlatformConfig, Object> read, Object expected) {
        assertThat(read.apply(StackConfigFixture.of(stack).remove(section, key).load())).isEqualTo(expected);
    }
}
