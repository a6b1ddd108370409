package com.featureapi.platform.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removal of the temporary directories the plan makes (chart working copies) and its tests make. */
final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; nothing when null. A temporary directory left behind is harmless. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // nothing to do: the caller has its result already, and the operating system cleans its temporary directory
        }
    }
}
