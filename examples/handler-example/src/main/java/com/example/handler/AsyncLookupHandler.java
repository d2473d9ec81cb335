package com.example.handler;

import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.Packet;

/**
 * {@link LookupHandler} without blocking: parses the headers on the consumer's thread, asks the
 * {@link LookupService}, and completes the packet when the answer comes, on the service's thread. An event loop
 * handles other packets meanwhile; a consumer whose threads may block waits for the completion.
 */
public final class AsyncLookupHandler implements AsyncPacketHandler {

    private volatile LookupService service;

    @Override
    public void open(HandlerContext context) {
        service = LookupService.fromSystemProperty();
    }

    @Override
    public void handle(Packet packet, Completion completion) {
        FlowKey key = FlowKey.parse(packet.bytes());
        if (key.payloadId() != packet.id()) {
            throw new IllegalStateException("packet " + packet.id() + " carries id " + key.payloadId() + " (" + key
                    + ")");
        }
        service.lookup(key).whenComplete((score, error) -> {
            if (error == null) {
                completion.complete();
            } else {
                completion.fail(error);
            }
        });
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
    }
}
