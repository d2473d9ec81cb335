package io.nicsim.bench.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code --verbose} option and the one way every command reports an error: a line {@code error: ...} on stderr
 * (with the stack trace under --verbose), returning the exit code the caller chose from {@link ExitCodes}.
 */
public final class ErrorOutput {

    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean verbose;

    /** Prints {@code error: MESSAGE} (and {@code cause}'s stack trace with --verbose); returns {@code code}. */
    int report(PrintWriter err, String message, Throwable cause, int code) {
        err.println("error: " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Prints {@code error: } and the exception's message (its stack trace with --verbose); returns {@code code}. */
    int report(PrintWriter err, Throwable e, int code) {
        return report(err, e.getMessage(), e, code);
    }
}
