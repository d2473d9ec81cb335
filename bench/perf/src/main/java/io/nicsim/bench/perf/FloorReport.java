package io.nicsim.bench.perf;

import io.nicsim.bench.scenario.Units;

import java.util.List;

/**
 * Renders a {@link FloorBenchmark.Result}: per variant the median over the rounds of each round's percentiles,
 * then the ratios 3/1 and 3/2, each the median of the per-round ratios with their range (a ratio is only
 * taken between runs of one round, minutes apart at most), then the targets.
 */
public final class FloorReport {

    static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");
    /** Target: nicsim's p50 at most this many times the bare transport's. */
    public static final double TARGET_P50_RATIO = 1.25;
    /** Target: nicsim's p99 at most this many times the bare transport's. */
    public static final double TARGET_P99_RATIO = 1.5;

    private FloorReport() {
    }

    /** @return the per-round ratio of two variants' figures at one percentile */
    static double[] ratios(FloorBenchmark.Result result, String numerator, String denominator, String percentile) {
        return result.rounds().stream().mapToDouble(round -> {
            long top = round.of(numerator).latency().percentile(percentile);
            long bottom = round.of(denominator).latency().percentile(percentile);
            return bottom == 0 ? Double.NaN : (double) top / bottom;
        }).toArray();
    }

    static long medianFigure(FloorBenchmark.Result result, String variant, String percentile) {
        return Math.round(Format.median(result.rounds().stream()
                .mapToDouble(round -> round.of(variant).latency().percentile(percentile)).toArray()));
    }

    static String header(FloorBenchmark.Result result) {
        Pacing pacing = result.options().pacing();
        return String.format("floor: %s %s pps, seed %d; %d round(s) of each variant, alternated, after one uncounted"
                        + " JIT warm-up round; %s warm-up + %s measured per run", pacing.kind(),
                                Format.rate(pacing.ratePerSecond()), pacing.seed(),
                result.options().rounds(), Units.formatDuration(pacing.warmupNanos()),
                Units.formatDuration(pacing.durationNanos()));
    }

    static TextTable figures(FloorBenchmark.Result result) {
        TextTable table = new TextTable("variant", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "measured",
                "lost");
        int number = 1;
        for (String variant : FloorBenchmark.VARIANTS) {
            String[] cells = new String[8];
            cells[0] = "(" + number++ + ") " + variant;
            for (int i = 0; i < PERCENTILES.size(); i++) {
                cells[i + 1] = Format.micros(medianFigure(result, variant, PERCENTILES.get(i)));
            }
            long measured = 0;
            long lost = 0;
            for (FloorBenchmark.Round round : result.rounds()) {
                FloorBenchmark.VariantRun run = round.of(variant);
                measured += run.latency().count();
                lost += run.expected() - run.received();
            }
            cells[6] = Format.count(measured);
            cells[7] = Format.count(lost);
            table.row(cells);
        }
        ratioRow(table, result, "ratio 3/1", FloorBenchmark.BARE);
        ratioRow(table, result, "ratio 3/2", FloorBenchmark.SPIN);
        return table;
    }

    private static void ratioRow(TextTable table, FloorBenchmark.Result result, String label, String denominator) {
        String[] cells = new String[8];
        cells[0] = label;
        for (int i = 0; i < PERCENTILES.size(); i++) {
            cells[i + 1] = ratioCell(ratios(result, FloorBenchmark.NICSIM, denominator, PERCENTILES.get(i)));
        }
        cells[6] = "";
        cells[7] = "";
        table.row(cells);
    }

    static String ratioCell(double[] ratios) {
        String median = Format.ratio(Format.median(ratios));
        return ratios.length == 1 ? median
                : median + " (" + Format.ratio(Format.min(ratios)) + "-" + Format.ratio(Format.max(ratios)) + ")";
    }

