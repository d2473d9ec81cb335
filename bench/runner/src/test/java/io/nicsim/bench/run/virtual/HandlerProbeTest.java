package io.nicsim.bench.run.virtual;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.handler.HandlerSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The virtual-time probe: what it tells a handler, how it calls each kind, what it measures (lower bounds a handler
 * guarantees by what it does: CPU it burns, bytes it allocates, a delay it waits), and how it refuses a handler that
 * never returns or fails every packet.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class HandlerProbeTest {

    private static final HandlerProbe.Where PLATFORM = new HandlerProbe.Where("platform-thread", 2, 4, 60);
    private static final HandlerProbe.Where LOOP = new HandlerProbe.Where("event-loop", 1, 1, 60);
    private static final HandlerProbe.Limits SHORT = new HandlerProbe.Limits(50, 100_000_000L, 200, 500_000_000L,
            5_000_000_000L);
    private static final long CPU_NANOS = 20_000;
    private static final int ALLOCATED_BYTES = 4096;

    /** Holds what handlers allocate, so the allocation cannot be optimized away. */
    static volatile Object sink;

    /** Burns {@value #CPU_NANOS} ns of its thread's CPU and allocates {@value #ALLOCATED_BYTES} bytes per packet. */
    public static final class Burning implements PacketHandler {

        @Override
        public void handle(Packet packet) {
            sink = new byte[ALLOCATED_BYTES];
            long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start < CPU_NANOS) {
                Thread.onSpinWait();
            }
        }
    }

    /** Completes each packet 200 us later on the context's timer; synchronous too, for threads. */
    public static final class Delayed implements AsyncPacketHandler, PacketHandler {
        static volatile HandlerContext opened;
        private HandlerContext context;

        @Override
        public void open(HandlerContext handlerContext) {
            this.context = handlerContext;
            opened = handlerContext;
        }

        @Override
        public void handle(Packet packet, Completion completion) {
            context.completeAfter(200_000, completion);
        }

        @Override
        public void handle(Packet packet) {
            LockSupport.parkNanos(200_000);
        }
    }

    /** Does nothing; counts the instances made. */
    public static final class Counted implements PacketHandler {
        static final AtomicInteger MADE = new AtomicInteger();

        public Counted() {
            MADE.incrementAndGet();
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    /** Never returns, unless interrupted (so the test leaves no thread behind). */
    public static final class Stuck implements PacketHandler {
        @Override
        public void handle(Packet packet) {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
        }
    }

    /** Throws on every packet. */
    public static final class Failing implements PacketHandler {
        @Override
        public void handle(Packet packet) throws Exception {
            throw new java.io.IOException("service at 10.0.0.9 refused packet " + packet.id());
        }
    }

    /** Fails the completion of every other packet, completes the rest at once. */
    public static final class HalfFailing implements AsyncPacketHandler {
        @Override
        public void handle(Packet packet, Completion completion) {
            if (packet.id() % 2 == 0) {
                completion.fail(new IllegalStateException("even"));
            } else {
                completion.complete();
            }
        }
    }

    @Test
    void aSyncHandlersCpuAndAllocationPerPacketAreAtLeastWhatItSpends() {
        HandlerCosts costs = HandlerProbe.measure(HandlerSource.of(Burning.class, "test"), PLATFORM, SHORT);
        assertThat(costs.measuredBy()).isEqualTo(HandlerCosts.BY_PROBE);
        assertThat(costs.kind()).isEqualTo(HandlerCosts.SYNC);
        assertThat(costs.className()).isEqualTo(Burning.class.getName());
        assertThat(costs.calls()).isBetween(1L, 200L);
        assertThat(costs.cpuNanosPerPacket()).isGreaterThanOrEqualTo(CPU_NANOS);
        assertThat(costs.allocatedBytesPerPacket()).isGreaterThanOrEqualTo(ALLOCATED_BYTES);
        assertThat(costs.blockedNanosPerPacket()).isGreaterThanOrEqualTo(0);
        assertThat(costs.cpuSampledEvery()).isEqualTo(1);
    }

    @Test
    void anAsyncHandlerIsWaitedForAndOnAnEventLoopCalledAsync() {
        HandlerCosts costs = HandlerProbe.measure(HandlerSource.of(Delayed.class, "test"), LOOP, SHORT);
        assertThat(costs.kind()).as("a class that is both is called async on an event loop")
                .isEqualTo(HandlerCosts.ASYNC);
        assertThat(costs.cpuNanosPerPacket() + costs.blockedNanosPerPacket()).as("the completion came 200 us later")
                .isGreaterThanOrEqualTo(200_000);
        assertThat(Delayed.opened.consumer()).isEqualTo("event-loop");
        assertThat(Delayed.opened.onEventLoop()).isTrue();
        assertThat(Delayed.opened.waitsBy()).isEqualTo("loop");
        assertThat(Delayed.opened.threads()).isEqualTo(1);

        HandlerCosts onThread = HandlerProbe.measure(HandlerSource.of(Delayed.class, "test"), PLATFORM, SHORT);
        assertThat(onThread.kind()).as("and sync on a thread").isEqualTo(HandlerCosts.SYNC);
        assertThat(Delayed.opened.waitsBy()).isEqualTo("park");
        assertThat(Delayed.opened.queues()).isEqualTo(2);
    }

    @Test
    void aHandlerThatNeverReturnsIsReportedNotWaitedOnForever() {
        HandlerProbe.Limits stuckAfter50ms = new HandlerProbe.Limits(50, 100_000_000L, 200, 500_000_000L,
                50_000_000L);
        assertThatThrownBy(() -> HandlerProbe.measure(HandlerSource.of(Stuck.class, "test"), PLATFORM, stuckAfter50ms))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("host.handler: " + Stuck.class.getName() + "'s handle has not returned after 50 ms in the"
                        + " virtual-time probe: a handler stuck for good cannot be modelled");
    }

    @Test
    void aHandlerThatFailsEveryPacketIsRefusedWithTheFirstError() {
        assertThatThrownBy(() -> HandlerProbe.measure(HandlerSource.of(Failing.class, "test"), PLATFORM, SHORT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every one of the virtual-time probe's")
                .hasMessageContaining("(the first: IOException: service at 10.0.0.9 refused packet 50)");
        HandlerCosts half = HandlerProbe.measure(HandlerSource.of(HalfFailing.class, "test"), PLATFORM, SHORT);
        assertThat(half.calls()).as("some failures: the figures stand").isPositive();
    }

    @Test
    void aSourcesFiguresAreMeasuredOnceAndANewSourceMeasuresAgain() {
        HandlerSource source = HandlerSource.of(Counted.class, "test");
        int before = Counted.MADE.get();
        HandlerCosts first = HandlerProbe.measured(source, LOOP);
        assertThat(HandlerProbe.measured(source, LOOP)).as("kept for the source").isSameAs(first);
        assertThat(Counted.MADE.get() - before).as("one handler made, by the one probe").isEqualTo(1);
        assertThat(first.calls()).isEqualTo(HandlerProbe.CALLS);
        assertThat(HandlerProbe.measured(source, PLATFORM)).as("another consumer").isNotSameAs(first);
        assertThat(HandlerProbe.measured(HandlerSource.of(Counted.class, "test"), LOOP)).as("a new source")
                .isNotSameAs(first);
    }

    @Test
    void aSyncHandlerHoldsAnEventLoopWhileItBlocksElsewhereItWaits() {
        HandlerCosts sync = new HandlerCosts("H", HandlerCosts.SYNC, 10, 1_000.4, 50_000, 0, 0, 1,
                HandlerCosts.BY_PROBE);
        HandlerCosts async = new HandlerCosts("H", HandlerCosts.ASYNC, 10, 1_000, 50_000, 0, 0, 1,
                HandlerCosts.BY_PROBE);
        assertThat(HandlerProbe.workNanos(sync, "event-loop")).isEqualTo(51_000);
        assertThat(HandlerProbe.blockNanos(sync, "event-loop")).isZero();
        assertThat(HandlerProbe.workNanos(sync, "event-loops")).isEqualTo(51_000);
        assertThat(HandlerProbe.workNanos(sync, "platform-thread")).isEqualTo(1_000);
        assertThat(HandlerProbe.blockNanos(sync, "platform-thread")).isEqualTo(50_000);
        assertThat(HandlerProbe.workNanos(async, "event-loop")).isEqualTo(1_000);
        assertThat(HandlerProbe.blockNanos(async, "event-loop")).isEqualTo(50_000);
    }

    @Test
    void overARunTheAllocationRateIsPerModelledSecond() {
        HandlerCosts probed = new HandlerCosts("H", HandlerCosts.SYNC, 10, 100, 0, 512, 7, 1, HandlerCosts.BY_PROBE);
        HandlerCosts run = HandlerProbe.overRun(probed, 20_000, 500_000_000L);
        assertThat(run.allocatedBytesPerSecond()).isEqualTo(512.0 * 20_000 * 2);
        assertThat(run).usingRecursiveComparison().ignoringFields("allocatedBytesPerSecond").isEqualTo(probed);
    }
}
