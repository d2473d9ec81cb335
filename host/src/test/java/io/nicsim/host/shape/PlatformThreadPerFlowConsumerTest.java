package io.nicsim.host.shape;

import io.nicsim.host.consumer.ConsumerContract;
import io.nicsim.host.Consumers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The {@link FlowThreadsConsumer} shape keeps the consumer contract on real Chronicle
 * queues, and counts what it drops.
 */
class PlatformThreadPerFlowConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        ConsumerContract.verify(context -> Consumers.create(FlowThreadsConsumer.PLATFORM, context), dir,
                FlowThreadsConsumer.PLATFORM);
    }

    @Test
    void countsWhatAFullBufferDrops(@TempDir Path dir) throws Exception {
        ConsumerContract.countsWhatAFullBufferDrops(context -> Consumers.create(FlowThreadsConsumer.PLATFORM, context),
                dir, FlowThreadsConsumer.PLATFORM);
    }
}
