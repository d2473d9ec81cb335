package io.nicsim.bench.jmh;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.PacketHandler;
import io.nicsim.host.handler.CallMode;
import io.nicsim.host.handler.CallPool;
import io.nicsim.host.handler.HandlerSetting;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.rx.InlineDelivery;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One packet from the driver through the run's handler into the recorder, single-threaded so that only the code's own
 * cost shows: {@code legacyInline} is the inline path as it was before the handler API (its {@code InlineDelivery}
 * and {@code host.rx.PacketHandler}, copied here: the work, the blocking wait, then the packet recorded from its
 * descriptor); {@code model} is that path today (the view bound to the descriptor,
 * {@link io.nicsim.host.handler.WorkModelHandler} called, recorded from the descriptor); {@code userSync}
 * a user's trivial sync handler, guarded and metered; {@code userSyncBytes} one that reads its packet's bytes (the
 * frame built per packet); {@code loopAsync} an event loop's call of an async handler that completes at once, through a
 * pool slot. Run with {@code -prof gc}: none may allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandlerPathBenchmark {

    private static final NanoClock CLOCK = System::nanoTime;

    private final DescriptorRecord descriptor = new DescriptorRecord();
    private LatencyRecorder recorder;
    private LegacyInline legacy;
    private InlineDelivery model;
    private InlineDelivery userSync;
    private InlineDelivery userSyncBytes;
    private Handling loopHandling;
    private CallPool slots;
    private long sequence;
    private long sink;

    @Setup
    public void setUp() {
        recorder = new LatencyRecorder(0, 1, PacketStampSink.NONE, false);
        HandlerSetting thread = new HandlerSetting("platform-thread", CallMode.PARK, 1, 1);
        legacy = new LegacyInline(0, 0, recorder, CLOCK, false);
        model = new InlineDelivery(Handling.model(0, 0, thread, recorder, CLOCK, SyntheticFlows.INSTANCE));
        PacketHandler trivial = packet -> sink += packet.id();
        userSync = new InlineDelivery(opened(new Handling(trivial, thread, recorder, CLOCK, SyntheticFlows.INSTANCE)));
        PacketHandler bytes = packet -> sink += packet.bytes().getLong(42);
        userSyncBytes = new InlineDelivery(opened(new Handling(bytes, thread, recorder, CLOCK,
                SyntheticFlows.INSTANCE)));
        AsyncPacketHandler atOnce = (packet, completion) -> completion.complete();
        loopHandling = opened(new Handling(atOnce, new HandlerSetting("event-loop", CallMode.LOOP, 1, 1),
                new LatencyRecorder(0, 1, PacketStampSink.NONE, true), CLOCK, SyntheticFlows.INSTANCE));
        slots = loopHandling.newPool(64, () -> { });
        descriptor.frameBytes = 64;
        descriptor.intendedNanos = CLOCK.nanoTime();
        descriptor.writtenNanos = descriptor.intendedNanos;
        descriptor.writtenBackNanos = descriptor.intendedNanos;
    }

    private static Handling opened(Handling handling) {
        handling.open();
        handling.openCosts();
        return handling;
    }

    private void next() {
        descriptor.packetId = sequence++;
    }

    @Benchmark
    public void legacyInline() {
        next();
        long now = CLOCK.nanoTime();
        legacy.deliver(descriptor, now, now, now);
    }

    /** The inline path before the handler API: its InlineDelivery and host.rx.PacketHandler, as they were. */
    static final class LegacyInline {
        private final long workNanos;
        private final long blockNanos;
        private final LatencyRecorder recorder;
        private final NanoClock clock;
        private final boolean spinWhileBlocked;

        LegacyInline(long workNanos, long blockNanos, LatencyRecorder recorder, NanoClock clock,
                     boolean spinWhileBlocked) {
            this.workNanos = workNanos;
            this.blockNanos = blockNanos;
            this.recorder = recorder;
            this.clock = clock;
            this.spinWhileBlocked = spinWhileBlocked;
        }

        void deliver(DescriptorRecord d, long wokenNanos, long raisedNanos, long deliveredNanos) {
            work();
            if (spinWhileBlocked) {
                spinBlocked();
            } else {
                parkBlocked();
            }
            recorder.record(d, wokenNanos, clock.nanoTime(), raisedNanos, deliveredNanos);
        }

        private void work() {
            if (workNanos == 0) {
                return;
            }
            long endNanos = clock.nanoTime() + workNanos;
            while (clock.nanoTime() < endNanos) {
                Thread.onSpinWait();
            }
        }

        private void spinBlocked() {
            if (blockNanos == 0) {
                return;
            }
            long endNanos = clock.nanoTime() + blockNanos;
            while (clock.nanoTime() < endNanos) {
                Thread.onSpinWait();
            }
        }

        private void parkBlocked() {
            if (blockNanos == 0) {
                return;
            }
            long endNanos = clock.nanoTime() + blockNanos;
            long remainingNanos;
            while ((remainingNanos = endNanos - clock.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, remainingNanos);
            }
        }
    }

    @Benchmark
    public void model() {
        next();
        long now = CLOCK.nanoTime();
        model.deliver(descriptor, now, now, now);
    }

    @Benchmark
    public void userSync() {
        next();
        long now = CLOCK.nanoTime();
        userSync.deliver(descriptor, now, now, now);
    }

    @Benchmark
    public void userSyncBytes() {
        next();
        long now = CLOCK.nanoTime();
        userSyncBytes.deliver(descriptor, now, now, now);
    }

    @Benchmark
    public long loopAsync() {
        next();
        io.nicsim.host.handler.HandlerCall slot = slots.acquire();
        slot.holder().set(descriptor, 0, 0, 0);
        loopHandling.start(slot, CLOCK.nanoTime());
        return sink;
    }
}
