package io.nicsim.host.shape;

import io.nicsim.host.handoff.Mailbox;
import io.nicsim.host.handoff.Waiter;

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

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread per flow, each blocked reading its flow's socket, the classic thread-per-connection server: the
 * driver ({@link SoftirqPoll}, on the interrupt path) puts each packet in its flow's {@link Mailbox} and wakes
 * that flow's thread. A slow (blocking) handler holds up only its own flow, at the price of a thread, its stack
 * and a wake-up per packet; with platform threads each wake-up is a futex and a trip through the OS scheduler,
 * with virtual threads a submission to the JVM's scheduler and a mount on a carrier.
 */
public final class FlowThreadsConsumer extends DispatchingConsumer {

    public static final String PLATFORM = "platform-thread-per-flow";
    public static final String VIRTUAL = "virtual-thread-per-flow";
    private static final String THREAD_PREFIX = "nicsim-flow-";

    private final String name;
    private final boolean virtual;
    private final ConsumerContext context;
    private final NanoClock clock;
    private final Handling handling;
    private final RxCounters counters;
    private final Mailbox[] mailboxes;
    private final Waiter[] waiters;
    private final Thread[] threads;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private FlowThreadsConsumer(String name, boolean virtual, List<ConsumerContext> contexts) {
        super(contexts);
        ConsumerContext context = contexts.get(0);
        this.name = name;
        this.virtual = virtual;
        this.context = context;
        this.clock = context.clock();
        this.handling = context.handling();
        this.counters = context.counters();
        int flows = context.shape().flows();
        this.mailboxes = new Mailbox[flows];
        this.waiters = new Waiter[flows];
        this.threads = new Thread[flows];
        for (int i = 0; i < flows; i++) {
            mailboxes[i] = new Mailbox(context.shape().socketSlots());
            waiters[i] = new Waiter();
        }
    }

    /** @param contexts one per RX queue served */
    public static FlowThreadsConsumer platform(List<ConsumerContext> contexts) {
        return new FlowThreadsConsumer(PLATFORM, false, contexts);
    }

    /** @param contexts one per RX queue served */
    public static FlowThreadsConsumer virtual(List<ConsumerContext> contexts) {
        return new FlowThreadsConsumer(VIRTUAL, true, contexts);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String waitsBy() {
        return "park, a thread per flow";
    }

    @Override
    public String threadName() {
        return THREAD_PREFIX + "0";
    }

    @Override
    public List<String> costThreadPrefixes() {
        return virtual ? List.of("ForkJoinPool-") : List.of(THREAD_PREFIX);
    }

    @Override
    public String priority() {
        return Priorities.PER_FLOW;
    }

    @Override
    public void start() throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads.length);
        Thread.Builder builder = virtual ? Thread.ofVirtual().name(THREAD_PREFIX, 0)
                : Thread.ofPlatform().name(THREAD_PREFIX, 0).daemon(true);
        for (int flow = 0; flow < threads.length; flow++) {
            int f = flow;
            threads[flow] = builder.start(() -> run(f, ready));
        }
        ready.await();
    }

    private void run(int flow, CountDownLatch ready) {
        Mailbox mailbox = mailboxes[flow];
        Waiter waiter = waiters[flow];
        waiter.bind();
        HandlerCall call = handling.newCall();
        ready.countDown();
        long wokenNanos = Long.MIN_VALUE;
        try {
            while (waiter.running()) {
                Packet packet = mailbox.peek();
                if (packet == null) {
                    waiter.awaitPacket(mailbox);
                    wokenNanos = clock.nanoTime();
                    continue;
                }
                handling.handle(call, packet, packet.wokenAt(wokenNanos, clock.nanoTime()));
                mailbox.advance();
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Driver thread: the packet goes to its flow's socket, and the flow's thread wakes. */
    @Override
    public void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos) {
        int flow = Math.floorMod(descriptor.flow, mailboxes.length);
        if (mailboxes[flow].offer(descriptor, raisedNanos, deliveredNanos, clock.nanoTime())) {
            waiters[flow].wake();
        } else {
            counters.addSocketFull();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        for (Waiter waiter : waiters) {
            waiter.stop();
        }
        StopWait.join(handling, threads);
        ConsumerFailure.rethrow(name, failure.get());
    }
}
