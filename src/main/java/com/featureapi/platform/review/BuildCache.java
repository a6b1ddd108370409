package com.featureapi.platform.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Jars and policy-pack {@code node_modules} of earlier reviews, named by the content they were made from
 * ({@link BuildInputs}): {@code jars/<build key>/platform.jar} (with its class-data archive) and {@code node_modules/<lockfile hash>/node_modules}.
 * Each use touches the entry; after each addition the cache is bounded: entries unused for
 * longer than the age limit go, then the least recently used until the size fits.
 */
public final class BuildCache {

    /** About eight jars of today's size (120 MB each), or six with two installs of the pack's dependencies. */
    public static final long MAX_BYTES = 1024L * 1024 * 1024;
    public static final Duration MAX_AGE = Duration.ofDays(14);
    private static final String JAR = "platform.jar";

    private final Path dir;
    private final long maxBytes;
    private final Duration maxAge;

    public BuildCache(Path dir, long maxBytes, Duration maxAge) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The jar built from {@code buildKey}, when an earlier review kept it. Its entry (the folder) is touched, never the
     * jar: the class-data archive beside it ({@link #archiveOf}) holds only while the jar's modification time is the one
     * it was made with.
     */
    public Optional<Path> jar(String buildKey) {
        Path entry = dir.resolve("jars").resolve(buildKey);
        Path jar = entry.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        touch(entry);
        return Optional.of(jar);
    }

    /**
     * Keeps a copy of a freshly built jar under its key, {@code jars/<key>/platform.jar} (written aside, then moved:
     * a reader never sees half a jar).
     */
    public Path keepJar(String buildKey, Path built) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Path entry = jars.resolve(buildKey);
        Path partial = Files.createDirectory(jars.resolve(buildKey + "." + UUID.randomUUID() + ".part"));
        try {
            Files.copy(built, partial.resolve(JAR));
            Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isRegularFile(entry.resolve(JAR))) {
                throw raced;
            }
        } finally {
            delete(partial);   // another review kept the same jar first
        }
        touch(entry);
        evict();
        return entry.resolve(JAR);
    }

    /**
     * The class-data (AppCDS) archive of a jar: {@code platform.jsa} beside it, written by the JVM at the end of the
     * jar's first plan ({@code -XX:ArchiveClassesAtExit}) and mapped by every later one ({@code -XX:SharedArchiveFile}).
     */
    public static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /** The installed node_modules of a lockfile, when an earlier review installed it. */
    public Optional<Path> nodeModules(String lockKey) {
        Path entry = dir.resolve("node_modules").resolve(lockKey);
        Path modules = entry.resolve("node_modules");
        if (!Files.isDirectory(modules)) {
            return Optional.empty();
        }
        touch(entry);
        return Optional.of(modules);
    }

    /**
     * Takes over a finished install (a folder with package.json, package-lock.json and node_modules, made in
     * {@link #installArea()}) as the entry of {@code lockKey}.
     */
    public Path keepNodeModules(String lockKey, Path installed) throws IOException {
        Path entries = Files.createDirectories(dir.resolve("node_modules"));
        Path entry = entries.resolve(lockKey);
        try {
            Files.move(installed, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isDirectory(entry.resolve("node_modules"))) {
                throw raced;
            }
            delete(installed);   // another review installed the same lockfile first
        }
        touch(entry);
        evict();
        return entry.resolve("node_modules");
    }

    /** A fresh folder inside the cache (same file system, so the finished install moves in atomically). */
    public Path installArea() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(dir), "install-");
    }

    /** Drops entries unused for longer than the age limit, then the least recently used until the total fits. */
    public void evict() {
        List<Entry> entries = new ArrayList<>();
        for (String kind : List.of("jars", "node_modules")) {
            Path folder = dir.resolve(kind);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> !p.getFileName().toString().endsWith(".part"))
                        .forEach(p -> entries.add(new Entry(p, lastUsed(p), size(p))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        entries.sort(Comparator.comparing(Entry::lastUsed));
        Instant oldest = Instant.now().minus(maxAge);
        long total = entries.stream().mapToLong(Entry::bytes).sum();
        for (Entry entry : entries) {
            if (entry.lastUsed().isBefore(oldest) || total > maxBytes) {
                delete(entry.path());
                total -= entry.bytes();
            }
        }
    }

    private record Entry(Path path, Instant lastUsed, long bytes) {
    }

    private static void touch(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // an entry that cannot be touched is only evicted earlier
        }
    }

    private static Instant lastUsed(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long size(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static void delete(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // gone already
        }
    }
}
