package io.nicsim.host.rx;

import io.nicsim.host.handler.HandlerCall;
import io.nicsim.host.handler.Handling;
import io.nicsim.nic.record.DescriptorRecord;

/**
 * The driver's thread handles each packet itself, as a run-to-completion poller does: the packet goes to the run's
 * handler ({@link Handling#handleInline}), which records it when the handler is done (spinning or parking while it
 * waits, as the consumer waits). Simple and with no hand-off, but a blocking
 * handler holds up every packet behind it.
 */
public final class InlineDelivery implements PacketDelivery {

    private final Handling handling;
    private final HandlerCall call;

    /** A delivery with a call of its own: make it on, or for, the one thread that delivers through it. */
    public InlineDelivery(Handling handling) {
        this.handling = handling;
        this.call = handling.newCall();
    }

    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        handling.handleInline(call, descriptor, wokenNanos, raisedNanos, deliveredNanos);
    }
}
