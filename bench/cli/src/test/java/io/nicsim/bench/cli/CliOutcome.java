package io.nicsim.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * What a nicsim command run in this JVM left: its exit code and everything it printed.
 *
 * @param code its exit code
 * @param out  its standard output
 * @param err  its standard error
 */
public record CliOutcome(int code, String out, String err) {

    /** @return the outcome of {@code nicsim ARGS}, run in this JVM with its output captured */
    public static CliOutcome of(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        return new CliOutcome(code, out.toString(), err.toString());
    }
}
