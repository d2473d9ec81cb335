package io.nicsim.bench.report;

import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.results.Comparison;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.ScenarioYaml;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * report.html of a run folder, made from the folder's files only (summary.json, scenario.yaml, each run's .hgrm
 * and .hlog), so {@code nicsim report DIR} can make it again at any time. Self-contained: charts are embedded
 * PNG images, styles inline, nothing is fetched.
 */
public final class RunReport {

    public static final String FILE_NAME = "report.html";
    /** What the files list says of a run whose journal was not kept. */
    static final String NO_JOURNAL = "no Chronicle journal kept (sweep and tune points, virtual runs and"
            + " <code>run.keepJournal: never</code> keep none; run it again with <code>--keep-journal</code> for one)";
    /** The stages in the order a packet goes through them. */
    public static final List<String> STAGES = List.of("detect", "dma", "writeBack", "hold", "deliver", "wake",
            "handle");

    private RunReport() {
    }

    /**
     * Writes {@code runDir/report.html} (through a temporary file).
     *
     * @throws IOException if summary.json cannot be read, or a run's histogram file is not one
     */
    public static Path write(Path runDir) throws IOException {
        Summary summary = SummaryWriter.read(runDir.resolve(SummaryWriter.FILE_NAME));
        String html = render(runDir, summary);
        Path target = runDir.resolve(FILE_NAME);
        AtomicFiles.write(target, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return target;
    }

    static String render(Path runDir, Summary summary) throws IOException {
        Html html = new Html().begin("nicsim: " + summary.scenario());
        html.h1("nicsim: " + summary.scenario() + (summary.comparison() != null ? " (comparison)" : ""));
        meta(html, summary.command(), summary.environment());
        banners(html, summary);
        List<RunResult> runs = summary.runs();

        html.h2("Notification latency");
        html.p("note", "woken − intended arrival (coordinated-omission corrected), microseconds; "
                + "'p99 uncorr' is measured from the actual injection instead.");
        html.table(List.of("run", "policy", "p50", "p90", "p99", "p99.9", "max", "p99 uncorr", "delivered", "drops",
                "interrupts", "interrupts/s"), latencyRows(runs));
        rounds(html, runs);
        platformJitter(html, runs);

        if (summary.comparison() != null) {
            comparison(html, summary.comparison());
        }

        percentiles(html, runDir, runs);

        html.h2("Where the time goes");
        CategoryChart stages = Charts.stages(runs, STAGES);
        if (stages != null) {
            html.img(Charts.dataUri(stages), "mean time per latency stage, one bar per run", Charts.WIDTH);
        }
        html.p("note", "detect: injected → detected (firmware MAC poll); dma: → written (descriptor);"
                + " writeBack: → written back (waiting in the NIC's write-back burst; 0 with"
                + " nic.writeBackDescriptors 1); hold: → raised (moderation, or waiting in the ring until"
                + " polled); deliver: → delivered (interrupt path); wake: → woken; handle: → handled. Bars"
                + " stack the means, which add up to the mean of handled − injected; the tables give medians"
                + " and means, microseconds.");
        html.raw("<div class=\"grid\">\n");
        html.table(stageHeader("median"), stageRows(runs, false));
        html.table(stageHeader("mean"), stageRows(runs, true));
        deviceLag(html, runs);
        html.raw("</div>\n");

        overTime(html, runDir, runs);
        costs(html, runs);

        html.h2("Accounting");
        html.table(List.of("run", "generated", "delivered", "dropped", "drop reasons", "measured", "interrupts",
                "delivered irqs", "doorbells", "driver", "placement", "traffic"), accountingRows(runs));

        html.h2("Scenario");
        Path yaml = runDir.resolve(RunFiles.SCENARIO_FILE);
        html.pre(Files.isRegularFile(yaml) ? Files.readString(yaml) : ScenarioYaml.render(summary.effectiveScenario()));

        html.h2("Files");
        html.raw("<ul>\n<li>" + Html.link(SummaryWriter.FILE_NAME, SummaryWriter.FILE_NAME)
                + ": every figure in nanoseconds</li>\n");
        if (Files.isRegularFile(yaml)) {
            html.raw("<li>" + Html.link(RunFiles.SCENARIO_FILE, RunFiles.SCENARIO_FILE)
                    + ": the effective scenario (<code>nicsim run</code> reads it back)</li>\n");
        }
        for (RunResult run : runs) {
            List<String> links = new ArrayList<>();
            if (run.files() != null) {
                run.files().forEach((kind, path) -> links.add(Html.link(path, path)));
            }
            html.raw("<li>" + Html.esc(run.name()) + ": " + (links.isEmpty() ? "no files" : String.join(", ", links))
                    + (run.journal() != null ? "; Chronicle journal in <code>" + Html.esc(run.journal())
                    + "</code> (<code>nicsim inspect</code> prints it)" : "; " + NO_JOURNAL) + "</li>\n");
        }
        html.raw("</ul>\n");
        html.p("note", "Written by nicsim; make it again from this folder's files with: nicsim report "
                + runDir.getFileName());
        return html.end();
    }

    /** The banners above the tables: an interrupted study, a stalled NIC, a restarted host. */
    private static void banners(Html html, Summary summary) {
    if (summary.interrupted()) {
        html.raw("<div class=\"banner\">Interrupted: this study was stopped early (Ctrl-C). Runs not started are"
                + " missing; a run marked <b>interrupted</b> stopped its traffic early. Every run's accounting"
                + " still balances.</div>\n");
    }
    if (Boolean.TRUE.equals(summary.stalled())) {
        html.raw("<div class=\"banner\">Stalled: the NIC process went silent (no heartbeat for run.stallTimeout)."
                + " These are the host's partial results; the accounting balances over the packets the NIC had"
                + " reported.</div>\n");
    }
    if (summary.twoProcess() != null && summary.twoProcess().restarted()) {
        html.raw("<div class=\"banner\">Restarted: host process #" + summary.twoProcess().hostAttach()
                + " resumed a run an earlier host left; the " + summary.twoProcess().packetsReadByEarlierHosts()
                + " packets earlier hosts read are counted as dropped (read-by-earlier-host), and the latencies"
                + " cover the packets this host handled.</div>\n");
    }
    }

    /** "Percentile distribution": one line per run, from its .hgrm file (or summary.json's percentiles). */
    private static void percentiles(Html html, Path runDir, List<RunResult> runs) throws IOException {
    html.h2("Percentile distribution");
    List<Charts.Distribution> distributions = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (RunResult run : runs) {
        Path hgrm = file(runDir, run, "hgrm");
        if (hgrm != null) {
            distributions.add(new Charts.Distribution(run.name(), HistogramFiles.readPercentiles(hgrm)));
        } else {
            missing.add(run.name());
            distributions.add(new Charts.Distribution(run.name(), fromSummary(run.latencyNanos().notification())));
        }
    }
    XYChart percentiles = Charts.percentiles("Notification latency by percentile", distributions);
    if (percentiles != null) {
        html.img(Charts.dataUri(percentiles), "notification latency by percentile, one line per run", Charts.WIDTH);
        html.p("note", "x: percentile on HdrHistogram's 'nines' axis (1/(1−p), log scale), so the tail gets as"
                + " much room as the median; y: latency, log scale. From each run's "
                + "notification.hgrm (HdrHistogram's percentile distribution, microseconds).");
    } else {
        html.p("note", "No measured packets: nothing to plot.");
    }
    if (!missing.isEmpty()) {
        html.p("note", "No .hgrm file for " + String.join(", ", missing)
                + ": drawn from summary.json's p50/p90/p99/p99.9 only.");
    }
    }

    /** "Over time": one chart per run from its interval log, with the platform jitter's seconds if it has them. */
    private static void overTime(Html html, Path runDir, List<RunResult> runs) throws IOException {
    html.h2("Over time");
    html.p("note", "Notification latency per second from each run's interval log (notification.hlog);"
            + " the warm-up is at negative times, left of the vertical line. Paced runs: the dashed grey line ("
            + Charts.JITTER_SERIES + ") is the platform jitter probe's latest wake-up in each measured second"
            + " (intervals tagged " + HistogramFiles.JITTER_TAG + " in the same log); a latency peak that meets"
            + " one of its peaks is the machine's as much as the consumer's.");
    html.raw("<div class=\"grid\">\n");
    List<String> noLog = new ArrayList<>();
    for (RunResult run : runs) {
        Path hlog = file(runDir, run, "hlog");
        List<HistogramFiles.Interval> jitter = hlog == null ? List.of() : HistogramFiles.readJitterLog(hlog);
        XYChart chart = hlog == null ? null
                : Charts.overTime(run.name(), HistogramFiles.readIntervalLog(hlog), jitter);
        if (chart != null) {
            html.img(Charts.dataUri(chart), "notification latency " + (jitter.isEmpty() ? ""
                    : "and " + Charts.JITTER_SERIES + " ") + "per second of " + run.name(), Charts.SMALL_WIDTH);
        } else {
            noLog.add(run.name());
        }
    }
    html.raw("</div>\n");
    if (!noLog.isEmpty()) {
        html.p("note", "No interval log with packets for " + String.join(", ", noLog) + ".");
    }
    }

    /** Runs played in rounds: each figure's median over rounds with its range, and where each round played it. */
    private static void rounds(Html html, List<RunResult> runs) {
        if (runs.stream().allMatch(run -> run.rounds() == null)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.rounds() != null) {
                rows.add(LatencyTable.roundsCells(run));
            }
        }
        html.table(List.of("rounds", "p50 (range)", "p99 (range)", "p99.9 (range)", "played at"), rows);
        html.p("note", "Each run played in rounds, the study's order rotating every round: the median over rounds"
                + " (min..max), microseconds. The table above pools the rounds (histograms added); the over-time"
                + " chart shows their measured seconds one after another.");
    }

