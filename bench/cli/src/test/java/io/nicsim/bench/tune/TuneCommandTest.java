package io.nicsim.bench.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cli.NicsimCli;
import io.nicsim.bench.report.SelfContainedHtml;
import io.nicsim.bench.scenario.Scenario;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One tiny real tune (4 runs of 200 ms, without the JIT warm-up round and the memory probe, which take longer than
 * the runs and are tested elsewhere) as a user runs it: the files it writes and what it prints. No timing and no
 * verdict is asserted (the runs are real and short); the search is checked on synthetic objectives elsewhere.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TuneCommandTest {

    @TempDir
    static Path shared;
    static Path dir;
    static int code;
    static String out;
    static String err;

    @BeforeAll
    static void aTinyTune() {
        dir = shared.resolve("tune");
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        code = NicsimCli.commandLine(new PrintWriter(outText), new PrintWriter(errText)).execute("tune",
                "--set", "firmware.policy=coalesce", "--set", "host.consumer=platform-thread",
                "--set", "traffic.ratePerSecond=20kpps", "--set", "run.warmup=50ms", "--set", "run.drainTimeout=20s",
                "--duration", "200ms", "--objective", "p90", "--constraint", "interruptsPerSecond<=50kpps",
                "--budget", "4", "--ab-rounds", "1", "--replay-length", "500ms", "--repeats", "2",
                "--set", "run.jitWarmup=0", "--set", "run.memoryProbeWaiters=0", "--out", dir.toString());
        out = outText.toString();
        err = errText.toString();
    }

    @Test
    void writesTheLogTheBestScenarioAndTheReport() throws Exception {
        assertThat(code).as("stderr: %s", err).isZero();
        TuneResult result = TuneResult.read(dir.resolve("tune.json"));
        assertThat(result.runsUsed()).isBetween(2, 4).isEqualTo(result.runs().size());
        assertThat(result.runs().getFirst().phase()).isEqualTo("start");
        assertThat(result.space()).containsExactly("firmware.rxUsecs 0..128", "firmware.rxFrames 0..128 (log)");
        assertThat(result.verdict().sentence()).isNotBlank();

        List<String> csv = Files.readAllLines(dir.resolve("tune.csv"));
        assertThat(csv).hasSize(result.runs().size() + 1);
        assertThat(csv.getFirst()).startsWith("run,phase,point,rxUsecs,rxFrames,p50_ns,p90_ns,p99_ns")
                .contains("interrupts_per_s", "meets_constraints", "objective_median", "folder");

        for (Evaluation run : result.runs()) {
            Path runDir = dir.resolve(run.folder());
            assertThat(runDir.resolve("summary.json")).isRegularFile();
            assertThat(runDir.resolve("queues")).as("journals are not kept").doesNotExist();
            assertThat(run.values()).containsKeys("p50", "p90", "p99", "interruptsPerSecond");
        }
        assertThat(dir.resolve("warm-up")).doesNotExist();

        Scenario best = ScenarioLoader.load(dir.resolve("best.yaml"), List.of());
        assertThat(best.firmware().rxUsecs()).isEqualTo(Long.parseLong(result.best().get("firmware.rxUsecs")));
        assertThat(best.firmware().rxFrames()).isEqualTo(Integer.parseInt(result.best().get("firmware.rxFrames")));
        assertThat(best.host().consumers()).containsExactly("platform-thread");
        assertThat(best.run().durationNanos()).as("--replay-length").isEqualTo(500_000_000L);
        assertThat(best.run().warmupNanos()).as("--replay-length").isEqualTo(500_000_000L);
        assertThat(Files.readString(dir.resolve("best.yaml"))).startsWith("# nicsim tune: the best setting found")
                .contains("# verdict: ").contains("run.warmup and run.duration are at least 500ms each here");

        assertThat(SelfContainedHtml.check(dir.resolve("report.html"))).as("Pareto front and runs").hasSize(2);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Pareto front").contains("Verdict");
    }

    @Test
    void printsEachRunThePointsTheFrontAndTheVerdict() {
        assertThat(out).contains("nicsim tune: default-study, coalesce firmware, platform-thread;")
                .contains("[1/4] start").contains("Pareto front: p90 against interruptsPerSecond")
                .contains("verdict: ").contains("best.yaml");
    }

    @Test
    void reportMakesThePageAgainFromTheFolder() throws Exception {
        Files.delete(dir.resolve("report.html"));
        StringWriter outText = new StringWriter();
        int again = NicsimCli.commandLine(new PrintWriter(outText), new PrintWriter(new StringWriter()))
                .execute("report", dir.toString());
        assertThat(again).isZero();
        assertThat(SelfContainedHtml.check(dir.resolve("report.html"))).hasSize(2);
    }

    @Test
    void theTuneFolderHoldsOnlyWhatItSays() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(".nicsim-run",
                    "scenario.yaml", "points", "tune.json", "tune.csv", "best.yaml", "report.html");
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("tune.json").toFile());
        assertThat(json.get("paretoFront")).isNotEmpty();
    }
}
