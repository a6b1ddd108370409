package com.featureapi.platform.cli;

import com.featureapi.platform.App;
import com.featureapi.platform.plan.Interrupts;
import com.featureapi.platform.plan.OfflineEngine;
import picocli.CommandLine;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** Entry point of {@code ./platform}: the offline tooling around the Pulumi program. */
@Command(name = "platform",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        description = "Offline tooling of the platform Pulumi program: plan a stack without AWS or the Pulumi CLI and check it with the policy packs.",
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the plan was written (and no mandatory policy is violated)",
                "1:a mandatory policy is violated, or the program failed for another reason",
                "2:invalid configuration or usage"})
public final class PlatformCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Ctrl-C: Interrupts undoes what the command made and prints one line; whatever the interrupted
        // command still prints is dropped.
        Interrupts.install();
        PrintWriter out = Interrupts.silencedOnInterrupt(System.out);
        PrintWriter err = Interrupts.silencedOnInterrupt(System.err);
        int exitCode = run(out, err, args);
        Interrupts.finished();
        System.exit(exitCode);
    }

    /** Runs the CLI on the real program and returns its exit code (kept apart from {@link #main} so tests can call it). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, App::define, args);
    }

    /** Runs the CLI with {@code program} in place of {@link App#define}: how tests plan small programs. */
    public static int run(PrintWriter out, PrintWriter err, OfflineEngine.Program program, String... args) {
        CommandLine cli = new CommandLine(new PlatformCli())
                .addSubcommand("plan", new PlanCommand(program))
                .addSubcommand("check", new CheckCommand())
                .addSubcommand("cost", new CostCommand())
                .addSubcommand("diff", new DiffCommand())
                .addSubcommand("review", new ReviewCommand(program))
                .setOut(out)
                .setErr(err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            // A bug of this tool or an I/O failure: one paragraph, the stack trace only on request.
            boolean verbose = commandLine.getCommand() instanceof PlanCommand plan && plan.verbose()
                    || commandLine.getCommand() instanceof CheckCommand check && check.verbose()
                    || commandLine.getCommand() instanceof ReviewCommand review && review.verbose();
            commandLine.getErr().println("error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage()
                    + (verbose ? "" : " (run again with --verbose for the stack trace)"));
            if (verbose) {
                exception.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: platform plan --stack staging");
    }
}
