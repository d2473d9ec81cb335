package io.nicsim.bench.report;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.JitterRecording;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.ScenarioYaml;

import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report.html from a run folder's files only: one percentile chart, one stage chart, one over-time chart per run
 * with an interval log (with the platform jitter of paced runs); self-contained (embedded PNGs, nothing fetched);
 * text escaped.
 */
class RunReportTest {

    @TempDir
    Path runDir;

    private static final List<String> STAGES = RunReport.STAGES;

    /** Writes a run's .hgrm and .hlog from seeded latencies and returns its result. */
    private RunResult run(int index, String label, long seed, boolean withFiles) throws Exception {
        return run(index, label, seed, withFiles, null);
    }

    /**
     * The same for a paced run with the platform jitter probe's recording ({@code jitter} in its .hlog and
     * summary.json), or, with none, a run in virtual time.
     */
    private RunResult run(int index, String label, long seed, boolean withFiles, JitterRecording jitter)
            throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(1, 2, PacketStampSink.NONE);
        recorder.measureFrom(LatencyRecorder.INTERVAL_NANOS);
        Random random = new Random(seed);
        DescriptorRecord d = new DescriptorRecord();
        for (long i = 0; i < 3_000; i++) {
            d.packetId = i;
            d.intendedNanos = i * 1_000_000L;
            d.injectedNanos = d.intendedNanos + 100;
            d.detectedNanos = d.injectedNanos + 50;
            d.writtenNanos = d.detectedNanos + 200;
            d.writtenBackNanos = d.writtenNanos + 50;
            long woken = d.writtenNanos + 1_000 + (long) (random.nextDouble() * random.nextDouble() * 500_000);
            recorder.record(d, woken, woken + 300, d.writtenNanos + 100, d.writtenNanos + 400);
        }
        RunFiles files = RunFiles.of(runDir, index, label);
        Map<String, String> written = new LinkedHashMap<>();
        if (withFiles) {
            Files.createDirectories(files.filesDir());
            HistogramFiles.writePercentiles(recorder.notification(), files.filesDir().resolve(RunFiles.HGRM));
            HistogramFiles.writeIntervalLog(recorder, jitter, 1_795_000_000_000L, label,
                    files.filesDir().resolve(RunFiles.HLOG));
            written.put("hgrm", files.relative(RunFiles.HGRM));
            written.put("hlog", files.relative(RunFiles.HLOG));
        }
        Map<String, LatencySummary> stages = new LinkedHashMap<>();
        for (io.nicsim.host.measure.Stage stage : io.nicsim.host.measure.Stage.values()) {
            stages.put(stage.key(), LatencySummary.of(recorder.stage(stage)));
        }
        LatencySummary notification = LatencySummary.of(recorder.notification());
        return new RunResult(new RunResult.What(label, label, "per-packet", "drain", null),
                new RunResult.Setup(Map.of("policy", "per-packet"), Map.of("kind", "poisson"), null, null),
                new RunResult.Counts(new RunResult.PacketCounts(3_000, 3_000, 0, Map.of(), notification.count()),
                        3_000, 3_000, 0, null),
                new RunResult.Latencies(new RunResult.Latency(notification, notification, stages), null, null,
                        jitter == null ? null : jitter.figures()),
                new RunResult.Window(3_000_000_000L, 1_000_000_000L, 2_000_000_000L, false), null,
                jitter == null && label.startsWith("virtual")
                        ? new RunResult.Output(null, written, "virtual", "built-in")
                        : new RunResult.Output(files.queueDir().toString(), written));
    }

    /** Platform jitter over the 2 measured seconds: usual 50 µs sleeps, and a 30 ms stall in the second one. */
    private static JitterRecording stalled() {
        Histogram late = LatencyRecorder.newHistogram();
        List<AbstractHistogram> intervals = new ArrayList<>();
        for (int second = 0; second < 2; second++) {
            AbstractHistogram interval = new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 2);
            interval.recordValueWithCount(50_000, 990);
            late.recordValueWithCount(50_000, 990);
            if (second == 1) {
                interval.recordValue(30_000_000);
                late.recordValue(30_000_000);
            }
            intervals.add(interval);
        }
        return new JitterRecording(1_000_000, late, intervals, 2 * LatencyRecorder.INTERVAL_NANOS);
    }

    @Test
    void aUsersHandlerHasItsCostsAndWhatWentWrongInTheCostsSection() throws Exception {
        RunResult user = run(0, "with-handler", 7, false).withCosts(new io.nicsim.host.cost.RunCosts(1_500, 0.5, 0.01,
                200, 3_000, 4, 1, 3_000, List.of("nicsim-platform-thread")).withHandler(
                new io.nicsim.host.cost.HandlerCosts("com.example.Parser", "sync", 3_000, 2_250, 40_000, 96, 9_600, 32,
                        "run"))).withHandler(new io.nicsim.bench.results.HandlerReport("com.example.Parser", "sync",
                3, "IllegalStateException: <bad> header", 1, List.of("t at com.example.Parser.handle(Parser.java:9)"),
                null));
        SummaryWriter.write(new Summary("handler", false, Environment.current(), List.of(user),
                Map.of("name", "handler"), "nicsim run"), runDir);
        String html = Files.readString(RunReport.write(runDir));
        assertThat(html).contains("<h2>Costs</h2>", "<th>your handler</th>",
                "<td>with-handler</td><td>Parser</td><td>sync</td><td>2.25</td><td>40.0</td><td>96.0</td>"
                        + "<td>0.0</td><td>3</td><td>1</td>", "IllegalStateException: &lt;bad&gt; header",
                "Parser.handle(Parser.java:9)");

        SummaryWriter.write(new Summary("model", false, Environment.current(), List.of(run(0, "model", 8, false)),
                Map.of("name", "model"), "nicsim run"), runDir);
        assertThat(Files.readString(RunReport.write(runDir))).as("no costs measured: no section")
                .doesNotContain("<h2>Costs</h2>");
    }

    @Test
    void aPacedRunsReportShowsItsPlatformJitterOverTimeAndInItsTableAVirtualRunsDoesNot() throws Exception {
        JitterRecording jitter = stalled();
        List<RunResult> runs = List.of(run(0, "paced", 5, true, jitter), run(1, "virtual", 6, true, null));
        Summary summary = new Summary("jitter", false, Environment.current(), runs, Map.of("name", "jitter"),
                "nicsim run");
        SummaryWriter.write(summary, runDir);

        Path report = RunReport.write(runDir);

        assertThat(SelfContainedHtml.check(report)).as("percentiles, stages, one over-time chart per run").hasSize(4);
        String html = Files.readString(report);
        assertThat(html).contains("alt=\"notification latency and " + Charts.JITTER_SERIES + " per second of paced\"")
                .contains("alt=\"notification latency per second of virtual\"")
                .doesNotContain(Charts.JITTER_SERIES + " per second of virtual");
        assertThat(html).as("the jitter table: the paced run's figures and verdict, none for the virtual run")
                .contains("<th>platform jitter</th>").contains("<td>paced</td><td>50.0</td>")
                .contains("<td>" + LatencyTable.micros(jitter.lateNanos().getMaxValue()) + "</td><td>1.50%</td>")
                .contains("within the platform&#39;s jitter")
                .containsPattern("<td>virtual</td><td>-</td><td>-</td><td>-</td><td>-</td><td>[0-9.,]+</td><td>-</td>");

        Path pacedLog = runDir.resolve(runs.get(0).files().get("hlog"));
        XYChart paced = Charts.overTime("paced", HistogramFiles.readIntervalLog(pacedLog),
                HistogramFiles.readJitterLog(pacedLog));
        assertThat(paced.getSeries(Charts.JITTER_SERIES).getYData()).as("each second's max, microseconds")
                .containsExactly(jitter.intervals().get(0).getMaxValue() / 1000.0,
                        jitter.intervals().get(1).getMaxValue() / 1000.0);
        Path virtualLog = runDir.resolve(runs.get(1).files().get("hlog"));
        assertThat(HistogramFiles.readJitterLog(virtualLog)).isEmpty();
        XYChart virtual = Charts.overTime("virtual", HistogramFiles.readIntervalLog(virtualLog),
                HistogramFiles.readJitterLog(virtualLog));
        assertThat(virtual.getSeriesCollection()).extracting(XYSeries::getName)
                .containsExactly("p50", "p99", "p99.9", "max");
    }

    @Test
    void aRunFoldersReportHasItsChartsAndNeedsNothingElse() throws Exception {
        List<RunResult> runs = List.of(run(0, "busy-poll", 1, true), run(1, "platform-thread", 2, true),
                run(2, "virtual-<thread>", 3, true));
        Summary summary = new Summary("study & <friends>", false, Environment.current(), runs,
                ScenarioLoader.load(null, List.of()).effective(), "nicsim run --duration 2s");
        SummaryWriter.write(summary, runDir);
        ScenarioYaml.write(summary.effectiveScenario(), runDir.resolve(RunFiles.SCENARIO_FILE));

        Path report = RunReport.write(runDir);

        assertThat(report).isEqualTo(runDir.resolve("report.html"));
        List<SelfContainedHtml.Image> images = SelfContainedHtml.check(report);
        assertThat(images).as("percentiles, stages, one over-time chart per run").hasSize(2 + runs.size());
        String html = Files.readString(report);
        assertThat(html).contains("study &amp; &lt;friends&gt;").doesNotContain("<friends>")
                .contains("virtual-&lt;thread&gt;").contains("busy-poll").contains("platform-thread");
        for (String stage : STAGES) {
            assertThat(html).contains(stage);
        }
        assertThat(html).contains("policy: per-packet").as("scenario.yaml shown");
        assertThat(html).as("no run with platform jitter, no jitter table").doesNotContain("<th>platform jitter</th>");
        assertThat(html).contains("href=\"0-busy-poll/notification.hgrm\"");
        assertThat(runDir.resolve("report.html.tmp")).doesNotExist();
    }

    @Test
    void aSummaryWithoutHistogramFilesStillGetsAReport() throws Exception {
        // a run folder from before the histogram files existed: the distribution comes from summary.json
        Summary summary = new Summary("old", true, Environment.current(), List.of(run(0, "event-loop", 4, false)),
                Map.of("name", "old"), "nicsim run");
        SummaryWriter.write(summary, runDir);

        Path report = RunReport.write(runDir);

        assertThat(SelfContainedHtml.check(report)).as("percentiles from summary.json, stages").hasSize(2);
        assertThat(Files.readString(report)).contains("Interrupted").contains("No .hgrm file for event-loop")
                .contains("No interval log with packets for event-loop");
    }

    @Test
    void ninesAxisLabels() {
        assertThat(Charts.ninesLabel(1)).isEqualTo("0%");
        assertThat(Charts.ninesLabel(10)).isEqualTo("90%");
        assertThat(Charts.ninesLabel(100)).isEqualTo("99%");
        assertThat(Charts.ninesLabel(1_000)).isEqualTo("99.9%");
        assertThat(Charts.ninesLabel(100_000)).isEqualTo("99.999%");
        assertThat(Charts.rateLabel(500)).isEqualTo("500");
        assertThat(Charts.rateLabel(20_000)).isEqualTo("20k");
        assertThat(Charts.rateLabel(1_500_000)).isEqualTo("1.5M");
    }
}
