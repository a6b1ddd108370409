package com.featureapi.platform.cli;

import picocli.CommandLine;
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
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (kept apart from {@link #main} so tests can call it). */
    public static int run(String... args) {
        return new CommandLine(new PlatformCli()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: platform plan --stack staging");
    }
}
