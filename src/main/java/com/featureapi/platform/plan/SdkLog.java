package com.featureapi.platform.plan;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The logger the Pulumi SDK's test engine writes to (it logs through {@code java.util.logging}).
 *
 * <p>Quiet by default: only the program's own warnings and errors ({@code ctx.log().warn/error}) are
 * printed, one line each, and the SDK's dump of a failing program (its command line and a Java stack
 * trace) is dropped, because the caller reports that failure itself in one paragraph. With
 * {@code verbose}, everything from INFO up is printed, stack traces included.
 */
final class SdkLog {

    /** How the SDK starts its report of a program that threw. */
    private static final String FAILURE_DUMP = "Running program [PID";

    private SdkLog() {
    }

    static Logger logger(boolean verbose, PrintWriter diagnostics) {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(verbose ? Level.INFO : Level.WARNING);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < logger.getLevel().intValue()) {
                    return;
                }
                String message = String.valueOf(record.getMessage());
                if (!verbose && (message.startsWith(FAILURE_DUMP) || record.getThrown() != null)) {
                    return;
                }
                String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                        : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning" : "info";
                synchronized (diagnostics) {
                    diagnostics.println("pulumi " + level + ": " + (verbose ? message : firstLine(message)));
                    if (verbose && record.getThrown() != null) {
                        record.getThrown().printStackTrace(diagnostics);
                    }
                    diagnostics.flush();
                }
            }

            @Override
            public void flush() {
                diagnostics.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
        return logger;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
