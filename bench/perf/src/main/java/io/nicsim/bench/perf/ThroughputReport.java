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
                        + " the other%s", Format.rate(result.raw().appendPerSecond()),
                Format.rate(result.raw().appendAndTailPerSecond()), burstRates(result.raw()));
    }

    /** @return "; in write-back bursts of 4: 5.1M/s, ..." or "" without bursts */
    static String burstRates(RawAppend.Rates raw) {
        if (raw.burstAppendPerSecond().isEmpty()) {
            return "";
        }
        List<String> rates = new ArrayList<>();
        new java.util.TreeMap<>(raw.burstAppendPerSecond()).forEach((burst, rate) ->
                rates.add(burst + ": " + Format.rate(rate) + "/s"));
        return "; descriptors appended in write-back bursts (a document per burst) of " + String.join(", ", rates);
    }

    /** @return the write-back burst size a configuration sets, or 1 */
    static int burstOf(ThroughputBenchmark.Config config) {
        return config.overrides().stream().filter(o -> o.startsWith("nic.writeBackDescriptors="))
                .map(o -> Integer.parseInt(o.substring(o.indexOf('=') + 1))).findFirst().orElse(1);
    }

    /** @return the raw append rate of the configuration's kind of record: a document per descriptor or per burst */
    private static double rawFor(ThroughputBenchmark.Result result, ThroughputBenchmark.Config config) {
        int burst = burstOf(config);
        return burst == 1 ? result.raw().appendPerSecond()
                : result.raw().burstAppendPerSecond().getOrDefault(burst, Double.NaN);
    }

    static TextTable table(ThroughputBenchmark.Result result) {
        TextTable table = new TextTable("configuration", "sustained pps", "vs raw append", "vs raw in its bursts",
                "desc/burst", "first failure", "device lag p50/p90/p99 us", "notify p50/p99 us", "trials",
                "stopped by");
        for (ThroughputBenchmark.ConfigResult config : result.configs()) {
            RateSearch.Outcome<ThroughputBenchmark.Trial> search = config.search();
            ThroughputBenchmark.Trial best = trialAt(search, search.highestSustained());
            ThroughputBenchmark.Trial failed = trialAt(search, search.lowestFailed());
            ThroughputBenchmark.Trial shown = best != null ? best : failed;
            table.row(config.config().label(),
                    search.highestSustained() > 0 ? Format.rate(search.highestSustained()) : "none",
                    Format.percent(search.highestSustained() / result.raw().appendPerSecond()),
                    burstOf(config.config()) == 1 ? "-"
                            : Format.percent(search.highestSustained() / rawFor(result, config.config())),
                    shown == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", shown.descriptorsPerBurst()),
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
                "device lag p50/p90/p99 us", "notify p50/p99 us", "interrupts", "others' cpu", "jit ms");
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
        ThroughputBenchmark.ConfigResult bursts16 = find(result, ThroughputBenchmark.CONFIGS.getFirst().label()
                + ", bursts of 16");
        if (bursts16 != null) {
            double rate = bursts16.search().highestSustained();
            lines.add(String.format("target >= %s pps with %s: %s, %s", Format.rate(TARGET_RATE),
                    bursts16.config().label(), Format.rate(rate), rate >= TARGET_RATE ? "met" : "missed"));
        }
        ThroughputBenchmark.ConfigResult perPacket = find(result, ThroughputBenchmark.CONFIGS.get(1).label());
        for (ThroughputBenchmark.ConfigResult c : result.configs()) {
            if (perPacket != null && c != perPacket && c.config().label().startsWith(perPacket.config().label() + ",")
                    && perPacket.search().highestSustained() > 0) {
                double times = c.search().highestSustained() / perPacket.search().highestSustained();
                lines.add(String.format(java.util.Locale.ROOT, "target >= 2x %s with %s: %.2fx, %s",
                        perPacket.config().label(), c.config().label().substring(perPacket.config().label().length()
                                + 2), times, times >= 2 ? "met" : "missed"));
            }
        }
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

    private static ThroughputBenchmark.ConfigResult find(ThroughputBenchmark.Result result, String label) {
        return result.configs().stream().filter(c -> c.config().label().equals(label)).findFirst().orElse(null);
    }

    /** What the columns mean, printed under the table. */
    static final String NOTES = "device lag = how far behind the model the device appended its records, at the"
            + " highest sustained rate; notify = the consumer's notification latency (woken - intended) there; ";

    /** What the burst columns mean, printed under the table. */
    static final String BURST_NOTE = "vs raw in its bursts = the sustained rate over the raw append rate of"
            + " descriptors in write-back bursts of the configuration's size; desc/burst = descriptors per journal"
            + " document at the highest sustained rate (the mean write-back burst: a burst is cut short by its timer"
            + " and by every interrupt, which writes the burst back first, so per-packet interrupts leave bursts of"
            + " one)";

    public static String text(ThroughputBenchmark.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append('\n');
        out.append(ThroughputBenchmark.definition(result.options())).append("\n\n");
        out.append(rawLine(result)).append("\n\n");
        out.append(table(result).text()).append('\n');
        out.append(NOTES).append(BURST_NOTE).append("\n\n");
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
        out.append(NOTES).append(BURST_NOTE).append(".\n\n");
        out.append("<details><summary>Every trial</summary>\n\n").append(steps(result).markdown())
                .append("\n</details>\n\n");
        targets(result).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
