package com.featureapi.platform.observability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's PostgreSQL 17 client and BusyBox from {@code tools/pg-client} ({@code ./mvnw verify} installs them in
 * generate-test-resources), for tests that run the project's shell scripts the way their containers and CI jobs do.
 */
final class PgClient {

    static final Path BIN = Path.of("tools/pg-client/dist/bin");

    record Result(int exitCode, String output) {
    }

    private PgClient() {
    }

    static void requireInstalled() {
        if (!Files.isExecutable(BIN.resolve("pg_dump")) || !Files.isExecutable(BIN.resolve("busybox"))) {
            fail("PostgreSQL 17 client tools are missing in " + BIN + ": run `bash tools/pg-client/install.sh` "
                    + "(./mvnw verify runs it in generate-test-resources)");
        }
    }

    /**
     * A script under BusyBox's sh with the client tools and BusyBox's applets (gzip, cat, rm) first on the PATH and
     * nothing else of this machine's environment; {@code scratch} holds the applet links.
     */
    static Result busybox(Path scratch, Path workingDirectory, Map<String, String> env, String script) throws Exception {
        Path applets = scratch.resolve("applets");
        if (!Files.isDirectory(applets)) {
            Files.createDirectories(applets);
            run(scratch, BIN.resolve("busybox").toAbsolutePath().toString(), "--install", "-s", applets.toString());
        }
        ProcessBuilder process = new ProcessBuilder(BIN.resolve("busybox").toAbsolutePath().toString(), "sh", "-c", script)
                .directory(workingDirectory.toFile()).redirectErrorStream(true);
        process.environment().clear();
        process.environment().put("PATH", BIN.toAbsolutePath() + ":" + applets);
        process.environment().putAll(env);
        return await(process.start());
    }

    static void run(Path workingDirectory, String... command) throws Exception {
        Result result = await(new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start());
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    }

    private static Result await(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
