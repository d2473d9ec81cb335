package io.nicsim.bench.cli;

import io.nicsim.bench.process.ChildJvm;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code nicsim} command line: subcommands for each job. */
@Command(name = "nicsim", mixinStandardHelpOptions = true, version = "nicsim 0.1.0",
        description = "How fast does my code hear about a packet, and what does that cost?%n"
                + "A modeled NIC raises interrupts through Chronicle Queue; real consumers on this JVM are woken by"
                + " them.",
        subcommands = {RunCommand.class, SweepCommand.class, TuneCommand.class, CompareCommand.class,
                ReportCommand.class, InspectCommand.class, ValidateCommand.class, KeysCommand.class, ScaleCommand.class,
                BenchCommand.class, CalibrateCommand.class, SendCommand.class, NicCommand.class, HostCommand.class,
                WorkerCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class NicsimCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with nicsim's error handling: one line on stderr, exit code 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        System.setProperty(ChildJvm.MAIN_PROPERTY, NicsimCli.class.getName()); // tune's replays run nicsim run
        CommandLine cli = new CommandLine(new NicsimCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("error: " + ErrorOutput.oneLine(e.getMessage().replace('\n', ' ')) + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')");
            command.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler(NicsimCli::failed);
        return cli;
    }

    /**
     * Every command's errors end here: one line {@code error: ...} on stderr (the stack trace too with --verbose),
     * and the exit code {@link ExitCodes#of} maps the error to.
     */
    private static int failed(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String message = error.getMessage() != null ? error.getMessage() : error.toString();
        err.println("error: " + ErrorOutput.oneLine(message));
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.hasMatchedOption("--verbose")) {
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(error);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
