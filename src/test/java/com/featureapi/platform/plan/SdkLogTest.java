package com.featureapi.platform.plan;

import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SDK's log lines become on the CLI's standard error, quiet and verbose. */
class SdkLogTest {

    private final StringWriter err = new StringWriter();

    private Logger logger(boolean verbose) {
        return SdkLog.logger(verbose, new PrintWriter(err, true));
    }

    @Test
    void quietShowsTheFirstLineOfTheProgramsWarningsAndErrorsOnly() {
        Logger log = logger(false);
        log.info("registering 243 resources");
        log.warning("private subnet /24 holds 251 pod addresses\nsee docs/operations.md");
        log.severe("the program failed");
        log.severe("Running program [PID 42] java -cp ... com.featureapi.platform.App\n\tat App.main");
        log.log(java.util.logging.Level.SEVERE, "exception while registering", new IllegalStateException("boom"));
        assertThat(err.toString()).isEqualTo("""
                pulumi warning: private subnet /24 holds 251 pod addresses
                pulumi error: the program failed
                """);
    }

    @Test
    void verboseShowsInfoWholeMessagesAndStackTraces() {
        Logger log = logger(true);
        log.fine("not even verbose shows this");
        log.info("registering\n243 resources");
        log.log(java.util.logging.Level.WARNING, "Running program [PID 42] failed", new IllegalStateException("boom"));
        assertThat(err.toString()).startsWith("pulumi info: registering\n243 resources\npulumi warning: Running program [PID 42] failed\n"
                + "java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void flushingOrClosingTheHandlerFlushesTheDiagnostics() {
        PrintWriter buffered = new PrintWriter(new BufferedWriter(err));
        Logger log = SdkLog.logger(false, buffered);
        buffered.print("pending");
        assertThat(err.toString()).isEmpty();
        log.getHandlers()[0].flush();
        assertThat(err.toString()).isEqualTo("pending");
        buffered.print(" and more");
        log.getHandlers()[0].close();
        assertThat(err.toString()).isEqualTo("pending and more");
        assertThat(log.getUseParentHandlers()).as("nothing reaches the JVM's root console handler").isFalse();
    }
}
