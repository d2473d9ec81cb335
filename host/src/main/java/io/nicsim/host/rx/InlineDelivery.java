package io.nicsim.host.rx;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.record.DescriptorRecord;

/**
 * The driver's thread handles each packet itself, as a run-to-completion poller does: the handler's CPU work,
 * then its blocking wait (spun or parked, as the consumer waits), then the packet is recorded. Simple and with no
 * hand-off, but a blocking handler holds up every packet behind it.
 */
public final class InlineDelivery implements PacketDelivery {

    private final PacketHandler handler;
    private final LatencyRecorder recorder;
    private final NanoClock clock;
    private final boolean spinWhileBlocked;

    /** @param spinWhileBlocked whether the handler's blocking wait spins (a thread that never sleeps) or parks */
    public InlineDelivery(PacketHandler handler, LatencyRecorder recorder, NanoClock clock, boolean spinWhileBlocked) {
        this.handler = handler;
        this.recorder = recorder;
        this.clock = clock;
        this.spinWhileBlocked = spinWhileBlocked;
    }

    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        handler.handle(descriptor);
        if (spinWhileBlocked) {
            handler.spinBlocked();
        } else {
            handler.parkBlocked();
        }
        recorder.record(descriptor, wokenNanos, clock.nanoTime(), raisedNanos, deliveredNanos);
    }
}
