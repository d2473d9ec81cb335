package io.nicsim.host.consumer;

import io.nicsim.host.cost.CarrierCosts;
import io.nicsim.host.kernel.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code EpollConsumer.VIRTUAL} consumer keeps the consumer contract on real Chronicle queues, and one more such
 * consumer than the scheduler has carriers is refused with one line instead of never running.
 */
class EpollVirtualThreadConsumerTest {

    @Test
    void keepsTheConsumerContract(@TempDir Path dir) throws Exception {
        assumeTrue(Kernel.problem() == null, "the kernel wake path is not here: " + Kernel.problem());
        ConsumerContract.verify(context -> EpollConsumer.virtual(context, new CarrierPins()), dir,
                EpollConsumer.VIRTUAL);
    }

    @Test
    void refusesToPinMoreCarriersThanTheSchedulerHas() {
        int parallelism = CarrierCosts.schedulerParallelism();
        for (int i = 0; i < parallelism; i++) {
            CarrierPins.hold("epoll-virtual-thread");
        }
        try {
            assertThatThrownBy(() -> CarrierPins.hold("epoll-virtual-thread"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pins its carrier in epoll_wait")
                    .hasMessageContaining(parallelism + " carrier(s) are all pinned already");
        } finally {
            for (int i = 0; i < parallelism; i++) {
                CarrierPins.release();
            }
        }
    }
}
