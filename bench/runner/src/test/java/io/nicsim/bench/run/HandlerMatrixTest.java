package io.nicsim.bench.run;

import io.nicsim.bench.results.HandlerReport;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.Consumers;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.handler.HandlerSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's handler in real runs of every consumer (real Chronicle files, threads and device, short runs): a small
 * sync handler and a small async one (completed by the run's timer) each handle every packet, accounted for, with
 * their costs measured; a handler throwing on every tenth packet has exactly those dropped as {@code handler-error}
 * and the run goes on; a handler blocking forever on one packet ends its run after the drain timeout with that packet
 * a {@code handler-timeout} and the stuck thread reported. No timing is asserted.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HandlerMatrixTest {

    /** Checks that each packet's bytes carry its id, and spins a little. */
    public static final class SmallSync implements PacketHandler {
        @Override
        public void handle(Packet packet) {
            if (packet.bytes().getLong(42) != packet.id()) {
                throw new IllegalStateException("packet " + packet.id() + " carries another id");
            }
        }
    }

    /** Completes each packet 20 us later through the run's timer (a Vert.x timer on loops). */
    public static final class SmallAsync implements AsyncPacketHandler {
        private HandlerContext context;

        @Override
        public void open(HandlerContext handlerContext) {
            context = handlerContext;
        }

        @Override
        public void handle(Packet packet, Completion completion) {
            context.completeAfter(20_000, completion);
        }
    }

    /** Throws on every tenth packet (ids 9, 19, ...). */
    public static final class EveryTenthThrows implements PacketHandler {
        @Override
        public void handle(Packet packet) {
            if (packet.id() % 10 == 9) {
                throw new IllegalStateException("every tenth: " + packet.id());
            }
        }
    }

    /** Sleeps on packet 5 until interrupted (as the consumer stops), then fails it. */
    public static final class SleepsUntilInterrupted implements PacketHandler {
        @Override
        public void handle(Packet packet) throws InterruptedException {
            if (packet.id() == 5) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    /** Blocks on packet 5 until closed, deaf to interrupts. */
    public static final class BlocksForever implements PacketHandler {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void handle(Packet packet) {
            while (packet.id() == 5 && closed.getCount() > 0) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    // deaf
                }
            }
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    static List<String> consumers() {
        return Consumers.NAMES;
    }

    private static RunResult run(String consumer, Class<?> handler, Path dir, String... more) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("run.duration=100ms", "run.warmup=50ms",
                "run.drainTimeout=10s", "traffic.ratePerSecond=5kpps", "traffic.flows=4", "host.consumer=" + consumer,
                "host.workers=2", "host.socketSlots=4096", "nic.ringSlots=4096", "run.queueStaging=none"));
        overrides.addAll(List.of(more));
        Scenario scenario = ScenarioLoader.load(null, overrides);
        RunOptions options = RunOptions.defaults().withKeepJournal(false)
                .withHandler(HandlerSource.of(handler, "host.handler"));
        return ConsumerRun.run(scenario, consumer, consumer, dir.resolve("queues"), null, SystemNanoClock.INSTANCE,
                options);
    }

    @ParameterizedTest
    @MethodSource("consumers")
    void aSmallSyncAndASmallAsyncHandlerHandleEveryPacketWithTheirCostsMeasured(String consumer, @TempDir Path dir)
            throws Exception {
        for (Class<?> handler : List.of(SmallSync.class, SmallAsync.class)) {
            RunResult result = run(consumer, handler, dir.resolve(handler.getSimpleName()));
            RunResult.PacketCounts packets = result.packets();
            assertThat(packets.generated()).as("%s: balanced", handler.getSimpleName())
                    .isPositive().isEqualTo(packets.delivered() + packets.dropped());
            assertThat(packets.dropped()).as("%s: drops %s", handler.getSimpleName(), packets.dropReasons()).isZero();
            HandlerReport report = result.handler();
            assertThat(report.className()).isEqualTo(handler.getName());
            assertThat(report.errors()).isZero();
            assertThat(report.timeouts()).isZero();
            HandlerCosts costs = result.costs().handler();
            assertThat(costs.kind()).isEqualTo(handler == SmallSync.class ? HandlerCosts.SYNC : HandlerCosts.ASYNC);
            assertThat(costs.calls()).as("calls in the measured window").isPositive()
                    .isLessThanOrEqualTo(packets.delivered());
            assertThat(costs.cpuNanosPerPacket()).as("CPU per packet").isNotNaN().isNotNegative();
            assertThat(costs.allocatedBytesPerPacket()).as("allocation per packet").isNotNaN().isNotNegative();
            assertThat(costs.blockedNanosPerPacket()).isNotNegative();
            if (handler == SmallAsync.class) {
                assertThat(costs.blockedNanosPerPacket()).as("waited for a 20 us timer").isGreaterThan(10_000);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform-thread", "event-loops"})
    void aHandlerThrowingOnEveryTenthPacketHasExactlyThoseDroppedAndTheRunGoesOn(String consumer, @TempDir Path dir)
            throws Exception {
        RunResult result = run(consumer, EveryTenthThrows.class, dir);
        RunResult.PacketCounts packets = result.packets();
        long tenths = (packets.generated() + 1) / 10; // ids 9, 19, ... below generated
        assertThat(packets.dropReasons()).as("every packet reached the handler").containsOnlyKeys("handler-error");
        assertThat(packets.dropReasons().get("handler-error")).isEqualTo(tenths);
        assertThat(packets.delivered()).isEqualTo(packets.generated() - tenths);
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(result.handler().errors()).isEqualTo(tenths);
        assertThat(result.handler().firstError()).startsWith("IllegalStateException: every tenth: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform-thread", "virtual-thread-per-packet", "event-loop"})
    void aHandlerBlockingForeverEndsItsRunAfterTheDrainTimeoutAndIsReported(String consumer, @TempDir Path dir)
            throws Exception {
        long startNanos = System.nanoTime();
        RunResult result = run(consumer, BlocksForever.class, dir, "run.drainTimeout=300ms");
        assertThat(System.nanoTime() - startNanos).as("the run ended").isLessThan(TimeUnit.SECONDS.toNanos(60));
        RunResult.PacketCounts packets = result.packets();
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropReasons().get("handler-timeout")).as("packet 5, in the handler").isEqualTo(1);
        HandlerReport report = result.handler();
        assertThat(report.timeouts()).isEqualTo(1);
        assertThat(report.stuck()).singleElement().asString()
                .contains(" at " + BlocksForever.class.getName() + ".handle(HandlerMatrixTest.java:");
        if (!consumer.equals("virtual-thread-per-packet")) {
            assertThat(packets.dropReasons()).as("the one thread was stuck: the rest never reached it")
                    .containsKey("handler-timeout").hasSizeGreaterThan(1)
                    .as("what the freed thread read as the consumer stopped was never handed to the application")
                    .doesNotContainKey("stranded-in-app");
        } else {
            assertThat(packets.delivered()).as("a thread per packet: the others were handled")
                    .isEqualTo(packets.generated() - 1);
        }
    }

    @Test
    void aThreadFreedByTheStopsInterruptLeavesWhatItThenReadInTheRing(@TempDir Path dir) throws Exception {
        RunResult result = run("platform-thread", SleepsUntilInterrupted.class, dir, "run.drainTimeout=300ms");
        RunResult.PacketCounts packets = result.packets();
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropReasons()).as("given up on packet 5; the rest stayed in the ring while the run waited")
                .containsEntry("handler-timeout", 1L).containsKey("stranded-in-ring")
                .doesNotContainKey("stranded-in-app").doesNotContainKey("handler-error");
        assertThat(packets.delivered()).isEqualTo(5);
    }

    @Test
    void theBuiltInModelReportsNoHandler(@TempDir Path dir) throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=50ms", "run.warmup=20ms",
                "host.consumer=busy-poll", "run.queueStaging=none"));
        RunResult result = ConsumerRun.run(scenario, "busy-poll", dir.resolve("queues"), SystemNanoClock.INSTANCE);
        assertThat(result.handler()).isNull();
        assertThat(result.costs().handler()).isNull();
    }
}
