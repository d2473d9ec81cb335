package io.nicsim.bench.report;

import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.Sweep;

import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * report.html of a sweep folder, from its files only (sweep.json, scenario.yaml, each point's .hgrm): latency
 * percentiles against the swept parameter, the latency against interrupt-rate trade-off, each consumer's
 * percentile distributions across the points, and the table with links to each point's own report.
 */
public final class SweepReport {

    private SweepReport() {
    }

    /** Writes {@code sweepDir/report.html} (through a temporary file). */
    public static Path write(Path sweepDir) throws IOException {
        Sweep sweep = Sweep.read(sweepDir.resolve(Sweep.JSON_FILE));
        String html = render(sweepDir, sweep);
        Path target = sweepDir.resolve(RunReport.FILE_NAME);
        AtomicFiles.write(target, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return target;
    }

    static String render(Path sweepDir, Sweep sweep) throws IOException {
        Html html = new Html().begin("nicsim sweep: " + sweep.scenario());
        html.h1("nicsim sweep: " + sweep.scenario() + " over " + String.join(" × ", sweep.parameters()));
        RunReport.meta(html, sweep.command(), sweep.environment());
        long pointsRun = sweep.rows().stream().mapToInt(Sweep.Row::point).distinct().count();
        if (sweep.interrupted()) {
            html.raw("<div class=\"banner\">Interrupted: " + pointsRun + " of " + sweep.points()
                    + " points ran (Ctrl-C).</div>\n");
        }
        for (String note : sweep.notes()) {
            html.p("note", note + ".");
        }
        if (sweep.rows().isEmpty() || sweep.parameters().isEmpty()) {
            html.p("note", "No point finished: nothing to plot.");
            return html.end();
        }
        String x = sweep.parameters().getFirst();
        List<String> categories = new ArrayList<>();
        for (Sweep.Row row : sweep.rows()) {
            String value = row.parameters().get(x);
            if (!categories.contains(value)) {
                categories.add(value);
            }
        }
        Map<String, List<Sweep.Row>> groups = groups(sweep);

        html.h2("Latency against " + x);
        html.p("note", "Notification latency (woken − intended arrival) in microseconds, one line per "
                + (sweep.parameters().size() > 1 ? "consumer and value of the other swept keys" : "consumer")
                + "; the values of " + x + " evenly spaced, in the order given.");
        html.raw("<div class=\"grid\">\n");
        for (Percentile p : List.of(new Percentile("p50", Sweep.Row::p50Nanos),
                new Percentile("p99", Sweep.Row::p99Nanos), new Percentile("p99.9", Sweep.Row::p999Nanos))) {
            List<Charts.Line> lines = new ArrayList<>();
            for (Map.Entry<String, List<Sweep.Row>> group : groups.entrySet()) {
                List<Double> values = new ArrayList<>();
                for (String category : categories) {
                    values.add(group.getValue().stream().filter(r -> category.equals(r.parameters().get(x)))
                            .findFirst().map(r -> p.value().applyAsLong(r) / 1000.0).orElse(null));
                }
                lines.add(new Charts.Line(group.getKey(), values));
            }
            html.img(Charts.dataUri(Charts.againstParameter(p.name() + " against " + Sweep.shortKey(x), x,
                    p.name() + " (µs)", categories, lines)), p.name() + " against " + x, Charts.SMALL_WIDTH);
        }
        html.raw("</div>\n");

        tradeOff(html, x, groups);

        percentileDistributions(html, sweepDir, sweep);

        points(html, sweep);

        Path yaml = sweepDir.resolve(RunFiles.SCENARIO_FILE);
        if (Files.isRegularFile(yaml)) {
            html.h2("Base scenario");
            html.pre(Files.readString(yaml));
        }
        html.p("note", "Written by nicsim; make it again from this folder's files with: nicsim report "
                + sweepDir.getFileName());
        return html.end();
    }

    /** "Trade-off": p50 and p99 against the interrupt rate, one curve per group, a point per value of {@code x}. */
    private static void tradeOff(Html html, String x, Map<String, List<Sweep.Row>> groups) throws IOException {
    html.h2("Trade-off: latency against interrupt rate");
    for (Percentile p : List.of(new Percentile("p50", Sweep.Row::p50Nanos),
            new Percentile("p99", Sweep.Row::p99Nanos))) {
        Map<String, List<Charts.TradeOffPoint>> curves = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sweep.Row>> group : groups.entrySet()) {
            curves.put(group.getKey(), group.getValue().stream().map(r -> new Charts.TradeOffPoint(
                    r.interruptsPerSecond(), p.value().applyAsLong(r) / 1000.0,
                    Sweep.shortKey(x) + "=" + r.parameters().get(x))).toList());
        }
        html.img(Charts.dataUri(Charts.tradeOff(p.name() + " notification latency against interrupts per second",
                p.name() + " (µs)", curves)), p.name() + " against interrupts per second", Charts.WIDTH);
    }
    html.p("note", "Each point is one run, labelled with its " + x + "; fewer interrupts cost the CPU less and"
            + " usually cost latency. Lower left is better on both.");
    }

    /** "Percentile distributions": a chart per consumer, one line per point, from the points' .hgrm files. */
    private static void percentileDistributions(Html html, Path sweepDir, Sweep sweep) throws IOException {
    html.h2("Percentile distributions");
    Set<String> labels = sweep.rows().stream().map(Sweep.Row::consumer)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    for (String label : labels) {
        List<Charts.Distribution> distributions = new ArrayList<>();
        for (Sweep.Row row : sweep.rows()) {
            if (!row.consumer().equals(label)) {
                continue;
            }
            Path hgrm = pointHgrm(sweepDir, row);
            if (hgrm != null) {
                distributions.add(new Charts.Distribution(pointName(sweep, row),
                        HistogramFiles.readPercentiles(hgrm)));
            }
        }
        XYChart chart = Charts.percentiles(label + ": notification latency by percentile, one line per point",
                distributions);
        if (chart != null) {
            html.img(Charts.dataUri(chart), label + " percentile distribution per point", Charts.WIDTH);
        }
    }
    }

    /** "Points": a table row per run, with a link to its report, and links to the CSV and JSON files. */
    private static void points(Html html, Sweep sweep) {
    html.h2("Points");
    List<String> header = new ArrayList<>(List.of("point"));
    header.addAll(sweep.parameters());
    header.addAll(List.of("consumer", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "interrupts/s", "drops", "report"));
    StringBuilder table = new StringBuilder("<table><thead><tr>");
    for (String h : header) {
        table.append("<th>").append(Html.esc(h)).append("</th>");
    }
    table.append("</tr></thead><tbody>\n");
    for (Sweep.Row row : sweep.rows()) {
        table.append("<tr><td>").append(row.point()).append("</td>");
        for (String parameter : sweep.parameters()) {
            table.append("<td>").append(Html.esc(row.parameters().get(parameter))).append("</td>");
        }
        table.append("<td class=\"l\">")
                .append(Html.esc(row.consumer() + (row.interrupted() ? " (interrupted)" : "")))
                .append("</td>");
        for (long nanos : new long[] {row.p50Nanos(), row.p99Nanos(), row.p999Nanos(), row.maxNanos()}) {
            table.append("<td>").append(LatencyTable.micros(nanos)).append("</td>");
        }
        table.append("<td>").append(LatencyTable.count(Math.round(row.interruptsPerSecond()))).append("</td><td>")
                .append(LatencyTable.count(row.dropped())).append("</td><td>")
                .append(Html.link(row.folder() + "/" + RunReport.FILE_NAME, row.folder())).append("</td></tr>\n");
    }
    html.raw(table.append("</tbody></table>\n").toString());
    html.raw("<p class=\"note\">Also: " + Html.link(Sweep.CSV_FILE, Sweep.CSV_FILE) + ", "
            + Html.link(Sweep.JSON_FILE, Sweep.JSON_FILE) + " (nanoseconds).</p>\n");
    }

    private record Percentile(String name, ToLongFunction<Sweep.Row> value) {
    }

    /** Rows by line: the consumer, and the values of the swept keys after the first. */
    private static Map<String, List<Sweep.Row>> groups(Sweep sweep) {
        Map<String, List<Sweep.Row>> groups = new LinkedHashMap<>();
        for (Sweep.Row row : sweep.rows()) {
            StringBuilder name = new StringBuilder(row.consumer());
            for (String other : sweep.parameters().subList(1, sweep.parameters().size())) {
                name.append(", ").append(Sweep.shortKey(other)).append('=').append(row.parameters().get(other));
            }
            groups.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String pointName(Sweep sweep, Sweep.Row row) {
        return sweep.parameters().stream().map(p -> Sweep.shortKey(p) + "=" + row.parameters().get(p))
                .collect(Collectors.joining(", "));
    }

    /** The .hgrm of the row's run, found through the point's summary.json. */
    private static Path pointHgrm(Path sweepDir, Sweep.Row row) throws IOException {
        Path pointDir = sweepDir.resolve(row.folder()).normalize();
        Path summaryFile = pointDir.resolve(SummaryWriter.FILE_NAME);
        if (!pointDir.startsWith(sweepDir.normalize()) || !Files.isRegularFile(summaryFile)) {
            return null;
        }
        for (RunResult run : SummaryWriter.read(summaryFile).runs()) {
            if (run.name().equals(row.consumer())) {
                return RunReport.file(pointDir, run, "hgrm");
            }
        }
        return null;
    }
}
