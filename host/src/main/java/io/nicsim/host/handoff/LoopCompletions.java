package io.nicsim.host.handoff;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.nic.record.DescriptorRecord;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * An event loop's packets whose handler waits: the loop must never block, so each packet's wait is a Vert.x
 * timer (nanosecond resolution through {@link Vertx#timer(long, TimeUnit)}), and the loop handles other packets
 * meanwhile; the packet is recorded when its timer fires. Every wait lasts the same, so timers fire in the order
 * they were set and the packets wait in a preallocated FIFO ring. Each timer is a Netty scheduled task: the
 * allocation is Vert.x's and is part of what an event loop costs.
 */
public final class LoopCompletions {

    private final Packet[] packets;
    private final long[] wokenNanos;
    private final int mask;
    private final long blockNanos;
    private final Vertx vertx;
    private final LatencyRecorder recorder;
    private final NanoClock clock;
    private final Runnable onFreed;
    private final Handler<io.vertx.core.AsyncResult<Void>> completeOldest = ignored -> completeOldest();
    private long head;
    private long tail;

    /**
     * @param slots   most packets waiting at once (rounded up to a power of two)
     * @param onFreed run on the loop after a completion freed a slot (to resume draining)
     */
    public LoopCompletions(int slots, long blockNanos, Vertx vertx, LatencyRecorder recorder, NanoClock clock,
                           Runnable onFreed) {
        int capacity = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        packets = new Packet[capacity];
        wokenNanos = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            packets[i] = new Packet();
        }
        mask = capacity - 1;
        this.blockNanos = blockNanos;
        this.vertx = vertx;
        this.recorder = recorder;
        this.clock = clock;
        this.onFreed = onFreed;
    }

    /** @return packets that can start waiting now */
    public int free() {
        return packets.length - (int) (tail - head);
    }

    /** Loop thread: the packet starts its wait (a descriptor read by the loop itself). */
    public void start(DescriptorRecord descriptor, long packetWokenNanos, long raisedNanos, long deliveredNanos) {
        int slot = (int) (tail & mask);
        packets[slot].set(descriptor, raisedNanos, deliveredNanos, packetWokenNanos);
        begin(slot, packetWokenNanos);
    }

    /** Loop thread: the packet starts its wait (a packet handed over by the driver). */
    public void start(Packet packet, long packetWokenNanos) {
        int slot = (int) (tail & mask);
        packets[slot].set(packet);
        begin(slot, packetWokenNanos);
    }

    private void begin(int slot, long packetWokenNanos) {
        wokenNanos[slot] = packetWokenNanos;
        tail++;
        vertx.timer(blockNanos, TimeUnit.NANOSECONDS).onComplete(completeOldest);
    }

    private void completeOldest() {
        int slot = (int) (head & mask);
        recorder.record(packets[slot], wokenNanos[slot], clock.nanoTime());
        head++;
        onFreed.run();
    }
}
