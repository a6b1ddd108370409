package com.featureapi.platform.data;

import com.featureapi.platform.config.CacheConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine parameters of the Redis parameter group: eviction always, active defragmentation when the stack says so. */
class CacheParametersTest {

    private static CacheConfig cache(boolean activeDefrag) {
        return new CacheConfig("7.1", "cache.r5.large", 3, 7, "06:00-07:00", "sun:08:00-sun:09:00", 30, false, activeDefrag);
    }

    @Test
    void leastRecentlyUsedEvictionAlwaysAndActiveDefragmentationOnlyWhenTurnedOn() {
        assertThat(Cache.parameters(cache(false))).containsExactly(Map.entry("maxmemory-policy", "allkeys-lru"));
        assertThat(Cache.parameters(cache(true)))
                .containsExactly(Map.entry("maxmemory-policy", "allkeys-lru"), Map.entry("activedefrag", "yes"));
    }
}
