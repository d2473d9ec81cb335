package io.nicsim.host.dispatch;

import io.nicsim.host.consumer.ConsumerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The {@link EventLoopsConsumer} shape keeps the consumer contract on real Chronicle
 * queues, and counts what it drops.
 */
class VirtualThreadVerticlesConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> EventLoopsConsumer.virtualVerticles(context), dir, EventLoopsConsumer.VIRTUAL_VERTICLES);
    }

    @Test
    void countsWhatAFullBufferDrops(@TempDir Path dir) throws Exception {
        ConsumerContract.countsWhatAFullBufferDrops(context -> EventLoopsConsumer.virtualVerticles(context), dir, EventLoopsConsumer.VIRTUAL_VERTICLES);
    }
}
