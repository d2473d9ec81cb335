package io.nicsim.host.consumer;

import io.nicsim.host.kernel.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The {@code EpollConsumer.PLATFORM} consumer keeps the consumer contract on real Chronicle queues. */
class EpollThreadConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
        ConsumerContract.verify(EpollConsumer::platform, dir, EpollConsumer.PLATFORM);
    }
}