    static TextTable perRound(FloorBenchmark.Result result) {
        TextTable table = new TextTable("round", "bare p50", "spin p50", "nicsim p50", "bare p99", "spin p99",
                "nicsim p99", "3/1 p50", "3/1 p99", "others' cpu", "steal", "jit ms");
        for (FloorBenchmark.Round round : result.rounds()) {
            LatencyFigures bare = round.of(FloorBenchmark.BARE).latency();
            LatencyFigures spin = round.of(FloorBenchmark.SPIN).latency();
            LatencyFigures nicsim = round.of(FloorBenchmark.NICSIM).latency();
            table.row(Integer.toString(round.number()), Format.micros(bare.p50()), Format.micros(spin.p50()),
                    Format.micros(nicsim.p50()), Format.micros(bare.p99()), Format.micros(spin.p99()),
                    Format.micros(nicsim.p99()), Format.ratio((double) nicsim.p50() / bare.p50()),
                    Format.ratio((double) nicsim.p99() / bare.p99()), Format.cores(otherCores(round)),
                    Format.cores(round.runs().stream().mapToDouble(FloorBenchmark.VariantRun::stealCores).max()
                            .orElse(0)),
                    Long.toString(round.runs().stream().mapToLong(FloorBenchmark.VariantRun::jitMillis).sum()));
        }
        return table;
    }

    /** @return the most CPU other processes took during any run of the round, in cores */
    static double otherCores(FloorBenchmark.Round round) {
        return round.runs().stream().mapToDouble(FloorBenchmark.VariantRun::otherCores).max().orElse(0);
    }

    static List<String> targets(FloorBenchmark.Result result) {
        double p50 = Format.median(ratios(result, FloorBenchmark.NICSIM, FloorBenchmark.BARE, "p50"));
        double p99 = Format.median(ratios(result, FloorBenchmark.NICSIM, FloorBenchmark.BARE, "p99"));
        return List.of(
                target("p50 of (3) <= " + TARGET_P50_RATIO + "x (1)", p50, TARGET_P50_RATIO),
                target("p99 of (3) <= " + TARGET_P99_RATIO + "x (1)", p99, TARGET_P99_RATIO));
    }

    private static String target(String what, double measured, double bound) {
        return String.format("target %s: %s, %s", what, Format.ratio(measured), measured <= bound ? "met" : "missed");
    }

    private static final String DEFINITION = "latency = receiver's read - intended send time (coordinated-omission"
            + " safe), microseconds; figures are the median over the rounds of each round's percentile; ratios are"
            + " the median of the per-round ratios (range in brackets). Per packet, (1) appends one descriptor;"
            + " (3) appends a descriptor and, per-packet firmware, an interrupt record, which its interrupt path"
            + " reads back";

    public static String text(FloorBenchmark.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append("\n\n");
        out.append(figures(result).text()).append('\n');
        out.append(DEFINITION).append("\n\n");
        out.append("per round (microseconds):\n").append(perRound(result).text()).append('\n');
        out.append(result.pageFaults()).append('\n');
        warning(result).ifPresent(line -> out.append(line).append('\n'));
        targets(result).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    static java.util.Optional<String> warning(FloorBenchmark.Result result) {
        double worst = result.rounds().stream().mapToDouble(FloorReport::otherCores).max().orElse(0);
        return worst < Format.BUSY_NEIGHBOUR_CORES ? java.util.Optional.empty() : java.util.Optional.of(
                "warning: other processes used up to " + Format.cores(worst) + " cores during a round; its figures"
                        + " measure them too");
    }

    public static String markdown(FloorBenchmark.Result result) {
        StringBuilder out = new StringBuilder();
        out.append(header(result)).append(".\n\n");
        out.append(figures(result).markdown()).append('\n');
        out.append(DEFINITION).append(".\n\n");
        out.append("Per round (microseconds):\n\n").append(perRound(result).markdown()).append('\n');
        out.append("Machine context: ").append(result.pageFaults()).append(".\n\n");
        warning(result).ifPresent(line -> out.append("- ").append(line).append('\n'));
        targets(result).forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }
}
