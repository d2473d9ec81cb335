package io.nicsim.bench.perf;

import io.nicsim.bench.process.ChildRun;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nicsim bench repeat}: how far the default study's figures move between identical runs on this machine. The
 * study played as a user plays it ({@code nicsim run}, a JVM each time, with its JIT warm-up round and rounds)
 * {@code repeats} times in its order, then once with the consumers in reverse order; per consumer the median, range
 * and spread of the median-of-rounds p50 and p99 across the repeats, and the reversed run's p50 against that median.
 */
public final class RepeatBenchmark {

    /** Target: every repeat's p50 within this fraction of the consumer's median p50. */
    public static final double P50_SPREAD = 0.10;
    /** Target: the largest p99 within this factor of the smallest. */
    public static final double P99_FACTOR = 2.0;
    /** Target: the reversed order's p50 within this fraction of the median. */
    public static final double ORDER_SHIFT = 0.10;

    /**
     * @param repeats       times the study plays in its order
     * @param warmupNanos   warm-up of each run ({@code run.warmup})
     * @param durationNanos measured time of each consumer over its rounds ({@code run.duration})
     * @param rounds        rounds of each study ({@code run.rounds})
     */
    public record Options(int repeats, long warmupNanos, long durationNanos, int rounds) {
    }

    /** The longest one study may take before the benchmark gives up on it. */
    private static final long STUDY_TIMEOUT_MINUTES = 15;

    /**
     * One consumer's figures.
     *
     * @param p50Nanos        p50 of each repeat, in order
     * @param p99Nanos        p99 of each repeat
     * @param reversedP50Nanos p50 of the run with the consumers in reverse order
     */
    public record Consumer(String name, long[] p50Nanos, long[] p99Nanos, long reversedP50Nanos) {

        long medianP50() {
            return median(p50Nanos);
        }

        long medianP99() {
            return median(p99Nanos);
        }

        /** @return the largest distance of a repeat's p50 from the median, as a fraction of it */
        double p50Spread() {
            long median = medianP50();
            long worst = 0;
            for (long p50 : p50Nanos) {
                worst = Math.max(worst, Math.abs(p50 - median));
            }
            return median == 0 ? 0 : (double) worst / median;
        }

        double p99Factor() {
            long min = Arrays.stream(p99Nanos).min().orElse(0);
            long max = Arrays.stream(p99Nanos).max().orElse(0);
            return min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
        }

        double orderShift() {
            long median = medianP50();
            return median == 0 ? 0 : (double) (reversedP50Nanos - median) / median;
        }
    }

    public record Result(Options options, Machine machine, String command, List<Consumer> consumers,
                         double otherCores, long wallNanos) {
    }

