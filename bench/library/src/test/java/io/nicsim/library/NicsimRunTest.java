package io.nicsim.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenarios run through the library: a short paced run with a handler class, and a virtual study. */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NicsimRunTest {

    @TempDir
    Path dir;

    /** A handler that does nothing, from this test's class path. */
    public static final class QuietHandler implements PacketHandler {
        @Override
        public void handle(Packet packet) {
        }
    }

    @Test
    void aPacedRunWithAHandlerClassGivesFiguresFilesAndBalancedPackets() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        NicsimResult result = NicsimRun.defaultStudy().set("host.consumer=platform-thread")
                .set("traffic.ratePerSecond=20kpps").set("run.duration=300ms").set("run.warmup=100ms")
                .set("run.rounds=1").set("run.jitWarmup=0s").set("run.memoryProbeWaiters=0")
                .handler(QuietHandler.class).outputFolder(dir.resolve("run"))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        assertThat(result.runFolder()).isEqualTo(dir.resolve("run").toAbsolutePath());
        assertThat(result.summaryJson()).isRegularFile();
        assertThat(result.reportHtml()).isRegularFile();
        assertThat(result.interrupted()).isFalse();
        assertThat(result.consumers()).hasSize(1);
        ConsumerResult run = result.consumer("platform-thread");
        assertThat(run.clock()).isEqualTo("paced");
        assertThat(run.runFolder()).isEqualTo(result.runFolder());
        assertThat(run.generated()).isPositive().isEqualTo(run.delivered() + run.dropped());
        assertThat(run.dropReasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(run.dropped());
        assertThat(run.measured()).isPositive();
        assertThat(run.p50Micros()).isPositive().isLessThanOrEqualTo(run.p90Micros());
        assertThat(run.p90Micros()).isLessThanOrEqualTo(run.p99Micros());
        assertThat(run.p99Micros()).isLessThanOrEqualTo(run.p999Micros());
        assertThat(run.p999Micros()).isLessThanOrEqualTo(run.maxMicros());
        assertThat(run.consumerCpuNanosPerPacket()).isPositive().isFinite();
        assertThat(run.syscallsPerPacket()).as("a parked thread blocks in futex now and then").isPositive().isFinite();
        assertThat(result.table()).contains("platform-thread");

        JsonNode summary = new ObjectMapper().readTree(result.summaryJson().toFile());
        assertThat(summary.at("/effectiveScenario/host/handler").asText()).isEqualTo(QuietHandler.class.getName());
        assertThat(summary.at("/command").asText()).startsWith("io.nicsim.library.NicsimRun (default study)")
                .contains("--set host.consumer=platform-thread").endsWith("handler " + QuietHandler.class.getName());
        assertThat(summary.at("/runs/0/packets/generated").asLong()).isEqualTo(run.generated());
    }

    @Test
    void aVirtualStudyRunsEveryConsumerInTheScenariosOrder() {
        NicsimResult result = NicsimRun.defaultStudy().set("run.clock", "virtual").set("run.duration", "200ms")
                .set("run.warmup", "50ms").outputFolder(dir.resolve("virtual")).run();

        assertThat(result.scenario()).isEqualTo("default-study");
        assertThat(result.consumers()).extracting(ConsumerResult::consumer)
                .containsExactly("busy-poll", "platform-thread", "virtual-thread", "event-loop");
        for (ConsumerResult run : result.consumers()) {
            assertThat(run.clock()).isEqualTo("virtual");
            assertThat(run.generated()).isPositive().isEqualTo(run.delivered() + run.dropped());
            assertThat(run.p99Micros()).isPositive();
            assertThat(run.handler()).isNull();
        }
        assertThatThrownBy(() -> result.consumer("platform-pool")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no consumer platform-pool in this run; it ran: busy-poll, platform-thread,"
                        + " virtual-thread, event-loop");
    }
}
