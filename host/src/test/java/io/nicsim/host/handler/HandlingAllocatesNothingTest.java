package io.nicsim.host.handler;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handing a packet to the run's handler allocates nothing once warm (compiled): the built-in model's bare path, a
 * user's trivial sync handler on the guarded and metered path (that reads its packet's bytes), and an event loop's
 * async calls through pool slots. Counted with the JVM's per-thread allocation counter, as
 * RecordingAllocatesNothingTest counts recording: a semantic check, not a timing.
 */
class HandlingAllocatesNothingTest {

    private static final int PACKETS = 100_000;
    private static final int ROUNDS = 30;
    private static final NanoClock CLOCK = System::nanoTime;

    @Test
    void theBuiltInModelsPathAllocatesNothing() {
        LatencyRecorder recorder = new LatencyRecorder(0, 1, PacketStampSink.NONE, false);
        Handling handling = Handling.model(0, 0, new HandlerSetting("busy-poll", CallMode.SPIN, 1, 1), recorder,
                CLOCK, SyntheticFlows.INSTANCE);
        HandlerCall call = handling.newCall();
        assertThat(allocatedBytes(() -> handling.handle(call, call.holder(), CLOCK.nanoTime()))).isLessThan(256);
    }

    @Test
    void aUsersTrivialSyncHandlerIsGuardedAndMeteredWithoutAllocating() {
        long[] sum = new long[1];
        PacketHandler trivial = packet -> sum[0] += packet.bytes().getLong(42);
        LatencyRecorder recorder = new LatencyRecorder(0, 1, PacketStampSink.NONE, false);
        Handling handling = new Handling(trivial, new HandlerSetting("platform-thread", CallMode.PARK, 1, 1),
                recorder, CLOCK, SyntheticFlows.INSTANCE);
        handling.open();
        handling.openCosts();
        HandlerCall call = handling.newCall();
        call.holder().frameBytes = 64;
        assertThat(allocatedBytes(() -> handling.handle(call, call.holder(), CLOCK.nanoTime()))).isLessThan(256);
        assertThat(handling.faults().errors()).as("it read its bytes every time").isZero();
        assertThat(handling.closeCosts().allocatedBytesPerPacket()).isLessThan(1.0);
    }

    @Test
    void anEventLoopsAsyncCallsThroughSlotsAllocateNothing() {
        io.nicsim.handler.AsyncPacketHandler inline = (packet, completion) -> completion.complete();
        LatencyRecorder recorder = new LatencyRecorder(0, 1, PacketStampSink.NONE, true);
        Handling handling = new Handling(inline, new HandlerSetting("event-loop", CallMode.LOOP, 1, 1), recorder,
                CLOCK, SyntheticFlows.INSTANCE);
        handling.open();
        CallPool slots = handling.newPool(16, () -> { });
        assertThat(allocatedBytes(() -> {
            HandlerCall slot = slots.acquire();
            handling.start(slot, CLOCK.nanoTime());
        })).isLessThan(256);
    }

    /** Rounds of {@value #PACKETS} packets until one allocates (next to) nothing, at most {@value #ROUNDS}. */
    private static long allocatedBytes(Runnable onePacket) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && allocated >= 256; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < PACKETS; i++) {
                onePacket.run();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        return allocated;
    }
}
