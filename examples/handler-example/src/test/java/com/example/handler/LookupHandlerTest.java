package com.example.handler;

import io.nicsim.handler.Completion;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Both handlers outside nicsim: a packet handled, a packet whose payload is not its own refused. */
class LookupHandlerTest {

    @Test
    void theBlockingHandlerReturnsOnceTheServiceAnswered() throws Exception {
        LookupHandler handler = new LookupHandler();
        handler.open(null); // the handlers read nothing of the context
        try {
            handler.handle(Frames.packet(5, Frames.frame(FlowKey.UDP, 5)));
            IllegalStateException wrong = assertThrows(IllegalStateException.class,
                    () -> handler.handle(Frames.packet(6, Frames.frame(FlowKey.UDP, 5))));
            assertEquals("packet 6 carries id 5 (udp 10.0.0.1:1024 -> 192.0.2.1:9000)", wrong.getMessage());
        } finally {
            handler.close();
        }
    }

    @Test
    void theAsyncHandlerCompletesWhenTheServiceAnswers() throws Exception {
        AsyncLookupHandler handler = new AsyncLookupHandler();
        handler.open(null);
        try {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            handler.handle(Frames.packet(9, Frames.frame(FlowKey.UDP, 9)), new Completion() {
                @Override
                public void complete() {
                    outcome.complete("complete");
                }

                @Override
                public void fail(Throwable error) {
                    outcome.complete("failed: " + error);
                }
            });
            assertEquals("complete", outcome.get(10, TimeUnit.SECONDS));
        } finally {
            handler.close();
        }
    }
}
