package io.nicsim.bench.jmh;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One benchmark class of this module run with short settings ({@value #SETTINGS}) and JMH's GC profiler, its
 * results written as tab-separated rows: benchmark, policy parameter, ns/op, error, bytes/op ({@code NaN} if not
 * measured). {@code nicsim bench all} starts it in a JVM of its own, so JMH stays off the CLI's class path.
 */
public final class ShortRun {

    /** The settings used, as JMH command-line options (so a reader can rerun them). */
    public static final String SETTINGS = "-f 1 -wi 2 -w 500ms -i 3 -r 500ms -prof gc";

    private ShortRun() {
    }

    /** @param args the benchmark class's simple name and the file the rows go to */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ShortRun BENCHMARK_CLASS OUT_FILE");
            System.exit(2);
        }
        String className = ShortRun.class.getPackageName() + "." + args[0];
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(className) + "\\.")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(500))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        StringBuilder rows = new StringBuilder();
        for (RunResult result : new Runner(options).run()) {
            rows.append(row(result)).append('\n');
        }
        write(Path.of(args[1]), rows.toString());
    }

    static String row(RunResult result) {
        String name = result.getParams().getBenchmark();
        String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        String param = result.getParams().getParamsKeys().contains("policy") ? result.getParams().getParam("policy")
                : result.getParams().getParamsKeys().contains("burst") ? "burst " + result.getParams().getParam("burst")
                : "";
        Result<?> primary = result.getPrimaryResult();
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%s", shortName, param, primary.getScore(),
                primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore());
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
