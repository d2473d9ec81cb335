package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The {@code EventLoopConsumer.NAME} consumer keeps the consumer contract on real Chronicle queues. */
class EventLoopConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> new EventLoopConsumer(context), dir, EventLoopConsumer.NAME);
    }
}
