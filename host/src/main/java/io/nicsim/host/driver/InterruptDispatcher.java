package io.nicsim.host.driver;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.Consumer;
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
    private final Consumer consumer;
    private final InterruptLog log;
    private InterruptReader reader;
    private long delivered;
    private final AtomicLong deliveredPublished = new AtomicLong();

    /**
     * @param log where each delivered interrupt is recorded for the consumer's latency stages
     */
    public InterruptDispatcher(DeviceQueues queues, NanoClock clock, Consumer consumer, InterruptLog log) {
        this.queues = queues;
        this.clock = clock;
        this.consumer = consumer;
        this.log = log;
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
            log.offer(irq.firstPacketId, irq.lastPacketId, irq.raisedNanos, clock.nanoTime());
            consumer.onInterrupt();
            count++;
        }
        if (count > 0) {
            delivered += count;
            deliveredPublished.lazySet(delivered);
        }
        return count + consumer.pollOnInterruptPath();
    }

    @Override
    public void onClose() {
        consumer.closeOnInterruptPath();
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
