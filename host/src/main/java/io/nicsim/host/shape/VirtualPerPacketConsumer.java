package io.nicsim.host.shape;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.ConsumerFailure;
import io.nicsim.host.consumer.Priorities;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.record.DescriptorRecord;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A new virtual thread for every packet, the shape virtual threads invite ("never pool them"): the driver
 * ({@link SoftirqPoll}) starts one per packet, which handles it and ends. Blocking handlers cost only a parked
 * virtual thread each, so any number of packets wait at once; every packet pays a thread's creation, its
 * scheduling on a carrier and its garbage, and virtual threads have no priorities.
 */
public final class VirtualPerPacketConsumer extends DispatchingConsumer {

    public static final String NAME = "virtual-thread-per-packet";
    private static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final NanoClock clock;
    private final LatencyRecorder recorder;
    private final PacketHandler handler;
    private final RxCounters counters;
    private final int socketSlots;
    private final ThreadFactory threads = Thread.ofVirtual().name("nicsim-packet").factory();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /** @param contexts one per RX queue served */
    public VirtualPerPacketConsumer(List<ConsumerContext> contexts) {
        super(contexts);
        ConsumerContext context = contexts.get(0);
        this.clock = context.clock();
        this.recorder = context.recorder();
        this.handler = context.handler();
        this.counters = context.counters();
        this.socketSlots = context.shape().socketSlots();
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

    /** Driver thread: a thread for the packet, unless {@code socketSlots} packets are already in hand. */
    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        if (inFlight.get() >= socketSlots) {
            counters.addSocketFull();
            return;
        }
        inFlight.incrementAndGet();
        Packet packet = new Packet().set(descriptor, raisedNanos, deliveredNanos, clock.nanoTime());
        threads.newThread(() -> handle(packet)).start();
    }

    private void handle(Packet packet) {
        long wokenNanos = clock.nanoTime();
        try {
            if (running) {
                handler.work();
                handler.parkBlocked();
                recorder.record(packet, wokenNanos, clock.nanoTime());
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Lets the threads in hand finish (each within its blocking wait), then reports a failure if one failed. */
    @Override
    public void stop() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        ConsumerFailure.rethrow(NAME, failure.get());
    }
}
