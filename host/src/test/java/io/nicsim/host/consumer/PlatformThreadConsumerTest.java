package io.nicsim.host.consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The {@code ParkingConsumer.PLATFORM} consumer keeps the consumer contract on real Chronicle queues. */
class PlatformThreadConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> ParkingConsumer.platform(context), dir, ParkingConsumer.PLATFORM);
    }
}
