package io.nicsim.host.shape;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.consumer.ConsumerContext;
import io.nicsim.host.consumer.ConsumerFailure;
import io.nicsim.host.consumer.Priorities;
import io.nicsim.host.consumer.StopWait;
import io.nicsim.host.handler.HandlerCall;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.measure.Packet;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.TrafficClasses;

import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed pool of platform threads fed by the driver ({@link SoftirqPoll}), as a server hands each request to
 * an executor: a {@link ThreadPoolExecutor} of {@code workers} threads over a priority queue that hands out
 * high-priority packets first. Threads and stacks stay few whatever the number of flows, but every packet is a
 * task object and a trip through the executor's locked queue, and a slow handler holds a pool thread: with
 * blocking work, at most {@code workers} packets wait at once.
 */
public final class PoolConsumer extends DispatchingConsumer {

    public static final String NAME = "platform-pool";
    private static final String THREAD_PREFIX = "nicsim-pool-";

    private final ConsumerContext context;
    private final NanoClock clock;
    private final Handling handling;
    /** Each pool thread's own call, made on its first packet. */
    private final ThreadLocal<HandlerCall> calls;
    private final RxCounters counters;
    private final int socketSlots;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private ThreadPoolExecutor pool;

    /** @param contexts one per RX queue served */
    public PoolConsumer(List<ConsumerContext> contexts) {
        super(contexts);
        ConsumerContext context = contexts.get(0);
        this.context = context;
        this.clock = context.clock();
        this.handling = context.handling();
        this.calls = ThreadLocal.withInitial(handling::newCall);
        this.counters = context.counters();
        this.socketSlots = context.shape().socketSlots();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String waitsBy() {
        return "park, a pool of " + context.shape().workers() + " threads";
    }

    @Override
    public String threadName() {
        return THREAD_PREFIX + "0";
    }

    @Override
    public List<String> costThreadPrefixes() {
        return List.of(THREAD_PREFIX);
    }

    @Override
    public String priority() {
        return Priorities.POOL_QUEUE;
    }

    @Override
    public void start() {
        int workers = context.shape().workers();
        pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                Thread.ofPlatform().name(THREAD_PREFIX, 0).daemon(true).factory());
        pool.prestartAllCoreThreads();
    }

    /** Driver thread: one task per packet, unless the pool already holds {@code socketSlots} of them. */
    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        if (queued.get() >= socketSlots) {
            counters.addSocketFull();
            return;
        }
        queued.incrementAndGet();
        Task task = new Task(sequence.getAndIncrement());
        task.packet.set(descriptor, raisedNanos, deliveredNanos, clock.nanoTime());
        pool.execute(task);
    }

    /** One packet's work; high priority before low, then first come first served. */
    private final class Task implements Runnable, Comparable<Task> {

        private final Packet packet = new Packet();
        private final long order;

        Task(long sequence) {
            this.order = sequence;
        }

        @Override
        public void run() {
            long wokenNanos = clock.nanoTime();
            try {
                if (!running) {
                    return;
                }
                handling.handle(calls.get(), packet, wokenNanos);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                queued.decrementAndGet();
            }
        }

        @Override
        public int compareTo(Task other) {
            boolean high = packet.trafficClass == TrafficClasses.HIGH;
            boolean otherHigh = other.packet.trafficClass == TrafficClasses.HIGH;
            return high != otherHigh ? (high ? -1 : 1) : Long.compare(order, other.order);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        pool.shutdownNow();
        if (!pool.awaitTermination(StopWait.limitMillis(handling), TimeUnit.MILLISECONDS)
                && !handling.anyThreadStuck()) {
            throw new IllegalStateException(NAME + ": pool threads did not stop within "
                    + StopWait.NORMAL_LIMIT_SECONDS + " s");
        }
        ConsumerFailure.rethrow(NAME, failure.get());
    }
}
