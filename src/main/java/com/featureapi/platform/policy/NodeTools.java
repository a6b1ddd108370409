package com.featureapi.platform.policy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the machine's own node and npm on the PATH: the pack runs on them, nothing is downloaded. */
final class NodeTools {

    private NodeTools() {
    }

    static String node() {
        return find("node").orElseThrow(() -> missing("node"));
    }

    static String npm() {
        return find("npm").orElseThrow(() -> missing("npm"));
    }

    private static PolicyException missing(String tool) {
        return PolicyException.failure("the policy check needs Node.js 20 and npm, but `" + tool + "` is not on the PATH: "
                + "install Node.js 20 (for example from your package manager or https://nodejs.org) and run the command again");
    }

    static Optional<String> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : windows ? new String[] {tool + ".exe", tool + ".cmd"} : new String[] {tool}) {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
