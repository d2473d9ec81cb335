package io.nicsim.host.rx;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.record.DescriptorRecord;

/**
 * The application's work per packet: spins for {@code workNanos} of CPU (0 = none), standing in for parsing
 * and business logic. Spinning rather than sleeping keeps the consumer on its core, as real CPU work does.
 */
public final class PacketHandler {

    private final long workNanos;
    private final NanoClock clock;

    public PacketHandler(long workNanos, NanoClock clock) {
        if (workNanos < 0) {
            throw new IllegalArgumentException("host.handlerWorkNanos must be >= 0, got " + workNanos);
        }
        this.workNanos = workNanos;
        this.clock = clock;
    }

    /** Handles one packet and returns when its work is done. */
    public void handle(DescriptorRecord descriptor) {
        if (workNanos == 0) {
            return;
        }
        long endNanos = clock.nanoTime() + workNanos;
        while (clock.nanoTime() < endNanos) {
            Thread.onSpinWait();
        }
    }
}
