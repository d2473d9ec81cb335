package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The {@code BusyPollConsumer.NAME} consumer keeps the consumer contract on real Chronicle queues. */
class BusyPollConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> new BusyPollConsumer(context), dir, BusyPollConsumer.NAME);
    }
}
