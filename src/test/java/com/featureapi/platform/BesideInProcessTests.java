package com.featureapi.platform;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that spends its time waiting on another process (the CrossGuard analyzer in node, Mermaid's
 * parser, PostgreSQL, child JVMs) runs beside the in-process test classes, which run one after another, so the
 * second core works while this one waits. The shared lock keeps it to one such class at a time and makes its
 * own tests run one after another, as in any class.
 *
 * <p>Only {@code ./mvnw test/verify} turns this on (surefire's JUnit configuration in pom.xml); PIT runs every
 * test in one thread. What makes it safe: {@code OfflineEngine.run} takes turns on the SDK's static deployment
 * state and an analyzer's analyses ({@code AnalyzerSession}) on the node process's configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(BesideInProcessTests.LANE)
public @interface BesideInProcessTests {

    /** The one lane that these classes share. */
    String LANE = "beside-in-process-tests";
}
