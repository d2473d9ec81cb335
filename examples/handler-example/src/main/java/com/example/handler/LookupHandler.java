package com.example.handler;

import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;

import java.util.concurrent.TimeUnit;

/**
 * Parses each packet's headers, then asks the {@link LookupService} about its flow and blocks until it answers, as
 * code calling a blocking client does. On threads the consumer waits meanwhile (a virtual thread unmounts); on an
 * event loop every packet behind it waits: run {@link AsyncLookupHandler} there instead.
 */
public final class LookupHandler implements PacketHandler {

    /** The longest a lookup may take before the packet is dropped as a handler error. */
    static final long TIMEOUT_MILLIS = 1_000;

    private volatile LookupService service;

    @Override
    public void open(HandlerContext context) {
        service = LookupService.fromSystemProperty();
    }

    @Override
    public void handle(Packet packet) throws Exception {
        FlowKey key = FlowKey.parse(packet.bytes());
        if (key.payloadId() != packet.id()) {
            throw new IllegalStateException("packet " + packet.id() + " carries id " + key.payloadId() + " (" + key
                    + ")");
        }
        service.lookup(key).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
    }
}
