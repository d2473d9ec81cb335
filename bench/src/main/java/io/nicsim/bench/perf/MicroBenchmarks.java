package io.nicsim.bench.perf;

import io.nicsim.bench.jmh.HandoffBenchmark;
import io.nicsim.bench.jmh.PolicyDecisionBenchmark;
import io.nicsim.bench.jmh.RecordAppendBenchmark;
import io.nicsim.bench.jmh.RssHashBenchmark;
import io.nicsim.bench.jmh.WakeupBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JMH micro-benchmarks run from code with short settings, for {@code nicsim bench all}: each benchmark's
 * time per operation and, from JMH's GC profiler, bytes allocated per operation. {@code nicsim bench jmh} runs
 * the same benchmarks with JMH's own (longer) defaults and options.
 */
public final class MicroBenchmarks {

    /** The settings used, as JMH command-line options (so a reader can rerun them). */
    public static final String SETTINGS = "-f 1 -wi 2 -w 500ms -i 3 -r 500ms -prof gc";

    private static final List<Class<?>> CLASSES = List.of(PolicyDecisionBenchmark.class, RecordAppendBenchmark.class,
            WakeupBenchmark.class, HandoffBenchmark.class, RssHashBenchmark.class);

    /**
     * @param benchmark   class and method (or group), e.g. {@code PolicyDecisionBenchmark.deviceDecision}
     * @param param       the {@code policy} parameter, or "" if none
     * @param nsPerOp     average time per operation
     * @param errorNs     JMH's 99.9% error bound on it
     * @param bytesPerOp  allocation per operation ({@code gc.alloc.rate.norm}), NaN if not measured
     * @param otherCores  CPU other processes used while the benchmark's class ran, in cores
     */
    public record Row(String benchmark, String param, double nsPerOp, double errorNs, double bytesPerOp,
                      double otherCores) {
    }

    private MicroBenchmarks() {
    }

    public static List<Row> run(PrintWriter progress) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Class<?> benchmark : CLASSES) {
            progress.printf("JMH %s (%s) ...%n", benchmark.getSimpleName(), SETTINGS);
            progress.flush();
            Options options = new OptionsBuilder()
                    .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500))
                    .addProfiler(GCProfiler.class)
                    .verbosity(VerboseMode.SILENT)
                    .shouldFailOnError(true)
                    .build();
            MachineLoad.awaitQuiet(FloorBenchmark.QUIET_WAIT_NANOS, progress);
            MachineLoad.Sample load = MachineLoad.sample();
            Collection<RunResult> results = new Runner(options).run();
            double otherCores = MachineLoad.since(load).otherCores();
            for (RunResult result : results) {
                rows.add(row(result, otherCores));
            }
        }
        return rows;
    }

    static Row row(RunResult result, double otherCores) {
        String name = result.getParams().getBenchmark();
        String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        String param = result.getParams().getParamsKeys().contains("policy") ? result.getParams().getParam("policy") : "";
        Result<?> primary = result.getPrimaryResult();
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Row(shortName, param, primary.getScore(), primary.getScoreError(),
                alloc == null ? Double.NaN : alloc.getScore(), otherCores);
    }
}
