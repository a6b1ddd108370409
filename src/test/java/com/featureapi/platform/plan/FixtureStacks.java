package com.featureapi.platform.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The stack files the tests own: {@code src/test/resources/stacks/Pulumi.<stack>.yaml} (and the stacks'
 * {@code cost-usage.<stack>.yaml}). They began as copies of the live stack files and change only with the tests
 * that pin their values, so an ordinary change to {@code Pulumi.<stack>.yaml} (an image tag, replicas, a
 * database class) never breaks a test of the program's behaviour. The live files are checked by
 * {@code LiveStacksTest} for what any valid change must keep.
 */
public final class FixtureStacks {

    /** The fixture stack files and usage files, as committed. */
    public static final Path DIR = Path.of("src/test/resources/stacks");

    private static Path project;

    private FixtureStacks() {
    }

    /** The fixture {@code Pulumi.<stack>.yaml}. */
    public static Path stackFile(String stack) {
        return DIR.resolve("Pulumi." + stack + ".yaml");
    }

    /** The fixture stack as the Pulumi CLI would pass it to the program. */
    public static StackFile load(String stack) {
        return StackFile.load(project(), stack);
    }

    /**
     * A project directory for the fixture stacks, made once per test JVM: the live {@code Pulumi.yaml} (the
     * project, not a stack's values), a copy of {@code charts/} (which the plan renders), the policy pack
     * {@code policies/} as a symbolic link (its {@code node_modules} is large and read-only to the analyzer),
     * and the fixture stack and usage files. The CLI's {@code --project-dir} and the offline engine take it
     * as they take the live project.
     */
    public static synchronized Path project() {
        if (project == null) {
            project = build(TestProject.temporaryDirectory());
        }
        return project;
    }

    private static Path build(Path dir) {
        try {
            Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
            copyTree(Path.of("charts"), dir.resolve("charts"));
            Files.createSymbolicLink(dir.resolve("policies"), Path.of("policies").toAbsolutePath());
            try (Stream<Path> files = Files.list(DIR)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, dir.resolve(file.getFileName().toString()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code from} (a directory) to {@code to}, which must not exist yet. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
