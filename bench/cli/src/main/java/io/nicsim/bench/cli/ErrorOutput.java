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

    /**
     * An error is one line whatever its message holds: a line break inside it (a value typed with one, echoed back) is
     * written as {@code \n}, so scripts reading stderr line by line see one error.
     */
    static String oneLine(String message) {
        return String.valueOf(message).replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Prints {@code error: } and the exception's message (its stack trace with --verbose); @return its exit code */
    int report(PrintWriter err, Throwable e) {
        err.println("error: " + oneLine(e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }
}
