package io.nicsim.host.dispatch;

import io.nicsim.host.consumer.ConsumerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The {@link EventLoopsConsumer} shape keeps the consumer contract on real Chronicle
 * queues, and counts what it drops.
 */
class EventLoopsConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> EventLoopsConsumer.eventLoops(context), dir, EventLoopsConsumer.EVENT_LOOPS);
    }

    @Test
    void countsWhatAFullBufferDrops(@TempDir Path dir) throws Exception {
        ConsumerContract.countsWhatAFullBufferDrops(context -> EventLoopsConsumer.eventLoops(context), dir, EventLoopsConsumer.EVENT_LOOPS);
    }
}
