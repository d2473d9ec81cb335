package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The {@code ParkingConsumer.VIRTUAL} consumer keeps the consumer contract on real Chronicle queues. */
class VirtualThreadConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> ParkingConsumer.virtual(context), dir, ParkingConsumer.VIRTUAL);
    }
}
