package io.nicsim.host.dispatch;

import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.rx.PacketDelivery;

import java.util.List;

/**
 * One {@link SoftirqDriver} per RX queue, all on the interrupt path's thread and all handing packets to the same
 * application: what a shape that serves several queues runs there.
 */
final class SoftirqDrivers {

    private final SoftirqDriver[] drivers;

    SoftirqDrivers(List<ConsumerContext> contexts, PacketDelivery delivery) {
        drivers = new SoftirqDriver[contexts.size()];
        for (ConsumerContext context : contexts) {
            drivers[contexts.size() == 1 ? 0 : context.queue()] = new SoftirqDriver(context, delivery);
        }
    }

    void onInterrupt(int queue) {
        drivers[drivers.length == 1 ? 0 : queue].onInterrupt();
    }

    int doWork() {
        int work = 0;
        for (SoftirqDriver driver : drivers) {
            work += driver.doWork();
        }
        return work;
    }

    void close() {
        for (SoftirqDriver driver : drivers) {
            driver.close();
        }
    }
}
