package com.featureapi.platform.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The review's cache of jars and node_modules: found by content key, bounded by age and size, oldest out first. */
class BuildCacheTest {

    @TempDir
    Path dir;

    private Path jar(String name, int bytes) throws Exception {
        Path built = dir.resolve("built-" + name + ".jar");
        Files.write(built, new byte[bytes]);
        return built;
    }

    @Test
    void aKeptJarIsFoundByItsKeyAndTheLeastRecentlyUsedGoFirstWhenTheSizeIsExceeded() throws Exception {
        BuildCache cache = new BuildCache(dir.resolve("cache"), 2_500, Duration.ofDays(14));
        cache.keepJar("aaaa", jar("a", 1_000));
        cache.keepJar("bbbb", jar("b", 1_000));
        Files.setLastModifiedTime(dir.resolve("cache/jars/aaaa"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(dir.resolve("cache/jars/bbbb"), FileTime.from(Instant.now().minusSeconds(120)));
        FileTime built = Files.getLastModifiedTime(dir.resolve("cache/jars/aaaa/platform.jar"));
        assertThat(cache.jar("aaaa")).contains(dir.resolve("cache/jars/aaaa/platform.jar"));   // used again: now the newest
        // the entry is touched, not the jar: the JVM maps the jar's class-data archive only while the jar's time is unchanged
        assertThat(Files.getLastModifiedTime(dir.resolve("cache/jars/aaaa/platform.jar"))).isEqualTo(built);
        assertThat(BuildCache.archiveOf(dir.resolve("cache/jars/aaaa/platform.jar"))).isEqualTo(dir.resolve("cache/jars/aaaa/platform.jsa"));
        cache.keepJar("cccc", jar("c", 1_000));        // 3000 bytes > 2500: the least recently used (bbbb) goes

        assertThat(cache.jar("bbbb")).isEmpty();
        assertThat(cache.jar("aaaa")).isPresent();
        assertThat(cache.jar("cccc")).isPresent();
        assertThat(cache.jar("dddd")).isEmpty();
        assertThat(dir.resolve("cache/jars")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void entriesUnusedForLongerThanTheAgeLimitGoWhateverTheSize() throws Exception {
        BuildCache cache = new BuildCache(dir.resolve("cache"), 1_000_000, Duration.ofDays(14));
        cache.keepJar("old", jar("old", 10));
        Path area = cache.installArea();
        Files.createDirectories(area.resolve("node_modules/@pulumi/policy"));
        Files.writeString(area.resolve("node_modules/@pulumi/policy/package.json"), "{}");
        Path modules = cache.keepNodeModules("lock1", area);
        assertThat(modules).isEqualTo(dir.resolve("cache/node_modules/lock1/node_modules"));
        assertThat(cache.nodeModules("lock1")).contains(modules);

        Files.setLastModifiedTime(dir.resolve("cache/jars/old"), FileTime.from(Instant.now().minus(Duration.ofDays(15))));
        Files.setLastModifiedTime(dir.resolve("cache/node_modules/lock1"), FileTime.from(Instant.now().minus(Duration.ofDays(20))));
        cache.keepJar("new", jar("new", 10));

        assertThat(cache.jar("old")).isEmpty();
        assertThat(cache.nodeModules("lock1")).isEmpty();
        assertThat(dir.resolve("cache/node_modules/lock1")).doesNotExist();
        assertThat(cache.jar("new")).isPresent();
    }
}