    /**
     * The platform jitter table of paced runs, as the terminal prints it: the probe's late wake-ups and whether each
     * run's notification p99 lies within them; nothing if no run has them (virtual runs, older summaries).
     */
    private static void platformJitter(Html html, List<RunResult> runs) {
        if (runs.stream().allMatch(run -> run.platformJitter() == null)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            rows.add(LatencyTable.jitterCells(run));
        }
        html.table(List.of("platform jitter", "p50", "p99", "max", "lost", "notification p99", "the p99 is"), rows);
        html.p("note", "How late a probe thread's 1 ms sleeps woke over each paced run's measured window (as jHiccup"
                + " measures it), microseconds, and the share of the window lost beyond the usual (p50). A p99 is"
                + " within the platform's jitter when the platform lost at least 1% of the window for at least as"
                + " long: stalls hit packets by time.");
    }

    public static void meta(Html html, String command, Environment environment) {
        StringBuilder meta = new StringBuilder("<p class=\"meta\">");
        if (command != null) {
            meta.append("<code>").append(Html.esc(command)).append("</code><br>");
        }
        if (environment != null) {
            meta.append(Html.esc(environment.cores() + " cores, " + environment.cpu() + "; " + environment.os() + "; "
                    + environment.jdk()));
        }
        html.raw(meta.append("</p>\n").toString());
    }

