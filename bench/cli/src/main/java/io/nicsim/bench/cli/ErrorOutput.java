package io.nicsim.bench.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code --verbose} option: an error's stack trace after its one line. Errors a command throws are printed by
 * {@link NicsimCli}'s handler and mapped to exit codes by {@link ExitCodes#of}; a command that goes on after an error
 * (validate, one file after another) prints it here, in the same form.
 */
public final class ErrorOutput {

    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean verbose;

    /** Prints {@code error: } and the exception's message (its stack trace with --verbose); @return its exit code */
    int report(PrintWriter err, Throwable e) {
        err.println("error: " + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }
}
