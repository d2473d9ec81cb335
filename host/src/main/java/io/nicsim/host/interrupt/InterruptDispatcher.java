package io.nicsim.host.interrupt;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.InterruptRecord;
import org.agrona.concurrent.Agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's interrupt path as an Agrona {@link Agent}: reads interrupt records from the interrupt queue,
 * stamps their delivery, and signals the consumer that owns the vector, as an interrupt controller and a
 * driver's hard-IRQ handler would. Where this agent runs (its own thread or the device's) is a placement
 * decision of the runner.
 */
public final class InterruptDispatcher implements Agent {

    /** Role name in thread placements. */
    public static final String ROLE = "irq-dispatch";

    private final DeviceQueues queues;
    private final NanoClock clock;
    private final InterruptTarget[] byQueue;
    private final InterruptLog[] logs;
    private final InterruptTarget[] distinct;
    private InterruptReader reader;
    private long delivered;
    private final AtomicLong deliveredPublished = new AtomicLong();

    /**
     * One RX queue's interrupt path.
     *
     * @param log where each delivered interrupt is recorded for the consumer's latency stages
     */
    public InterruptDispatcher(DeviceQueues queues, NanoClock clock, InterruptTarget consumer, InterruptLog log) {
        this(queues, clock, new InterruptTarget[] {consumer}, new InterruptLog[] {log});
    }

    /**
     * @param byQueue the consumer serving each RX queue (one consumer may serve several)
     * @param logs    each RX queue's log of delivered interrupts
     */
    public InterruptDispatcher(DeviceQueues queues, NanoClock clock, InterruptTarget[] byQueue, InterruptLog[] logs) {
        if (byQueue.length != logs.length || byQueue.length == 0) {
            throw new IllegalArgumentException(byQueue.length + " consumers for " + logs.length + " interrupt logs");
        }
        this.queues = queues;
        this.clock = clock;
        this.byQueue = byQueue.clone();
        this.logs = logs.clone();
        this.distinct = java.util.Arrays.stream(byQueue).distinct().toArray(InterruptTarget[]::new);
    }

    @Override
    public void onStart() {
        reader = queues.newInterruptReader();
    }

    @Override
    public int doWork() {
        int count = 0;
        InterruptRecord irq;
        while ((irq = reader.poll()) != null) {
            int queue = byQueue.length == 1 ? 0 : irq.vector;
            logs[queue].offer(irq.firstPacketId, irq.lastPacketId, irq.raisedNanos, clock.nanoTime());
            byQueue[queue].onInterrupt(queue);
            count++;
        }
        if (count > 0) {
            delivered += count;
            deliveredPublished.lazySet(delivered);
        }
        for (InterruptTarget consumer : distinct) {
            count += consumer.pollOnInterruptPath();
        }
        return count;
    }

    @Override
    public void onClose() {
        for (InterruptTarget consumer : distinct) {
            consumer.closeOnInterruptPath();
        }
        if (reader != null) {
            reader.close();
        }
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    /** @return interrupts delivered so far (any thread) */
    public long interruptsDelivered() {
        return deliveredPublished.get();
    }
}
