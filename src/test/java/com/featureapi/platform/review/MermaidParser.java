package com.featureapi.platform.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Mermaid's own parser (tools/ci-check/mermaid-check.mjs: the `mermaid` package under node with a
 * jsdom window) on a Markdown document. {@code ./mvnw verify} installs tools/ci-check before the tests.
 */
final class MermaidParser {

    record Result(int exitCode, String errors) {
    }

    private MermaidParser() {
    }

    static Result check(String markdown) throws IOException, InterruptedException {
        Path checker = Path.of("tools/ci-check/mermaid-check.mjs").toAbsolutePath();
        if (!Files.isDirectory(checker.getParent().resolve("node_modules/mermaid"))) {
            throw new IllegalStateException("tools/ci-check/node_modules is missing: run `./mvnw verify` (or `node tools/ci-check/install.mjs`) first");
        }
        Path file = Files.createTempFile("review-", ".md");
        try {
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder("node", checker.toString(), file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mermaid-check did not finish in 120 s");
            }
            return new Result(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
