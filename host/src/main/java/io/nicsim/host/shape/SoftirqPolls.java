package io.nicsim.host.shape;

import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.rx.PacketDelivery;

import java.util.List;

/**
 * One {@link SoftirqPoll} per RX queue, all on the interrupt path's thread and all handing packets to the same
 * application: what a shape that serves several queues runs there.
 */
final class SoftirqPolls {

    private final SoftirqPoll[] drivers;

    SoftirqPolls(List<ConsumerContext> contexts, PacketDelivery delivery) {
        drivers = new SoftirqPoll[contexts.size()];
        for (ConsumerContext context : contexts) {
            drivers[contexts.size() == 1 ? 0 : context.queue()] = new SoftirqPoll(context, delivery);
        }
    }

    void onInterrupt(int queue) {
        drivers[drivers.length == 1 ? 0 : queue].onInterrupt();
    }

    int doWork() {
        int work = 0;
        for (SoftirqPoll driver : drivers) {
            work += driver.doWork();
        }
        return work;
    }

    void close() {
        for (SoftirqPoll driver : drivers) {
            driver.close();
        }
    }
}
