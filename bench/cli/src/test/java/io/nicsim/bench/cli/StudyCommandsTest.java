package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.report.SelfContainedHtml;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * run, sweep, compare, report and inspect as a user runs them, on short runs: the files each writes, what each
 * prints. No timing is asserted.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StudyCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SHORT = List.of("--set", "run.warmup=100ms", "--set",
            "traffic.ratePerSecond=20kpps",
            "--set", "run.drainTimeout=20s", "--duration", "200ms");

    @TempDir
    static Path shared;
    static Path runDir;
    static Outcome run;

    record Outcome(int code, String out, String err) {
    }

    static Outcome execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    static List<String> args(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    @BeforeAll
    static void aRunWithExport() {
        runDir = shared.resolve("run");
        run = execute(args(List.of("run", "--set", "host.consumer=platform-thread,busy-poll", "--export-packets",
                "--out", runDir.toString()), SHORT));
    }

    @Test
    void anExportItCannotMakeIsRefusedBeforeAnythingIsWritten() {
        // many RX queues, a shape with many threads: in run, in compare's consumers, in a sweep's points; virtual time
        List<List<String>> commands = List.of(
                List.of("run", "--set", "nic.queues=2", "--set", "host.consumer=platform-thread"),
                List.of("compare", "--consumers", "platform-thread,platform-pool"),
                List.of("sweep", "--set", "host.consumer=platform-thread", "--param", "nic.queues=1,2"),
                List.of("compare", "--consumers", "platform-thread,event-loop", "--set", "run.clock=virtual"));
        for (int i = 0; i < commands.size(); i++) {
            Path out = shared.resolve("refused-" + i);
            Outcome refused = execute(args(commands.get(i), List.of("--export-packets", "--out", out.toString())));
            assertThat(refused.code()).as("%s: %s", commands.get(i), refused.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(refused.err().lines().toList()).singleElement().asString()
                    .startsWith("error: --export-packets: ")
                    .contains(i == commands.size() - 1 ? "not available in virtual time" : "many threads");
            assertThat(out).as("nothing written").doesNotExist();
        }
    }

    @Test
    void runWritesScenarioHistogramsPacketsAndAReport() throws Exception {
        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("[1/2] platform-thread").contains("[2/2] busy-poll")
                .contains(runDir.resolve("report.html").toString());
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());

        // scenario.yaml is the effective scenario and loads back to the same one
        JsonNode reloaded = JSON.valueToTree(ScenarioLoader.load(runDir.resolve("scenario.yaml"), List.of())
                .effective());
        assertThat(reloaded.toString()).isEqualTo(summary.get("effectiveScenario").toString());

        for (JsonNode r : summary.get("runs")) {
            JsonNode files = r.get("files");
            assertThat(HistogramFiles.readPercentiles(runDir.resolve(files.get("hgrm").asText()))).isNotEmpty();
            List<HistogramFiles.Interval> intervals = HistogramFiles.readIntervalLog(runDir.resolve(files.get("hlog")
                    .asText()));
            assertThat(intervals.stream().filter(i -> !i.warmup()).mapToLong(HistogramFiles.Interval::count).sum())
                    .isEqualTo(r.get("packets").get("measured").asLong());
            try (Stream<String> lines = Files.lines(runDir.resolve(files.get("packets").asText()))) {
                assertThat(lines.count() - 1).isEqualTo(r.get("packets").get("generated").asLong());
            }
            assertThat(r.get("label").asText()).isEqualTo(r.get("consumer").asText());
            assertThat(r.get("interrupted").asBoolean()).isFalse();
        }
        assertThat(SelfContainedHtml.check(runDir.resolve("report.html"))).as("percentiles, stages, 2 over time")
                .hasSize(4);
    }

    @Test
    void reportMakesThePageAgainFromTheFolderAlone() throws Exception {
        Path copy = shared.resolve("copied-run");
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(runDir.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.toString().contains("/queues/") && !path.getFileName().toString()
                        .equals("report.html")) {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Outcome outcome = execute(List.of("report", copy.toString()));
        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(outcome.out()).contains(copy.resolve("report.html").toString());
        assertThat(SelfContainedHtml.check(copy.resolve("report.html"))).hasSize(4);
    }

    @Test
    void inspectShowsTheFirstInterruptsWithTheirDescriptors() {
        Outcome outcome = execute(List.of("inspect", runDir.toString(), "--limit", "10"));
        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("run 0-platform-thread").contains("1-busy-poll");
        List<String> records = records(outcome.out());
        assertThat(records).hasSize(10);
        assertThat(records.getFirst()).contains("descriptor").contains("packet 0 ").contains("intended 0.000");
        assertThat(records).anySatisfy(line -> assertThat(line).contains("interrupt").contains("packets 0..0 (1)")
                .contains("raised"));
        assertThat(outcome.out()).contains("more records follow");

        Outcome interrupts = execute(List.of("inspect", runDir.toString(), "--run", "platform-thread", "--kind",
                "interrupts", "--from", "50ms", "--limit", "3"));
        assertThat(interrupts.code()).isZero();
        assertThat(records(interrupts.out())).hasSize(3).allSatisfy(line -> {
            assertThat(line).contains("interrupt");
            assertThat(Double.parseDouble(line.trim().split("\\s+")[0])).isGreaterThanOrEqualTo(50_000.0);
        });

        Outcome otherQueue = execute(List.of("inspect", runDir.toString(), "--run", "1", "--queue", "1"));
        assertThat(otherQueue.code()).isZero();
        assertThat(otherQueue.out()).startsWith("run 1-busy-poll");
        assertThat(records(otherQueue.out())).as("one RX queue only: queue 1 has nothing").isEmpty();
    }

    /** The record lines: they start with a time. */
    private static List<String> records(String out) {
        return out.lines().filter(line -> line.matches("\\s*-?\\d+\\.\\d{3}\\s+.*")).toList();
    }

    @Test
    void aSweepOfFivePointsWritesItsTableAndCurves() throws Exception {
        Path dir = shared.resolve("sweep");
        Outcome outcome = execute(List.of("sweep", "--set", "firmware.policy=coalesce", "--set",
                "host.consumer=platform-thread", "--param", "firmware.rxUsecs=0,8,16,32,64", "--duration", "100ms",
                "--set", "run.warmup=0s", "--set", "traffic.ratePerSecond=20kpps", "--set", "run.drainTimeout=300ms",
                "--out", dir.toString()));

        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        for (int i = 1; i <= 5; i++) {
            assertThat(outcome.out()).contains("[" + i + "/5] firmware.rxUsecs=");
        }
        assertThat(outcome.out()).contains("about").contains("left").contains("consumer CPU per packet");
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.getFirst().split(",")).startsWith("point", "firmware.rxUsecs", "consumer")
                .contains("p50_ns", "p99_ns", "p999_ns", "interrupts_per_s", "consumer_cpu_ns_per_packet", "drops");
        assertThat(csv.subList(1, 6)).extracting(line -> line.split(",")[1])
                .containsExactly("0", "8", "16", "32", "64");
        JsonNode sweep = JSON.readTree(dir.resolve("sweep.json").toFile());
        assertThat(sweep.get("rows")).hasSize(5);
        assertThat(sweep.get("interrupted").asBoolean()).isFalse();
        assertThat(sweep.get("notes").get(0).asText()).contains("CPU");
        for (JsonNode row : sweep.get("rows")) {
            assertThat(row.get("parameters").get("firmware.rxUsecs").asText()).isNotEmpty();
            assertThat(row.get("generated").asLong()).isEqualTo(row.get("delivered").asLong() + row.get("dropped")
                    .asLong());
            assertThat(row.get("consumerCpuNanosPerPacket").asDouble()).as("measured").isPositive();
            Path point = dir.resolve(row.get("folder").asText());
            assertThat(point.resolve("summary.json")).isRegularFile();
            assertThat(SelfContainedHtml.check(point.resolve("report.html"))).hasSize(3);
        }
        // p50, p99, p99.9 against the parameter; two trade-off curves; the point distributions of the consumer
        assertThat(SelfContainedHtml.check(dir.resolve("report.html"))).hasSize(6);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("rxUsecs=64")
                .contains("points/4-rxUsecs=64/report.html");
    }

    @Test
    void severalParamsMakeTheCrossProductFirstSlowest() throws Exception {
        Path dir = shared.resolve("grid");
        Outcome outcome = execute(List.of("sweep", "--set", "firmware.policy=coalesce", "--set",
                "host.consumer=busy-poll",
                "--param", "firmware.rxUsecs=8,16", "--param", "firmware.rxFrames=4,8", "--duration", "20ms",
                "--set", "run.warmup=0s", "--set", "traffic.ratePerSecond=20kpps", "--quiet", "--out", dir.toString()));
        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(outcome.out()).doesNotContain("[1/4]").as("--quiet: no progress");
        List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
        assertThat(csv.subList(1, csv.size()))
                .extracting(line -> String.join(" ", List.of(line.split(",")).subList(1, 3)))
                .containsExactly("8 4", "8 8", "16 4", "16 8");
        try (Stream<Path> points = Files.list(dir.resolve("points"))) {
            assertThat(points.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("0-rxUsecs=8-rxFrames=4", "1-rxUsecs=8-rxFrames=8", "2-rxUsecs=16-rxFrames=4",
                            "3-rxUsecs=16-rxFrames=8");
        }
    }

    @Test
    void compareConsumersReportsRatiosToTheFirst() throws Exception {
        Path dir = shared.resolve("compare");
        Outcome outcome = execute(args(List.of("compare", "--consumers", "platform-thread,virtual-thread",
                "--out", dir.toString()), SHORT));

        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(outcome.out()).contains("ratios to platform-thread").containsPattern(
                "virtual-thread p50 = [0-9.,]+x, p99 = [0-9.,]+x, p99.9 = [0-9.,]+x platform-thread");
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode comparison = summary.get("comparison");
        assertThat(comparison.get("baseline").asText()).isEqualTo("platform-thread");
        assertThat(comparison.get("varies").get(0).asText()).isEqualTo("consumer");
        JsonNode entries = comparison.get("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("ratios").get("p99").asDouble()).isEqualTo(1.0);
        JsonNode runs = summary.get("runs");
        // played in rounds: the ratios compare the medians over rounds, as the study table shows them
        double expected = runs.get(1).get("rounds").get("notificationNanos").get("p99").get("median").asDouble()
                / runs.get(0).get("rounds").get("notificationNanos").get("p99").get("median").asDouble();
        assertThat(entries.get(1).get("label").asText()).isEqualTo("virtual-thread");
        assertThat(entries.get(1).get("ratios").get("p99").asDouble())
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Compared with platform-thread");
    }

    @Test
    void comparePoliciesLabelsRunsByPolicy() throws Exception {
        Path dir = shared.resolve("policies");
        Outcome outcome = execute(args(List.of("compare", "--policies", "per-packet,coalesce", "--set",
                "host.consumer=event-loop", "--out", dir.toString()), SHORT));

        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(outcome.out()).contains("coalesce p50 = ").contains("x per-packet");
        assertThat(outcome.out().lines().filter(l -> l.startsWith("run ")).findFirst()).isPresent();
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("runs")).extracting(r -> r.get("label").asText() + "/" + r.get("policy").asText())
                .containsExactly("per-packet/per-packet", "coalesce/coalesce");
        assertThat(summary.get("comparison").get("varies").get(0).asText()).isEqualTo("policy");
        assertThat(dir.resolve("queues/1-coalesce.round-1/descriptors")).as("each round's journal").isDirectory();
    }
}
