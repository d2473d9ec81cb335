package io.nicsim.bench.cli;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.host.cost.HandlerCosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short real runs of a handler from a jar ({@code --handler-jar}): in virtual time a probe measures it and the model
 * charges what it measured (summary.json's costs.handler, measured by probe); hardware in the loop the class is loaded
 * from the jar, checked once, made once for the run, named in the run's scenario, and timed around each call.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HandlerJarRunTest {

    private static final String HANDLER = "com.example.Spinning";

    @TempDir
    static Path jarsDir;
    private static TestHandlerJars jars;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeJars() throws IOException {
        jars = TestHandlerJars.make(jarsDir);
    }

    private static int made() {
        return Integer.getInteger(TestHandlerJars.MADE, 0);
    }

    private static CliOutcome run(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--out", out.toString(), "--quiet",
                "--handler-jar", jars.handlers().toString(), "--set", "host.handler=" + HANDLER,
                "--set", "run.warmup=10ms", "--set", "run.memoryProbeWaiters=0",
                "--set", "traffic.ratePerSecond=10kpps"));
        args.addAll(List.of(more));
        return CliOutcome.of(args);
    }

    @Test
    void inVirtualTimeAProbeMeasuresTheHandlerAndTheModelChargesIt() throws IOException {
        int before = made();
        Path out = dir.resolve("virtual");
        CliOutcome outcome = run(out, "--set", "run.clock=virtual", "--set", "host.consumer=platform-thread,event-loop",
                "--duration", "100ms");
        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(made() - before).as("made once by the check, once by the probe of each consumer").isEqualTo(3);
        assertThat(System.getProperty(TestHandlerJars.LOADER)).as("loaded from the jars")
                .isEqualTo("nicsim-handler-jars");
        Summary summary = SummaryWriter.read(out.resolve(SummaryWriter.FILE_NAME));
        assertThat(summary.runs()).hasSize(2);
        for (RunResult run : summary.runs()) {
            HandlerCosts handler = run.costs().handler();
            assertThat(handler).as(run.name()).isNotNull();
            assertThat(handler.className()).isEqualTo(HANDLER);
            assertThat(handler.measuredBy()).isEqualTo(HandlerCosts.BY_PROBE);
            assertThat(handler.kind()).isEqualTo(HandlerCosts.SYNC);
            assertThat(handler.calls()).isPositive();
            assertThat(handler.cpuNanosPerPacket()).as("it burns that much CPU per packet")
                    .isGreaterThanOrEqualTo(TestHandlerJars.SPIN_NANOS);
            assertThat(handler.allocatedBytesPerPacket()).as("and allocates that much")
                    .isGreaterThanOrEqualTo(TestHandlerJars.ALLOCATED_BYTES);
            assertThat(handler.allocatedBytesPerSecond()).as("over the run's ~1,000 packets in 100 ms")
                    .isGreaterThan(TestHandlerJars.ALLOCATED_BYTES * 1_000.0);
            assertThat(run.costs().consumerCpuNanosPerPacket()).as("the model charged the handler's CPU")
                    .isGreaterThanOrEqualTo(handler.cpuNanosPerPacket());
        }
    }

    @Test
    void hardwareInTheLoopTheClassIsLoadedFromTheJarAndNamedInTheRun() throws IOException {
        int before = made();
        Path out = dir.resolve("paced");
        CliOutcome outcome = run(out, "--set", "host.consumer=busy-poll", "--duration", "20ms",
                "--set", "run.rounds=1", "--set", "run.jitWarmup=0", "--set", "run.queueStaging=none");
        assertThat(outcome.code()).as("stderr: %s", outcome.err()).isZero();
        assertThat(made() - before).as("the check made one, the run one").isEqualTo(2);
        assertThat(Files.readString(out.resolve("scenario.yaml"))).contains("handler: " + HANDLER);
        Summary summary = SummaryWriter.read(out.resolve(SummaryWriter.FILE_NAME));
        assertThat(summary.runs()).hasSize(1);
        RunResult run = summary.runs().getFirst();
        assertThat(run.packets().delivered()).as("every packet handled").isEqualTo(run.packets().generated());
        HandlerCosts handler = run.costs().handler();
        assertThat(handler.measuredBy()).isEqualTo(HandlerCosts.BY_RUN);
        assertThat(handler.className()).isEqualTo(HANDLER);
        assertThat(handler.calls()).as("the measured window's packets").isPositive()
                .isLessThanOrEqualTo(run.packets().delivered());
        assertThat(handler.cpuNanosPerPacket()).as("it burns that much CPU per packet")
                .isGreaterThanOrEqualTo(TestHandlerJars.SPIN_NANOS * 0.9);
        assertThat(handler.allocatedBytesPerPacket()).as("and allocates that much")
                .isGreaterThanOrEqualTo(TestHandlerJars.ALLOCATED_BYTES);
        assertThat(run.handler().errors()).isZero();
        assertThat(outcome.out()).contains("handler per packet", "measured around each call in the run");
    }
}
