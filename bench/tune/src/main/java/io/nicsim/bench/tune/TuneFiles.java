package io.nicsim.bench.tune;

import io.nicsim.bench.results.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search log as files: tune.json ({@link TuneResult}) and tune.csv, one row per run in the order run, with the
 * point's values, the run's figures (nanoseconds, per second), whether the run met the constraints, and the spread
 * of the objective over the point's runs (for A/B rows, over that arm's rounds).
 */
public final class TuneFiles {

    public static final String CSV_FILE = "tune.csv";

    private TuneFiles() {
    }

    /** Writes tune.json and tune.csv into {@code dir}. */
    public static void write(Path dir, TuneResult result) throws IOException {
        result.write(dir);
        AtomicFiles.write(dir.resolve(CSV_FILE), csv(result).getBytes(StandardCharsets.UTF_8));
    }

    /** @return tune.csv */
    public static String csv(TuneResult result) {
        Set<String> keys = new LinkedHashSet<>(result.start().keySet());
        result.points().forEach(p -> keys.addAll(p.parameters().keySet()));
        Set<String> metrics = new LinkedHashSet<>();
        Metric.STANDARD.forEach(m -> metrics.add(m.name()));
        result.runs().forEach(r -> metrics.addAll(r.values().keySet()));
        Metric objective = TuneResult.metric(result.objective());
        Map<String, Spread> abStart = AbTest.spreads(result.ab(), false);
        Map<String, Spread> abBest = AbTest.spreads(result.ab(), true);

        List<String> header = new ArrayList<>(List.of("run", "phase", "point"));
        keys.forEach(k -> header.add(io.nicsim.bench.results.Sweep.shortKey(k)));
        metrics.forEach(m -> header.add(column(m)));
        header.addAll(List.of("meets_constraints", "point_runs", "objective_median", "objective_min", "objective_max",
                "folder"));
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Evaluation run : result.runs()) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(run.index()), run.phase(),
                    String.valueOf(run.point())));
            keys.forEach(k -> cells.add(cell(run.parameters().get(k))));
            metrics.forEach(m -> cells.add(Metric.csv(Goal.value(run.values(), metricNamed(m)))));
            Spread spread = switch (run.phase()) {
                case "ab-start" -> abStart.get(objective.name());
                case "ab-best" -> abBest.get(objective.name());
                default -> result.point(run.point()).metrics().get(objective.name());
            };
            int n = spread == null ? 0 : spread.n();
            cells.addAll(List.of(String.valueOf(run.feasible()), String.valueOf(n),
                    spread == null ? "" : Metric.csv(spread.median()), spread == null ? "" : Metric.csv(spread.min()),
                    spread == null ? "" : Metric.csv(spread.max()), cell(run.folder())));
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static Metric metricNamed(String name) {
        return TuneResult.metric(name);
    }

    /** @return {@code p99_ns}, {@code interrupts_per_s}, {@code consumer_cpu_ns_per_packet}, {@code drops} */
    static String column(String metric) {
        return switch (metric) {
            case "interruptsPerSecond" -> "interrupts_per_s";
            case "cpuPerPacket" -> "consumer_cpu_ns_per_packet";
            case "drops" -> "drops";
            default -> metric.replace(".", "") + "_ns";
        };
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.matches("[^\",\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

}
