package io.nicsim.bench.tune;

import io.nicsim.bench.results.Sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tune's results as text: the points ranked (each figure the median over the point's runs, with their range), the
 * Pareto front, the A/B and the verdict. The same rows feed the report's tables.
 */
public final class TuneTables {

    /** Points shown in the terminal's ranking (the report lists all). */
    public static final int SHOWN = 10;

    private TuneTables() {
    }

    /** @return the goal's metrics, objective first */
    static List<Metric> goalMetrics(TuneResult result) {
        Set<Metric> metrics = new LinkedHashSet<>();
        metrics.add(TuneResult.metric(result.objective()));
        for (String c : result.constraints()) {
            metrics.add(TuneResult.metric(c.split("[<>]", 2)[0]));
        }
        return List.copyOf(metrics);
    }

    /** @return the metrics the A/B table shows: the goal's, then p50, p99, interrupts and CPU */
    static List<Metric> abMetrics(TuneResult result) {
        Set<Metric> metrics = new LinkedHashSet<>(goalMetrics(result));
        metrics.addAll(List.of(Metric.P50, Metric.P99, Metric.INTERRUPTS_PER_SECOND, Metric.CPU_PER_PACKET));
        return List.copyOf(metrics);
    }

    /** @return the header and rows of the points table, best first; {@code limit} 0 for all */
    static List<List<String>> pointRows(TuneResult result, int limit, boolean withHeader) {
        List<String> keys = List.copyOf(result.start().keySet());
        List<Metric> metrics = goalMetrics(result);
        List<List<String>> rows = new ArrayList<>();
        if (withHeader) {
            List<String> header = new ArrayList<>(List.of("rank", "point"));
            keys.forEach(k -> header.add(Sweep.shortKey(k)));
            header.add("runs");
            metrics.forEach(m -> header.add(m.header()));
            header.addAll(List.of("meets", "front"));
            rows.add(header);
        }
        List<TuneResult.PointSummary> ranked = new ArrayList<>(result.points().stream().filter(p -> p.rank() > 0)
                .sorted(java.util.Comparator.comparingInt(TuneResult.PointSummary::rank)).toList());
        List<TuneResult.PointSummary> shown = new ArrayList<>(limit > 0
                ? ranked.subList(0, Math.min(limit, ranked.size())) : ranked);
        TuneResult.PointSummary start = result.point(result.startPoint());
        if (!shown.contains(start) && start.rank() > 0) {
            shown.add(start);
        }
        for (TuneResult.PointSummary p : shown) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(p.rank()), "#" + p.point()
                    + (p.point() == result.startPoint() ? " start" : "")
                    + (p.point() == result.bestPoint() ? " best" : "")));
            keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
            row.add(String.valueOf(p.runs()));
            for (Metric m : metrics) {
                Spread s = p.metrics().get(m.name());
                row.add(s == null ? "-" : bare(s, m));
            }
            row.add(p.meetsConstraints() ? "yes" : "no");
            row.add(result.paretoFront().contains(p.point()) ? "*" : "");
            rows.add(row);
        }
        return rows;
    }

    /** @return {@code 38.2 (35.1..41.0)}, or {@code 38.2} for one run */
    static String bare(Spread s, Metric m) {
        return s.n() <= 1 ? m.formatBare(s.median())
                : m.formatBare(s.median()) + " (" + m.formatBare(s.min()) + ".." + m.formatBare(s.max()) + ")";
    }

    /** @return the Pareto front's header and rows, cheapest first */
    static List<List<String>> frontRows(TuneResult result) {
        Metric cost = TuneResult.metric(result.costAxis());
        Metric latency = TuneResult.metric(result.latencyAxis());
        List<String> keys = List.copyOf(result.start().keySet());
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(cost.header(), latency.header(), "point"));
        keys.forEach(k -> header.add(Sweep.shortKey(k)));
        header.addAll(List.of("runs", "meets"));
        rows.add(header);
        for (int id : result.paretoFront()) {
            TuneResult.PointSummary p = result.point(id);
            List<String> row = new ArrayList<>(List.of(bare(p.metrics().get(cost.name()), cost),
                    bare(p.metrics().get(latency.name()), latency), "#" + id));
            keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
            row.add(String.valueOf(p.runs()));
            row.add(p.meetsConstraints() ? "yes" : "no");
            rows.add(row);
        }
        return rows;
    }

    /** @return the A/B's header and rows: per metric, each arm's median (range) and the rounds the best was lower in */
    static List<List<String>> abRows(TuneResult result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("metric", "start", "best (#" + result.bestPoint() + ")", "best lower in"));
        Map<String, Spread> start = AbTest.spreads(result.ab(), false);
        Map<String, Spread> best = AbTest.spreads(result.ab(), true);
        for (Metric m : abMetrics(result)) {
            Spread s = start.get(m.name());
            Spread b = best.get(m.name());
            if (s == null && b == null) {
                continue;
            }
            rows.add(List.of(m.header(), s == null ? "-" : bare(s, m),
                    b == null ? "-" : bare(b, m), AbTest.lowerIn(result.ab(), m) + " of " + result.ab().size()));
        }
        return rows;
    }

    /**
     * @return for a search in virtual time: per metric, the start's and the best's predicted figures (their virtual
     *         runs) beside what the A/B measured paced (median, range); empty otherwise
     */
    static List<List<String>> predictedRows(TuneResult result) {
        List<List<String>> rows = new ArrayList<>();
        if (!result.virtualSearch() || result.ab().isEmpty()) {
            return rows;
        }
        String best = "best (#" + result.bestPoint() + ")";
        rows.add(List.of("metric", "start predicted", "start measured", best + " predicted", best + " measured"));
        Map<String, Spread> start = AbTest.spreads(result.ab(), false);
        Map<String, Spread> measured = AbTest.spreads(result.ab(), true);
        Map<String, Spread> startPredicted = result.point(result.startPoint()).metrics();
        Map<String, Spread> bestPredicted = result.point(result.bestPoint()).metrics();
        for (Metric m : abMetrics(result)) {
            String name = m.name();
            if (start.get(name) == null && measured.get(name) == null) {
                continue;
            }
            rows.add(List.of(m.header(), cell(startPredicted.get(name), m), cell(start.get(name), m),
                    cell(bestPredicted.get(name), m), cell(measured.get(name), m)));
        }
        return rows;
    }

    private static String cell(Spread s, Metric m) {
        return s == null || s.n() == 0 ? "-" : bare(s, m);
    }

    /** @return the rows as aligned text: the first column left-aligned, the others right-aligned */
    static String render(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                line.append(String.format(Locale.ROOT, format, row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** @return everything the terminal shows after a tune */
    public static String summary(TuneResult result) {
        StringBuilder out = new StringBuilder();
        out.append("points, best first (each figure the median over the point's runs, with their range):\n");
        out.append(render(pointRows(result, SHOWN, true)));
        int measured = (int) result.points().stream().filter(p -> p.rank() > 0).count();
        if (measured > SHOWN) {
            out.append("... ").append(measured - SHOWN).append(" more points in tune.csv and report.html\n");
        }
        out.append('\n').append("Pareto front: ").append(result.latencyAxis()).append(" against ")
                .append(result.costAxis()).append(" (no other point measured is lower on both):\n");
        List<List<String>> front = frontRows(result);
        int more = front.size() - 1 - 2 * SHOWN;
        if (more > 0) { // a long front (thousands of virtual runs): both ends, the rest in report.html
            List<List<String>> ends = new ArrayList<>(front.subList(0, 1 + SHOWN));
            ends.addAll(front.subList(front.size() - SHOWN, front.size()));
            List<String> lines = render(ends).lines().toList();
            lines.subList(0, 1 + SHOWN).forEach(l -> out.append(l).append('\n'));
            out.append("... ").append(more).append(" more points of the front in report.html\n");
            lines.subList(1 + SHOWN, lines.size()).forEach(l -> out.append(l).append('\n'));
        } else {
            out.append(render(front));
        }
        if (!result.ab().isEmpty()) {
            out.append('\n').append("A/B: the start against the best found, ").append(result.ab().size())
                    .append(" interleaved rounds, fresh runs (median, range):\n");
            out.append(render(abRows(result)));
            if (result.virtualSearch()) {
                out.append('\n').append("predicted (virtual time, the search's runs) against measured (paced, the"
                        + " A/B's fresh runs):\n");
                out.append(render(predictedRows(result)));
            }
        }
        out.append('\n').append("verdict: ").append(result.verdict().sentence()).append('\n');
        out.append("best found (#").append(result.bestPoint()).append("): ")
                .append(ParameterSpace.label(result.best())).append("; start (#").append(result.startPoint())
                .append("): ").append(ParameterSpace.label(result.start())).append('\n');
        return out.toString();
    }
}
