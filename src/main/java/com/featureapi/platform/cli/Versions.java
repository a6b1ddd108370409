package com.featureapi.platform.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * {@code platform -V}: this tool's version and what it is pinned to. The Maven pins are written into
 * {@code platform-version.properties} at build time; each provider's plugin version is the one its SDK jar
 * declares ({@code com/pulumi/<provider>/version.txt}), which is what {@code pulumi up} installs.
 */
final class Versions implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties pins = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/platform-version.properties")) {
            if (in != null) {
                pins.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // reported as unknown below
        }
        return List.of(
                "platform " + pins.getProperty("platform.version", "(unknown)"),
                "Pulumi Java SDK com.pulumi:pulumi " + pins.getProperty("pulumi.version", "(unknown)"),
                "provider com.pulumi:aws " + pins.getProperty("pulumi-aws.version", "(unknown)") + " (resource plugin aws " + plugin("aws") + ")",
                "provider com.pulumi:kubernetes " + pins.getProperty("pulumi-kubernetes.version", "(unknown)")
                        + " (resource plugin kubernetes " + plugin("kubernetes") + ")",
                "Helm com.marcnuri.helm-java:helm-java " + pins.getProperty("helm-java.version", "(unknown)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "") + ")"
        ).toArray(String[]::new);
    }

    private static String plugin(String provider) {
        try (InputStream in = Versions.class.getResourceAsStream("/com/pulumi/" + provider + "/version.txt")) {
            return in == null ? "(unknown)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(unknown)";
        }
    }
}