    private RepeatBenchmark() {
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    public static Result run(Options options, String command, PrintWriter progress) throws Exception {
        long start = System.nanoTime();
        List<String> order = ScenarioLoader.load(null, List.of()).host().consumers();
        Map<String, long[]> p50 = new LinkedHashMap<>();
        Map<String, long[]> p99 = new LinkedHashMap<>();
        for (String consumer : order) {
            p50.put(consumer, new long[options.repeats()]);
            p99.put(consumer, new long[options.repeats()]);
        }
        MachineLoad.Sample load = MachineLoad.sample();
        try (ScratchDir scratch = ScratchDir.create("repeat")) {
            for (int r = 0; r < options.repeats(); r++) {
                Summary summary = runStudy(options, order, scratch.resolve("repeat-" + r), progress,
                        "repeat " + (r + 1) + "/" + options.repeats());
                for (RunResult run : summary.runs()) {
                    p50.get(run.consumer())[r] = run.notificationFigure("p50");
                    p99.get(run.consumer())[r] = run.notificationFigure("p99");
                }
            }
            Map<String, Long> reversed = new LinkedHashMap<>();
            Summary summary = runStudy(options, order.reversed(), scratch.resolve("reversed"), progress,
                    "reversed order");
            summary.runs().forEach(run -> reversed.put(run.consumer(), run.notificationFigure("p50")));
            List<Consumer> consumers = new ArrayList<>();
            for (String consumer : order) {
                consumers.add(new Consumer(consumer, p50.get(consumer), p99.get(consumer), reversed.get(consumer)));
            }
            return new Result(options, Machine.current(), command, consumers, MachineLoad.since(load).otherCores(),
                    System.nanoTime() - start);
        }
    }

    /**
     * Plays the default study as a user does, {@code nicsim run} in a JVM of its own (its JIT warm-up round, its
     * rounds), with the consumers in {@code order}.
     */
    private static Summary runStudy(Options options, List<String> order, Path dir, PrintWriter progress, String what)
            throws Exception {
        progress.printf(Locale.ROOT, "%s: nicsim run ...", what);
        progress.flush();
        Summary summary = ChildRun.run(List.of("--quiet", "--duration", options.durationNanos() + "ns", "--set",
                "run.warmup=" + options.warmupNanos() + "ns", "--set", "run.rounds=" + options.rounds(), "--set",
                "host.consumer=" + String.join(",", order), "--set", "run.memoryProbeWaiters=0"), dir,
                STUDY_TIMEOUT_MINUTES, "nicsim run");
        ScratchDir.delete(dir);
        StringBuilder figures = new StringBuilder();
        for (RunResult run : summary.runs()) {
            figures.append(String.format(Locale.ROOT, "%n  %-16s p50 %s us, p99 %s us", run.consumer(),
                    Format.micros(run.notificationFigure("p50")), Format.micros(run.notificationFigure("p99"))));
        }
        progress.printf(Locale.ROOT, " JIT warm-up %s%s%n", summary.jitWarmup() == null ? "none"
                : Units.describeDuration(summary.jitWarmup().wallNanos()) + " (" + summary.jitWarmup().ended() + ")",
                figures);
        progress.flush();
        return summary;
    }

    static TextTable table(Result result) {
        TextTable table = new TextTable("consumer", "p50 us median (range)", "p50 spread", "p99 us median (range)",
                "p99 max/min", "reversed p50 us", "order shift");
        for (Consumer c : result.consumers()) {
            table.row(c.name(), Format.micros(c.medianP50()) + " (" + range(c.p50Nanos()) + ")",
                    percent(c.p50Spread()) + mark(c.p50Spread() <= P50_SPREAD),
                    Format.micros(c.medianP99()) + " (" + range(c.p99Nanos()) + ")",
                    String.format(Locale.ROOT, "%.2fx", c.p99Factor()) + mark(c.p99Factor() <= P99_FACTOR),
                    Format.micros(c.reversedP50Nanos()),
                    String.format(Locale.ROOT, "%+.0f%%", 100 * c.orderShift())
                            + mark(Math.abs(c.orderShift()) <= ORDER_SHIFT));
        }
        return table;
    }

    private static String range(long[] values) {
        long min = Arrays.stream(values).min().orElse(0);
        long max = Arrays.stream(values).max().orElse(0);
        return Format.micros(min) + ".." + Format.micros(max);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String mark(boolean met) {
        return met ? " ok" : " miss";
    }

    static String header(Result r) {
        return String.format(Locale.ROOT, "The default study (paced, `nicsim run` in a JVM of its own each time) %d"
                + " times, then once with the consumers in reverse order; %d rounds per study, %s measured per"
                + " consumer over them, %s warm-up per round; figures are medians over rounds; %s; other processes"
                + " used %s cores meanwhile; %s in all", r.options().repeats(), r.options().rounds(),
                Units.formatDuration(r.options().durationNanos()), Units.formatDuration(r.options().warmupNanos()),
                r.machine().describe(),
                MachineLoad.cores(r.otherCores()), ValidationBenchmark.minutes(r.wallNanos()));
    }

    static List<String> targets(Result r) {
        long p50Met = r.consumers().stream().filter(c -> c.p50Spread() <= P50_SPREAD).count();
        long p99Met = r.consumers().stream().filter(c -> c.p99Factor() <= P99_FACTOR).count();
        long orderMet = r.consumers().stream().filter(c -> Math.abs(c.orderShift()) <= ORDER_SHIFT).count();
        int n = r.consumers().size();
        return List.of(
                String.format(Locale.ROOT, "p50 within +-%.0f%% across repeats: %d of %d consumers", 100 * P50_SPREAD,
                        p50Met, n),
                String.format(Locale.ROOT, "p99 within a factor %.0f across repeats: %d of %d consumers", P99_FACTOR,
                        p99Met, n),
                String.format(Locale.ROOT, "reversing the order moves p50 by at most %.0f%%: %d of %d consumers",
                        100 * ORDER_SHIFT, orderMet, n));
    }

    public static String text(Result result) {
        StringBuilder out = new StringBuilder(header(result)).append("\n\n").append(table(result).text()).append('\n');
        targets(result).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    public static String markdown(Result result) {
        return "# Repeatability of the default study\n\nGenerated by `" + result.command()
                + "`; do not edit by hand: rerun it.\n\n" + section(result);
    }

    /** @return the header, the table and the targets, as a section of a larger document */
    public static String section(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append(".\n\n").append(table(result).markdown()).append('\n');
        targets(result).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
