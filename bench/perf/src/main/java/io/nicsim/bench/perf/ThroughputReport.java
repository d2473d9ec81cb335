package io.nicsim.bench.perf;

import io.nicsim.bench.scenario.Units;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link ThroughputBenchmark.Result}: the definition, the raw rates, one row per configuration. */
public final class ThroughputReport {

    /** Target: packets per second sustained with coalesce rxFrames=64 and busy-poll. */
    public static final double TARGET_RATE = 5e6;
    /** Target: that rate as a fraction of the raw append rate. */
    public static final double TARGET_FRACTION_OF_RAW = 0.5;

    private ThroughputReport() {
    }

    static String header(ThroughputBenchmark.Result result) {
        ThroughputBenchmark.Options o = result.options();
        RateSearch.Limits l = o.limits();
        return String.format("throughput: %s traffic, seed %d; each trial %s warm-up + %s judged; rate search from %s"
                        + " pps, doubling until a failure, then bisecting to %s, at most %d trials and %s per"
                        + " configuration", o.kind(), o.seed(), Units.formatDuration(o.trialWarmupNanos()),
                Units.formatDuration(o.trialDurationNanos()), Format.rate(l.startRate()),
                Format.percent(l.resolution()), l.maxTrials(), Units.formatDuration(l.budgetNanos()));
    }

    static String rawLine(ThroughputBenchmark.Result result) {
        return String.format("raw Chronicle append of the same descriptor records (nicsim's queue settings, same"
                        + " tmpfs): %s/s on one thread; %s/s appended on one thread and read by a spinning tailer on"
                        + " the other", Format.rate(result.raw().appendPerSecond()),
                Format.rate(result.raw().appendAndTailPerSecond()));
    }

    static TextTable table(ThroughputBenchmark.Result result) {
        TextTable table = new TextTable("configuration", "sustained pps", "vs raw append", "first failure",
                "lateness p50/p90/p99 us", "notify p50/p99 us", "trials", "stopped by");
        for (ThroughputBenchmark.ConfigResult config : result.configs()) {
            RateSearch.Outcome<ThroughputBenchmark.Trial> search = config.search();
            ThroughputBenchmark.Trial best = trialAt(search, search.highestSustained());
            ThroughputBenchmark.Trial failed = trialAt(search, search.lowestFailed());
            table.row(config.config().label(),
                    search.highestSustained() > 0 ? Format.rate(search.highestSustained()) : "none",
                    Format.percent(search.highestSustained() / result.raw().appendPerSecond()),
                    failed == null ? "-" : Format.rate(failed.ratePerSecond()) + " (" + failed.reason() + ")",
                    best == null ? "-" : Format.micros(best.lateness().p50()) + " / "
                            + Format.micros(best.lateness().p90()) + " / " + Format.micros(best.lateness().p99()),
                    best == null ? "-" : Format.micros(best.notification().p50()) + " / "
                            + Format.micros(best.notification().p99()),
                    Integer.toString(search.steps().size()), search.stoppedBy());
        }
        return table;
    }

    private static ThroughputBenchmark.Trial trialAt(RateSearch.Outcome<ThroughputBenchmark.Trial> search,
            double rate) {
        return search.steps().stream().filter(step -> step.ratePerSecond() == rate).map(RateSearch.Step::outcome)
                .findFirst().orElse(null);
    }

    static TextTable steps(ThroughputBenchmark.Result result) {
        TextTable table = new TextTable("configuration", "rate pps", "try", "result", "delivered",
                "lateness p50/p90/p99 us", "notify p50/p99 us", "interrupts", "others' cpu", "jit ms");
        for (ThroughputBenchmark.ConfigResult config : result.configs()) {
            for (RateSearch.Step<ThroughputBenchmark.Trial> step : config.search().steps()) {
                ThroughputBenchmark.Trial t = step.outcome();
                table.row(config.config().label(), Format.rate(t.ratePerSecond()), Integer.toString(t.attempt()),
                        t.sustained() ? "sustained" : t.reason(),
                        Format.count(t.delivered()) + "/" + Format.count(t.generated()),
                        Format.micros(t.lateness().p50()) + " / " + Format.micros(t.lateness().p90()) + " / "
                                + Format.micros(t.lateness().p99()),
                        Format.micros(t.notification().p50()) + " / " + Format.micros(t.notification().p99()),
                        Format.count(t.interrupts()), Format.cores(t.otherCores()), Long.toString(t.jitMillis()));
            }
        }
        return table;
    }

    static List<String> targets(ThroughputBenchmark.Result result) {
        List<String> lines = new ArrayList<>();
        result.configs().stream().filter(c -> c.config().equals(ThroughputBenchmark.CONFIGS.getFirst())).findFirst()
                .ifPresent(c -> {
                    double rate = c.search().highestSustained();
                    double fraction = rate / result.raw().appendPerSecond();
                    lines.add(String.format("target >= %s pps with %s: %s, %s", Format.rate(TARGET_RATE),
                            c.config().label(), Format.rate(rate), rate >= TARGET_RATE ? "met" : "missed"));
                    lines.add(String.format("target >= %s of the raw append rate: %s, %s",
                            Format.percent(TARGET_FRACTION_OF_RAW), Format.percent(fraction),
                            fraction >= TARGET_FRACTION_OF_RAW ? "met" : "missed"));
                });
        return lines;
    }

    public static String text(ThroughputBenchmark.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append('\n');
        out.append(ThroughputBenchmark.definition(result.options())).append("\n\n");
        out.append(rawLine(result)).append("\n\n");
        out.append(table(result).text()).append('\n');
        out.append("lateness = the wire's injection lateness at the highest sustained rate; notify = the consumer's"
                + " notification latency (woken - intended) there\n\n");
        out.append("every trial:\n").append(steps(result).text()).append('\n');
        targets(result).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    public static String markdown(ThroughputBenchmark.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append(".\n\n");
        out.append("Definition: ").append(ThroughputBenchmark.definition(result.options())).append(".\n\n");
        out.append(rawLine(result)).append(".\n\n");
        out.append(table(result).markdown()).append('\n');
        out.append("lateness = the wire's injection lateness at the highest sustained rate; notify = the consumer's"
                + " notification latency (woken - intended) there.\n\n");
        out.append("<details><summary>Every trial</summary>\n\n").append(steps(result).markdown())
                .append("\n</details>\n\n");
        targets(result).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
