package io.nicsim.junit;

import io.nicsim.library.ConsumerResult;
import io.nicsim.library.NicsimRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Budgets held and broken, on two short virtual-time runs: one that drops nothing, one overloaded. */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LatencyBudgetTest {

    @TempDir
    static Path dir;

    private static ConsumerResult calm;
    private static ConsumerResult overloaded;

    @BeforeAll
    static void run() {
        calm = NicsimRun.defaultStudy().set("run.clock=virtual").set("host.consumer=platform-thread")
                .set("run.duration=100ms").set("run.warmup=20ms").outputFolder(dir.resolve("calm")).run()
                .consumer("platform-thread");
        overloaded = NicsimRun.scenario(Path.of("../scenarios/overload.yaml")).set("run.clock=virtual")
                .set("run.duration=50ms").set("run.warmup=10ms").set("run.drainTimeout=10ms")
                .outputFolder(dir.resolve("overloaded")).run().consumer("platform-thread");
    }

    @Test
    void aBudgetAtTheFigureHoldsAndJustBelowItFailsNamingEverything() {
        LatencyBudget.assertThat(calm).p50AtMostMicros(calm.p50Micros()).p90AtMostMicros(calm.p90Micros())
                .p99AtMostMicros(calm.p99Micros()).p999AtMostMicros(calm.p999Micros())
                .maxAtMostMicros(calm.maxMicros()).hasNoDrops().dropsAtMost(0);
        double tight = calm.p99Micros() - 0.01;
        assertThatThrownBy(() -> LatencyBudget.assertThat(calm).p99AtMostMicros(tight))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(String.format(Locale.ROOT, "platform-thread: p99 notification latency %.2f us is over its"
                        + " budget of %.2f us (run folder: %s)", calm.p99Micros(), tight, calm.runFolder()));
        assertThatThrownBy(() -> LatencyBudget.assertThat(calm).maxAtMostMicros(calm.maxMicros() - 0.01))
                .hasMessageContaining("max notification latency");
    }

    @Test
    void dropsBreakANoDropBudgetWithTheirReasons() {
        assertThat(overloaded.dropped()).isPositive();
        assertThatThrownBy(() -> LatencyBudget.assertThat(overloaded).hasNoDrops())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("platform-thread: " + overloaded.dropped() + " of " + overloaded.generated()
                        + " packets dropped " + overloaded.dropReasons() + ", more than the 0 allowed");
        LatencyBudget.assertThat(overloaded).dropsAtMost(overloaded.dropped());
    }

    @Test
    void costsAreBudgetedWhenMeasuredAndAMissingHandlerFails() {
        double cpu = calm.consumerCpuNanosPerPacket(); // the host model's figure in virtual time
        assertThat(cpu).isPositive().isFinite();
        LatencyBudget.assertThat(calm).consumerCpuPerPacketAtMostNanos(cpu);
        assertThatThrownBy(() -> LatencyBudget.assertThat(calm).consumerCpuPerPacketAtMostNanos(cpu - 1))
                .hasMessageContaining("consumer CPU per packet").hasMessageContaining("is over its budget of");
        assertThatThrownBy(() -> LatencyBudget.assertThat(calm).handlerCpuPerPacketAtMostNanos(1e9))
                .hasMessageStartingWith("platform-thread: has no handler costs: no host.handler ran");
    }

    @Test
    void aRunThatMeasuredNothingHoldsNoBudget() {
        ConsumerResult empty = NicsimRun.defaultStudy().set("run.clock=virtual").set("host.consumer=busy-poll")
                .set("traffic.ratePerSecond=10pps").set("run.duration=1ms").set("run.warmup=1ms")
                .outputFolder(dir.resolve("empty")).run().consumer("busy-poll");
        assertThat(empty.measured()).isZero();
        assertThatThrownBy(() -> LatencyBudget.assertThat(empty)).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("busy-poll: measured no packet");
    }
}
