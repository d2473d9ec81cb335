package io.nicsim.host.shape;

import io.nicsim.host.consumer.Consumer;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.rx.PacketDelivery;

import java.util.List;

/**
 * A consumer shape whose driver runs on the interrupt path ({@link SoftirqPoll}, one per RX queue) and hands
 * each packet to the application through {@link #deliver}: the interrupt-path half every such shape shares.
 * Subclasses are the application half (threads per flow, a pool, a thread per packet, event loops).
 */
abstract class DispatchingConsumer implements Consumer, PacketDelivery {

    private final SoftirqPolls softirq;

    /** @param contexts one per RX queue served */
    DispatchingConsumer(List<ConsumerContext> contexts) {
        this.softirq = new SoftirqPolls(contexts, this);
    }

    @Override
    public final String whyNoOwnThread() {
        return "hands packets to other threads";
    }

    @Override
    public final void onInterrupt() {
        softirq.onInterrupt(0);
    }

    @Override
    public final void onInterrupt(int queue) {
        softirq.onInterrupt(queue);
    }

    @Override
    public final int pollOnInterruptPath() {
        return softirq.doWork();
    }

    @Override
    public final void closeOnInterruptPath() {
        softirq.close();
    }
}
