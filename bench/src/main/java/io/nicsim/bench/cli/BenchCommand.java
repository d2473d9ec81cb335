package io.nicsim.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim bench}: benchmarks of nicsim's own costs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of nicsim's own costs.",
        subcommands = {BenchCommand.Jmh.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nicsim bench jmh [JMH args]}: the JMH micro-benchmarks, with JMH's own options. */
    @Command(name = "jmh", description = {
            "Run the JMH micro-benchmarks (policy decisions, Chronicle record append and read).",
            "Every argument goes to JMH, e.g.: nicsim bench jmh PolicyDecision -prof gc",
            "Forked JVMs inherit this JVM's flags (the Chronicle flags of jvm.options)."},
            mixinStandardHelpOptions = false)
    static final class Jmh implements Callable<Integer> {

        /** Everything after {@code jmh}, options included, goes to JMH untouched. */
        @Unmatched
        List<String> jmhArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return ExitCodes.OK;
        }
    }
}
