package com.featureapi.platform.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/** Entry point of {@code ./platform}: the offline tooling around the Pulumi program. */
@Command(name = "platform",
        mixinStandardHelpOptions = true,
        description = "Offline tooling of the platform Pulumi program: plan a stack without AWS or the Pulumi CLI.",
        subcommands = {PlanCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the plan was written",
                "1:the program failed for another reason",
                "2:invalid configuration or usage"})
public final class PlatformCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI and returns its exit code (kept apart from {@link #main} so tests can call it). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new PlatformCli()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: platform plan --stack staging");
    }
}
