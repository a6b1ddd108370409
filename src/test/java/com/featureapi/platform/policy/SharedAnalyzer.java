package com.featureapi.platform.policy;

import java.nio.file.Path;

/**
 * The project's policy pack, started once per test JVM through the real analyzer (node + @pulumi/policy)
 * and shared by every test that needs verdicts; its process is stopped by its shutdown hook at JVM exit.
 */
public final class SharedAnalyzer {

    private static Analyzer analyzer;

    private SharedAnalyzer() {
    }

    public static synchronized Analyzer get() {
        if (analyzer == null) {
            analyzer = Analyzer.start(PolicyPackDir.of(Path.of("policies")), PolicyLog.quiet());
        }
        return analyzer;
    }
}
