package com.featureapi.platform.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 digest of a local chart's files (each relative path and its bytes, in path order). The Kubernetes
 * provider the Java SDK pins (plugin 4.0.0) upgrades a Helm release only when the release's inputs change, and later
 * 4.x plugins only when the chart's version changes (pulumi/pulumi-kubernetes#2672): a template edit under the same
 * chart version would never deploy. Fed into the release's values, the digest makes every edit of the chart an
 * input change, and so an upgrade.
 */
public final class ChartDigest {

    private ChartDigest() {
    }

    /** {@code sha256:<hex>} of every regular file under {@code chartDir}. */
    public static String of(Path chartDir) {
        if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no Helm chart at " + chartDir.toAbsolutePath().normalize()
                    + " (Chart.yaml missing): run the program from the project directory, where " + Charts.FEATURE_API_PATH + " is");
        }
        try (Stream<Path> walk = Files.walk(chartDir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                // Separators keep "a" + "bc" apart from "ab" + "c"; '/' keeps the digest the same on every OS.
                String relative = chartDir.relativize(file).toString().replace('\\', '/');
                sha256.update(relative.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                byte[] content = Files.readAllBytes(file);
                sha256.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(content);
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart at " + chartDir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