    private static void comparison(Html html, Comparison comparison) {
        html.h2("Compared with " + comparison.baseline());
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Entry entry : comparison.entries()) {
            List<String> row = new ArrayList<>(List.of(entry.label()));
            for (String figure : Comparison.FIGURES) {
                row.add(Comparison.ratio(entry.ratios().get(figure)));
            }
            rows.add(row);
        }
        html.table(List.of("run", "p50", "p90", "p99", "p99.9", "max", "interrupts/s"), rows);
        html.p("note", "Each run's figure divided by " + comparison.baseline() + "'s: above 1x is slower (or more"
                + " interrupts). Varies: " + String.join(", ", comparison.varies()) + ".");
    }

    /** @return the run's file of that kind if it exists */
    static Path file(Path runDir, RunResult run, String kind) {
        if (run.files() == null || run.files().get(kind) == null) {
            return null;
        }
        Path path = runDir.resolve(run.files().get(kind)).normalize();
        return path.startsWith(runDir.normalize()) && Files.isRegularFile(path) ? path : null;
    }

    /** A coarse distribution from summary.json's percentiles, for runs without a .hgrm. */
    private static List<HistogramFiles.PercentileLine> fromSummary(LatencySummary s) {
        if (s == null || s.count() == 0) {
            return List.of();
        }
        return List.of(new HistogramFiles.PercentileLine(s.min() / 1000.0, 0, 1),
                new HistogramFiles.PercentileLine(s.p50() / 1000.0, 0.5, s.count() / 2),
                new HistogramFiles.PercentileLine(s.p90() / 1000.0, 0.9, s.count() * 9 / 10),
                new HistogramFiles.PercentileLine(s.p99() / 1000.0, 0.99, s.count() * 99 / 100),
                new HistogramFiles.PercentileLine(s.p999() / 1000.0, 0.999, s.count() * 999 / 1000));
    }

    private static List<List<String>> latencyRows(List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            LatencySummary n = run.latencyNanos().notification();
            rows.add(List.of(run.name() + (run.interrupted() ? " (interrupted)" : ""), String.valueOf(run.policy()),
                    LatencyTable.micros(n.p50()), LatencyTable.micros(n.p90()), LatencyTable.micros(n.p99()),
                    LatencyTable.micros(n.p999()), LatencyTable.micros(n.max()),
                    LatencyTable.micros(run.latencyNanos().notificationUncorrected().p99()),
                    LatencyTable.count(run.packets().delivered()), LatencyTable.count(run.packets().dropped()),
                    LatencyTable.count(run.interrupts()), LatencyTable.count(Math.round(run.interruptsPerSecond()))));
        }
        return rows;
    }

    /** How late the simulated device itself was, per run: what the simulator, not the host, added. */
    /**
     * What each run cost per packet over its measured window (the consumer's threads, the process, GC), and what a
     * user's handler cost and did wrong, when one ran; nothing when no run measured costs.
     */
    private static void costs(Html html, List<RunResult> runs) {
        if (runs.stream().allMatch(run -> run.costs() == null && run.handler() == null)) {
            return;
        }
        html.h2("Costs");
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            io.nicsim.host.cost.RunCosts c = run.costs();
            if (c != null) {
                rows.add(List.of(run.name(), LatencyTable.micros(Math.round(c.consumerCpuNanosPerPacket())),
                        String.format(Locale.ROOT, "%.3f", c.voluntarySwitchesPerPacket()),
                        String.format(Locale.ROOT, "%.3f", c.involuntarySwitchesPerPacket()),
                        LatencyTable.micros(Math.round(c.runQueueWaitNanosPerPacket())),
                        c.processCpuNanosPerPacket() < 0 ? "-"
                                : LatencyTable.micros(Math.round(c.processCpuNanosPerPacket())),
                        LatencyTable.count(c.gcMillis())));
            }
        }
        html.table(List.of("per packet", "consumer CPU µs", "blocked ctxsw", "preempted", "sched delay µs",
                "process CPU µs", "GC ms"), rows);
        syscalls(html, runs);
        List<List<String>> handlerRows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RunResult run : runs) {
            List<String> cells = LatencyTable.handlerCells(run);
            if (cells != null) {
                handlerRows.add(cells);
            }
            if (run.handler() != null && run.handler().firstError() != null) {
                notes.add(run.name() + ": first error: " + run.handler().firstError());
            }
            if (run.handler() != null && !run.handler().stuck().isEmpty()) {
                notes.add(run.name() + ": stuck when the drain timeout ended: " + String.join("; ",
                        run.handler().stuck()));
            }
        }
        if (!handlerRows.isEmpty()) {
            html.table(List.of("your handler", "class", "kind", "CPU µs/pkt", "blocked µs/pkt", "alloc B/pkt",
                    "alloc MB/s", "errors", "timeouts"), handlerRows);
            html.p("note", "Your handler's own cost per packet, timed around each call in the measured window (in"
                    + " virtual time, by a probe on a thread of its own before the run): CPU of the calling thread (a"
                    + " virtual thread's carrier), blocked = wall time (async: until its completion) − CPU, heap"
                    + " allocated by the calling thread. errors: packets it failed (handler-error drops); timeouts:"
                    + " packets still in it when run.drainTimeout ended (handler-timeout drops).");
            for (String note : notes) {
                html.p("note", note);
            }
        }
    }

    /** System calls per packet of each run's way of waiting, how each figure was measured, and the carriers pinned. */
    private static void syscalls(Html html, List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        java.util.Set<String> hows = new java.util.LinkedHashSet<>();
        List<String> carriers = new ArrayList<>();
        for (RunResult run : runs) {
            List<String> cells = LatencyTable.syscallCells(run);
            if (cells == null) {
                continue;
            }
            rows.add(cells);
            run.costs().syscalls().figures().forEach(figure -> hows.add(figure.calls() + ": " + figure.how()));
            if (run.costs().carriers() != null) {
                carriers.add(run.name() + ": " + run.costs().carriers().describe());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        html.table(List.of("syscalls per packet", "waits", "reads+writes", "wake-ups", "all", "measured"), rows);
        html.p("note", "The system calls of each consumer's way of waiting: its threads' blocking waits, their read"
                + " and write calls, and the interrupt path's calls to wake it; ~ marks an estimate. "
                + String.join("; ", hows) + ".");
        if (!carriers.isEmpty()) {
            html.p("note", "Carriers of the consumers on virtual threads (pinned: held by a virtual thread blocked in a"
                    + " native call, epoll_wait, which cannot unmount): " + String.join("; ", carriers) + ".");
        }
    }

    private static void deviceLag(Html html, List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            LatencySummary lag = run.deviceLagNanos();
            rows.add(lag == null ? List.of(run.name(), "-", "-", "-", "-")
                    : List.of(run.name(), LatencyTable.micros(lag.p50()), LatencyTable.micros(lag.p99()),
                    LatencyTable.micros(lag.p999()), LatencyTable.micros(lag.max())));
        }
        html.table(List.of("device lag (µs)", "p50", "p99", "p99.9", "max"), rows);
        html.p("note", "The simulated device's own lateness: each descriptor's actual append minus its model write"
                + " time. The device decides in model time, so its decisions do not depend on it; the host sees a"
                + " descriptor and an interrupt only once appended, so it is in 'deliver' and 'wake'.");
    }

    private static List<String> stageHeader(String figure) {
        List<String> header = new ArrayList<>(List.of(figure));
        header.addAll(STAGES);
        return header;
    }

    private static List<List<String>> stageRows(List<RunResult> runs, boolean mean) {
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            List<String> row = new ArrayList<>(List.of(run.name()));
            Map<String, LatencySummary> stages = run.latencyNanos().stages();
            for (String stage : STAGES) {
                LatencySummary s = stages == null ? null : stages.get(stage);
                row.add(s == null ? "-" : mean ? String.format(Locale.ROOT, "%.2f", s.mean() / 1000.0)
                        : LatencyTable.micros(s.p50()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> accountingRows(List<RunResult> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            RunResult.PacketCounts p = run.packets();
            String reasons = p.dropReasons() == null || p.dropReasons().isEmpty() ? "-"
                    : p.dropReasons().entrySet().stream().map(e -> e.getKey() + " " + LatencyTable.count(e.getValue()))
                    .collect(Collectors.joining(", "));
            long trafficNanos = run.trafficNanos() > 0 ? run.trafficNanos() : run.measuredNanos() + run.warmupNanos();
            rows.add(List.of(run.name(), LatencyTable.count(p.generated()), LatencyTable.count(p.delivered()),
                    LatencyTable.count(p.dropped()), reasons, LatencyTable.count(p.measured()),
                    LatencyTable.count(run.interrupts()), LatencyTable.count(run.interruptsDelivered()),
                    LatencyTable.count(run.doorbells()), String.valueOf(run.driver()),
                    run.placement() == null ? "-" : run.placement().mode(),
                    String.format(Locale.ROOT, "%.2f s%s", trafficNanos / 1e9, run.interrupted() ? " (stopped early)"
                            : "")));
        }
        return rows;
    }
}
