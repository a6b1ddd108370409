package com.featureapi.platform.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway Pulumi project (Pulumi.yaml plus one stack file) for engine tests of small programs. */
public final class TestProject {

    /** The ciphertext of the secret in {@link #STACK_WITH_SECRETS}: it must never be printed. */
    public static final String CIPHERTEXT = "v1:AAAAbm90LXJlYWxseS1lbmNyeXB0ZWQ=";

    public static final String STACK_WITH_SECRETS = """
            config:
              aws:region: eu-central-1
              platform:accountId: "222222222222"
              platform:dbPassword:
                secure: %s
              platform:alerts:
                channel: ops
                webhooks:
                  - secure: %s
            """.formatted(CIPHERTEXT, CIPHERTEXT);

    private TestProject() {
    }

    /** A new temporary directory holding a project with one stack. */
    public static Path inTemporaryDirectory(String stack, String stackYaml) {
        return write(temporaryDirectory(), stack, stackYaml);
    }

    /**
     * A new empty directory, removed with its content when the JVM exits, for what a class shares between its
     * tests ({@code @TempDir} is per test, or needs {@code @BeforeAll}, which PIT cannot credit to every test).
     */
    public static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("test-project");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code Pulumi.yaml} (project "platform") and {@code Pulumi.<stack>.yaml} into {@code dir}. */
    public static Path write(Path dir, String stack, String stackYaml) {
        try {
            Files.writeString(dir.resolve("Pulumi.yaml"), "name: platform\nruntime: java\n");
            Files.writeString(dir.resolve("Pulumi." + stack + ".yaml"), stackYaml);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
