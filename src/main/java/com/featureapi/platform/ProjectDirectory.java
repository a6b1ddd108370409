package com.featureapi.platform;

import java.nio.file.Path;

/**
 * The Pulumi project's folder, which relative paths of the program (the local chart) are resolved against.
 * Under {@code pulumi up} that is the working directory; the offline engine plans a project given by
 * {@code --project-dir} (a review plans another commit's worktree) and says so here for the run.
 */
public final class ProjectDirectory {

    private static volatile Path current;

    private ProjectDirectory() {
    }

    /** The project folder of the run in progress: the one the offline engine set, else the working directory. */
    public static Path get() {
        Path dir = current;
        return dir != null ? dir : Path.of("");
    }

    /** Set by the offline engine around one run (runs take turns); null restores the working directory. */
    public static void set(Path dir) {
        current = dir;
    }
}
