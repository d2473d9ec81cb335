package io.nicsim.bench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code nicsim compare}: each run's figures as ratios to the first run's (the baseline), as summary.json's
 * {@code comparison} holds them. A ratio above 1 means more than the baseline (slower, or more interrupts); a
 * ratio is null where the baseline's figure is 0.
 *
 * @param baseline the first run's label
 * @param varies   what differs between the runs: {@code consumer}, {@code policy} or both
 * @param entries  one per run, in run order, the baseline first
 */
public record Comparison(String baseline, List<String> varies, List<Entry> entries) {

    /** The figures compared, by key in {@link Entry#ratios()}; latencies are notification latency. */
    public static final List<String> FIGURES = List.of("p50", "p90", "p99", "p999", "max", "interruptsPerSecond");

    /**
     * @param label    the run's label
     * @param consumer its consumer
     * @param policy   its firmware policy
     * @param ratios   figure to ratio (null where the baseline's figure is 0)
     */
    public record Entry(String label, String consumer, String policy, Map<String, Double> ratios) {
    }

    /** @throws IllegalArgumentException with no runs */
    public static Comparison of(List<RunResult> runs, List<String> varies) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no run finished");
        }
        RunResult base = runs.getFirst();
        List<Entry> entries = new ArrayList<>();
        for (RunResult run : runs) {
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (String figure : FIGURES) {
                ToDoubleFunction<RunResult> value = figure(figure);
                double baseValue = value.applyAsDouble(base);
                ratios.put(figure, baseValue == 0 ? null
                        : Math.round(value.applyAsDouble(run) / baseValue * 1000) / 1000.0);
            }
            entries.add(new Entry(run.name(), run.consumer(), run.policy(), ratios));
        }
        return new Comparison(base.name(), List.copyOf(varies), List.copyOf(entries));
    }

    private static ToDoubleFunction<RunResult> figure(String figure) {
        return switch (figure) {
            case "interruptsPerSecond" -> RunResult::interruptsPerSecond;
            default -> r -> r.notificationFigure(figure);
        };
    }

    private static final String ROW = "%-24s %8s %8s %8s %8s %8s %13s%n";

    /** The ratio table and one sentence per run, e.g. "virtual-thread p99 = 1.30x platform-thread". */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("ratios to ").append(baseline).append(" (notification latency; interrupts per second):\n");
        out.append(String.format(Locale.ROOT, ROW, "run", "p50", "p90", "p99", "p99.9", "max", "interrupts/s"));
        for (Entry entry : entries) {
            Object[] cells = new Object[FIGURES.size() + 1];
            cells[0] = entry.label();
            for (int i = 0; i < FIGURES.size(); i++) {
                cells[i + 1] = ratio(entry.ratios().get(FIGURES.get(i)));
            }
            out.append(String.format(Locale.ROOT, ROW, cells));
        }
        for (Entry entry : entries.subList(1, entries.size())) {
            out.append(String.format(Locale.ROOT, "%s p50 = %s, p99 = %s, p99.9 = %s %s%n", entry.label(),
                    ratio(entry.ratios().get("p50")), ratio(entry.ratios().get("p99")),
                    ratio(entry.ratios().get("p999")), baseline));
        }
        return out.toString();
    }

    public static String ratio(Double ratio) {
        if (ratio == null) {
            return "-";
        }
        return ratio >= 99.95 ? String.format(Locale.ROOT, "%,.0fx", ratio)
                : ratio >= 9.995 ? String.format(Locale.ROOT, "%.1fx", ratio)
                : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
