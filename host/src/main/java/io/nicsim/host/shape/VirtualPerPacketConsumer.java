package io.nicsim.host.shape;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.ConsumerFailure;
import io.nicsim.host.consumer.Priorities;
import io.nicsim.host.consumer.StopWait;
import io.nicsim.host.handler.CallPool;
import io.nicsim.host.handler.HandlerCall;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.record.DescriptorRecord;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A new virtual thread for every packet, the shape virtual threads invite ("never pool them"): the driver
 * ({@link SoftirqPoll}) starts one per packet, which handles it and ends. Blocking handlers cost only a parked
 * virtual thread each, so any number of packets wait at once; every packet pays a thread's creation, its
 * scheduling on a carrier and its garbage, and virtual threads have no priorities. The packets in hand wait in the
 * slots of a {@link CallPool} ({@code host.socketSlots} of them; none free = {@code socket-full}).
 */
public final class VirtualPerPacketConsumer extends DispatchingConsumer {

    public static final String NAME = "virtual-thread-per-packet";

    private final NanoClock clock;
    private final Handling handling;
    private final RxCounters counters;
    private final CallPool slots;
    /** One task per slot, made once: a packet's thread runs its slot's. */
    private final Runnable[] tasks;
    private final ThreadFactory threads = Thread.ofVirtual().name("nicsim-packet").factory();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /** @param contexts one per RX queue served */
    public VirtualPerPacketConsumer(List<ConsumerContext> contexts) {
        super(contexts);
        ConsumerContext context = contexts.get(0);
        this.clock = context.clock();
        this.handling = context.handling();
        this.counters = context.counters();
        this.slots = handling.newPool(context.shape().socketSlots(), NO_TASK);
        this.tasks = new Runnable[slots.capacity()];
        for (int i = 0; i < tasks.length; i++) {
            HandlerCall slot = slots.call(i);
            tasks[i] = () -> handle(slot);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String waitsBy() {
        return "a virtual thread per packet";
    }

    @Override
    public String threadName() {
        return "nicsim-packet";
    }

    @Override
    public List<String> costThreadPrefixes() {
        return List.of("ForkJoinPool-");
    }

    @Override
    public String priority() {
        return Priorities.VIRTUAL;
    }

    @Override
    public void start() {
    }

    /** Driver thread: a thread for the packet, unless every slot already holds a packet in hand. */
    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        HandlerCall slot = slots.acquire();
        if (slot == null) {
            counters.addSocketFull();
            return;
        }
        slot.holder().set(descriptor, raisedNanos, deliveredNanos, clock.nanoTime());
        threads.newThread(tasks[slot.index()]).start();
    }

    private void handle(HandlerCall slot) {
        long wokenNanos = clock.nanoTime();
        try {
            if (running) {
                handling.handle(slot, slot.holder(), wokenNanos);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            slots.release(slot);
        }
    }

    /**
     * Lets the threads in hand finish (each within its handler's call), as long as {@link StopWait} allows, then
     * reports a failure if one failed.
     */
    @Override
    public void stop() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(StopWait.limitMillis(handling));
        while (slots.free() < slots.capacity() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        ConsumerFailure.rethrow(NAME, failure.get());
    }
}
