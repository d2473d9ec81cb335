package io.nicsim.bench.tune;

import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.report.Charts;
import io.nicsim.bench.report.Html;
import io.nicsim.bench.report.RunReport;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html of a tune folder, from its files only (tune.json, scenario.yaml, best.yaml): the verdict, the A/B, the
 * Pareto front as a plot and a table, the search's runs over time, every point with its spread, and best.yaml.
 */
public final class TuneReport {

    /** Settings written next to their points on the Pareto plot, at most (besides the best found). */
    private static final int MAX_LABELS = 6;

    private TuneReport() {
    }

    /** Writes {@code tuneDir/report.html}. */
    public static Path write(Path tuneDir) throws IOException {
        TuneResult result = TuneResult.read(tuneDir.resolve(TuneResult.JSON_FILE));
        String html = render(tuneDir, result);
        Path target = tuneDir.resolve(RunReport.FILE_NAME);
        AtomicFiles.write(target, html.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    static String render(Path tuneDir, TuneResult result) throws IOException {
        Html html = new Html().begin("nicsim tune: " + result.scenario());
        html.h1("nicsim tune: " + result.scenario() + " (" + result.policy() + ", " + result.consumer() + ")");
        RunReport.meta(html, result.command(), result.environment());
        if (result.interrupted()) {
            html.raw("<div class=\"banner\">Interrupted (Ctrl-C): the tune stopped after " + result.runsUsed()
                    + " runs; no verdict.</div>\n");
        }
        html.raw("<div class=\"banner\"><b>Verdict:</b> " + Html.esc(result.verdict().sentence()) + "</div>\n");
        html.p("note", "Goal: " + result.goal() + ". Searched: " + String.join(", ", result.space()) + ". Optimizer: "
                + result.optimizer() + ". Runs: " + result.runsUsed() + " of a budget of " + result.budget().total()
                + " (search " + result.budget().searchRuns() + ", repeats " + result.budget().repeatRuns()
                + " or more, A/B " + result.budget().abRuns() + ")."
                + (result.constraints().isEmpty() || result.marginPercent() == 0 ? "" : " The search ranked points"
                + " against the constraints moved " + Metric.csv(result.marginPercent()) + "% inside (a guard band);"
                + " 'meets' and the verdict use them as given."));

        html.h2("A/B: the start against the best found");
        if (result.ab().isEmpty()) {
            html.p("note", "No A/B was run.");
        } else {
            int n = result.ab().size();
            table(html, TuneTables.abRows(result));
            html.p("note", String.format(Locale.ROOT, "Fresh runs, interleaved: the start first in odd rounds, the best"
                    + " first in even ones. Each cell is the median over the %d rounds with their range; a further run"
                    + " lands inside the range of %d with a chance of about %d%% (%d/%d, for runs that vary at random)."
                    + " best.yaml holds the best found as run here (with at least a 2 s warm-up, for a fresh JVM).", n,
                            n,
                    Math.round(100.0 * (n - 1) / (n + 1)),
                    n - 1, n + 1));
            if (result.virtualSearch()) {
                html.h3("Predicted (virtual time) against measured (paced)");
                table(html, TuneTables.predictedRows(result));
                html.p("note", "The search ran in virtual time (run.clock: virtual, the host as a model): its"
                        + " figures are predictions, one deterministic run per point. The A/B measured the start and"
                        + " the best found paced, hardware in the loop, as best.yaml runs; the verdict is the A/B's.");
            }
        }

        html.h2("Trade-off: the Pareto front");
        Metric latency = TuneResult.metric(result.latencyAxis());
        Metric cost = TuneResult.metric(result.costAxis());
        XYChart front = frontChart(result, latency, cost);
        if (front != null) {
            html.img(Charts.dataUri(front), "Pareto front: " + latency.name() + " against " + cost.name(),
                    Charts.WIDTH);
        }
        html.p("note", "Each point is a setting measured by the search (the median over its runs); the line joins the"
                + " Pareto front, the settings no other beats on both " + latency.name() + " and " + cost.name()
                + ". Grey lines: the constraints on these axes; a log scale when the values span more than 20 times.");
        table(html, TuneTables.frontRows(result));

        html.h2("Search");
        XYChart runs = runsChart(result);
        if (runs != null) {
            html.img(Charts.dataUri(runs), "objective per run", Charts.WIDTH);
        }
        html.h3("Points, best first");
        html.p("note", "Each figure is the median over the point's search and repeat runs, with their range in"
                + " brackets; 'meets' says whether the medians meet every constraint; 'front': on the Pareto front.");
        table(html, TuneTables.pointRows(result, 0, true));
        List<TuneResult.PointSummary> refused = result.points().stream().filter(p -> p.refusal() != null).toList();
        if (!refused.isEmpty()) {
            html.p("note", refused.size() + " points the simulator refuses were skipped without a run, e.g. "
                    + ParameterSpace.label(refused.getFirst().parameters()) + ": " + refused.getFirst().refusal());
        }
        html.h3("Runs");
        html.raw(runsTable(result));
        html.raw("<p class=\"note\">Also: " + Html.link(TuneFiles.CSV_FILE, TuneFiles.CSV_FILE) + ", "
                + Html.link(TuneResult.JSON_FILE, TuneResult.JSON_FILE) + " (nanoseconds); each run's folder holds its"
                + " summary.json and histograms (make its report with nicsim report).</p>\n");

        Path best = tuneDir.resolve(BestScenario.FILE_NAME);
        if (Files.isRegularFile(best)) {
            html.h2("best.yaml");
            html.pre(Files.readString(best));
        }
        Path base = tuneDir.resolve(RunFiles.SCENARIO_FILE);
        if (Files.isRegularFile(base)) {
            html.h2("Scenario tuned");
            html.pre(Files.readString(base));
        }
        html.p("note", "Written by nicsim; make it again from this folder's files with: nicsim report "
                + tuneDir.getFileName());
        return html.end();
    }

    private static void table(Html html, List<List<String>> rows) {
        if (!rows.isEmpty()) {
            html.table(rows.getFirst(), rows.subList(1, rows.size()));
        }
    }

    private static String runsTable(TuneResult result) {
        List<String> keys = List.copyOf(result.start().keySet());
        List<Metric> metrics = TuneTables.abMetrics(result);
        StringBuilder table = new StringBuilder("<table><thead><tr><th>run</th><th>phase</th><th>point</th>");
        keys.forEach(k -> table.append("<th>").append(Html.esc(io.nicsim.bench.results.Sweep.shortKey(k)))
                .append("</th>"));
        metrics.forEach(m -> table.append("<th>").append(Html.esc(m.header())).append("</th>"));
        table.append("<th>meets</th><th class=\"l\">folder</th></tr></thead><tbody>\n");
        for (Evaluation run : result.runs()) {
            table.append("<tr><td>").append(run.index()).append("</td><td>").append(Html.esc(run.phase()))
                    .append("</td><td>#").append(run.point()).append("</td>");
            keys.forEach(k -> table.append("<td>").append(Html.esc(run.parameters().get(k))).append("</td>"));
            metrics.forEach(m -> table.append("<td>").append(Html.esc(m.formatBare(Goal.value(run.values(), m))))
                    .append("</td>"));
            table.append("<td>").append(run.feasible() ? "yes" : "no").append("</td><td class=\"l\">")
                    .append(run.folder().isEmpty() ? "" : Html.link(run.folder() + "/summary.json", run.folder()))
                    .append("</td></tr>\n");
        }
        return table.append("</tbody></table>\n").toString();
    }

    /** A metric's value on a chart axis: microseconds for latency and CPU, as is for the others. */
    static double axis(Metric metric, double value) {
        return metric.kind() == Metric.Kind.LATENCY || metric.kind() == Metric.Kind.CPU ? value / 1000.0 : value;
    }

    private static String axisTitle(Metric metric) {
        return switch (metric.kind()) {
            case LATENCY -> metric.name() + " notification latency (µs)";
            case CPU -> "consumer CPU per packet (µs)";
            case RATE -> "interrupts per second";
            case COUNT -> metric.name();
        };
    }

    /** @return the front: every point, the front joined, start and best marked; null with nothing to draw */
    private static XYChart frontChart(TuneResult result, Metric latency, Metric cost) {
        List<Charts.TradeOffPoint> all = new ArrayList<>();
        List<Charts.TradeOffPoint> front = new ArrayList<>();
        List<Charts.TradeOffPoint> start = new ArrayList<>();
        List<Charts.TradeOffPoint> best = new ArrayList<>();
        List<Integer> labelled = labelled(result);
        for (TuneResult.PointSummary p : result.points()) {
            Spread l = p.metrics().get(latency.name());
            Spread c = p.metrics().get(cost.name());
            if (l == null || c == null) {
                continue;
            }
            boolean onFront = result.paretoFront().contains(p.point());
            Charts.TradeOffPoint point = new Charts.TradeOffPoint(axis(cost, c.median()), axis(latency, l.median()),
                    labelled.contains(p.point()) ? ParameterSpace.label(p.parameters()) : "");
            (onFront ? front : all).add(point);
            Charts.TradeOffPoint plain = new Charts.TradeOffPoint(point.interruptsPerSecond(), point.micros(), "");
            if (p.point() == result.startPoint()) {
                start.add(plain);
            }
            if (p.point() == result.bestPoint()) {
                best.add(plain);
            }
        }
        if (all.isEmpty() && front.isEmpty()) {
            return null;
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (List<Charts.TradeOffPoint> curve : List.of(all, front)) {
            for (Charts.TradeOffPoint p : curve) {
                low = Math.min(low, p.micros());
                high = Math.max(high, p.micros());
            }
        }
        boolean logScale = low > 0 && high / low > 20;
        List<Charts.TradeOffPoint> labels = new ArrayList<>();
        if (logScale) {
            // Charts lifts labels by a fixed amount, right for a linear axis only: place them here instead
            labels.addAll(front.stream().filter(p -> !p.label().isEmpty()).toList());
            labels.addAll(all.stream().filter(p -> !p.label().isEmpty()).toList());
            front = front.stream().map(p -> new Charts.TradeOffPoint(p.interruptsPerSecond(), p.micros(), "")).toList();
            all = all.stream().map(p -> new Charts.TradeOffPoint(p.interruptsPerSecond(), p.micros(), "")).toList();
        }
        Map<String, List<Charts.TradeOffPoint>> curves = new LinkedHashMap<>();
        curves.put("Pareto front", front);
        curves.put("other points", all);
        curves.put("start", start);
        curves.put("best found", best);
        XYChart chart = Charts.tradeOff(latency.name() + " against " + axisTitle(cost) + ", one point per setting",
                axisTitle(cost), axisTitle(latency), curves, cost.kind() == Metric.Kind.RATE ? Charts::rateLabel
                        : v -> String.format(Locale.ROOT, "%.2f", v));
        if (logScale) {
            chart.getStyler().setYAxisMin(null);
            chart.getStyler().setYAxisLogarithmic(true);
            for (Charts.TradeOffPoint p : labels) {
                chart.addAnnotation(new AnnotationText(p.label(), p.interruptsPerSecond(), p.micros() * 1.12, false));
            }
        }
        scatter(chart, "other points", new Color(0x999999));
        scatter(chart, "start", new Color(0xD55E00));
        scatter(chart, "best found", new Color(0x009E73));
        XYSeries startSeries = chart.getSeries("start");
        if (startSeries != null) {
            startSeries.setMarker(SeriesMarkers.DIAMOND);
        }
        XYSeries bestSeries = chart.getSeries("best found");
        if (bestSeries != null) {
            bestSeries.setMarker(SeriesMarkers.SQUARE);
        }
        for (String text : result.constraints()) {
            Metric m = TuneResult.metric(text.split("[<>]", 2)[0]);
            double threshold = threshold(text, m);
            if (Double.isNaN(threshold)) {
                continue;
            }
            if (m.equals(latency)) {
                chart.addAnnotation(new AnnotationLine(axis(m, threshold), false, false));
            } else if (m.equals(cost)) {
                chart.addAnnotation(new AnnotationLine(axis(m, threshold), true, false));
            }
        }
        return chart;
    }

    /** @return the points whose settings are written on the plot: the best, and a few along the front, evenly spaced */
    private static List<Integer> labelled(TuneResult result) {
        List<Integer> front = result.paretoFront();
        List<Integer> labelled = new ArrayList<>(List.of(result.bestPoint()));
        int step = Math.max(1, (front.size() + MAX_LABELS - 1) / MAX_LABELS);
        for (int i = front.size() - 1; i >= 0; i -= step) {
            labelled.add(front.get(i));
        }
        return labelled;
    }

    private static double threshold(String constraint, Metric metric) {
        String value = constraint.replaceFirst("^[^<>]*[<>]=?", "").replace(",", "").replace("/s", "");
        try {
            return metric.kind() == Metric.Kind.RATE ? Double.parseDouble(value) : metric.parseValue(value);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    private static void scatter(XYChart chart, String name, Color color) {
        XYSeries series = chart.getSeries(name);
        if (series != null) {
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarkerColor(color);
        }
    }

    /** @return the objective of every run against its number, one series per phase; null without runs */
    private static XYChart runsChart(TuneResult result) {
        Metric objective = TuneResult.metric(result.objective());
        Map<String, List<Charts.TradeOffPoint>> phases = new LinkedHashMap<>();
        for (Evaluation run : result.runs()) {
            double value = Goal.value(run.values(), objective);
            if (!Double.isNaN(value)) {
                phases.computeIfAbsent(run.phase(), k -> new ArrayList<>()).add(new Charts.TradeOffPoint(run.index(),
                        axis(objective, value), ""));
            }
        }
        if (phases.isEmpty()) {
            return null;
        }
        XYChart chart = Charts.tradeOff(objective.name() + " of each run, in the order run", "run",
                axisTitle(objective), phases, v -> String.valueOf(Math.round(v)));
        for (String phase : phases.keySet()) {
            chart.getSeries(phase).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        chart.getStyler().setXAxisLogarithmic(false);
        return chart;
    }
}
