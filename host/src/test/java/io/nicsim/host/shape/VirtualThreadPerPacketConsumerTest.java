package io.nicsim.host.shape;

import io.nicsim.host.consumer.ConsumerContract;
import io.nicsim.host.Consumers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The {@link VirtualPerPacketConsumer} shape keeps the consumer contract on real Chronicle
 * queues, and counts what it drops.
 */
class VirtualThreadPerPacketConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> Consumers.create(VirtualPerPacketConsumer.NAME, context), dir,
                VirtualPerPacketConsumer.NAME);
    }

    @Test
    void countsWhatAFullBufferDrops(@TempDir Path dir) throws Exception {
        ConsumerContract.countsWhatAFullBufferDrops(context -> Consumers.create(VirtualPerPacketConsumer.NAME, context),
                dir, VirtualPerPacketConsumer.NAME);
    }
}
