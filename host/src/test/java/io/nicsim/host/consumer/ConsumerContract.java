package io.nicsim.host.consumer;

import io.nicsim.host.Consumers;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DrainDriver;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.measure.Stage;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.rx.RxCounters;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.SyntheticFlows;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link Consumer} keeps, checked on real Chronicle queues and real threads, under the
 * plain drain driver and under a driver that polls with a small budget and sleeps on timers, with and without a
 * blocking handler, over several flows and both traffic classes: each descriptor written and followed by an
 * interrupt is handled exactly once, whatever the interleaving of writes and interrupts (no lost wake-up), every
 * packet read from the ring is handled or counted as dropped, and stop() returns with every thread done.
 * Interrupts reach the consumer from an interrupt-path thread, which also runs its
 * {@link Consumer#pollOnInterruptPath()}, as the real dispatcher does. {@link Consumer#start(Runnable)} runs its
 * task once on the consumer's own platform thread before it returns, or, for a consumer that says why it has none,
 * never. The only time bound is a generous liveness limit, never a latency assertion.
 */
public final class ConsumerContract {

    private static final long LIVENESS_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final NanoClock CLOCK = System::nanoTime;

    private ConsumerContract() {
    }

    /** Flows the contract's packets are spread over. */
    static final int FLOWS = 4;
    /** The blocking handler's wait. */
    static final long BLOCK_NANOS = 20_000;

    /** Runs the whole contract against the consumer made by {@code factory}. */
    public static void verify(Function<ConsumerContext, Consumer> factory, Path dir, String expectedName)
            throws Exception {
        for (Supplier<DriverPolicy> driver : List.<Supplier<DriverPolicy>>of(DrainDriver::new,
                BudgetTimerDriver::new)) {
            String name = driver.get().name();
            handlesEveryNotifiedPacketOnce(factory, driver, 0, dir.resolve(name + "-random"), expectedName);
            handlesPacketsWrittenBeforeStart(factory, driver, dir.resolve(name + "-backlog"), expectedName);
        }
        handlesEveryNotifiedPacketOnce(factory, DrainDriver::new, BLOCK_NANOS, dir.resolve("blocking"), expectedName);
        runsTheStartTaskOnItsOwnThreadOnly(factory, dir.resolve("start-task"), expectedName);
    }

    private static void runsTheStartTaskOnItsOwnThreadOnly(Function<ConsumerContext, Consumer> factory, Path dir,
                                                           String name) throws Exception {
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = recorderFor(name);
            Consumer consumer = factory.apply(context(name, queues, recorder, DrainDriver::new, 0, new RxCounters(),
                    1024));
            List<Thread> ranOn = new CopyOnWriteArrayList<>();
            consumer.start(() -> ranOn.add(Thread.currentThread()));
            try {
                if (consumer.whyNoOwnThread() == null) {
                    assertThat(ranOn).as("ran once, before start returned").hasSize(1);
                    assertThat(ranOn.getFirst().isVirtual()).as("on a platform thread").isFalse();
                    assertThat(ranOn.getFirst().getName()).as("on the consumer's own thread")
                            .isEqualTo(consumer.threadName());
                } else {
                    assertThat(consumer.whyNoOwnThread()).isNotBlank();
                    assertThat(ranOn).as("no thread of its own: the task never runs").isEmpty();
                }
            } finally {
                consumer.stop();
            }
            assertThat(ranOn).hasSizeLessThanOrEqualTo(1);
        }
    }

    private static ConsumerContext context(String name, DeviceQueues queues, LatencyRecorder recorder,
                                           Supplier<DriverPolicy> driver, long blockNanos, RxCounters counters,
                                           int socketSlots) {
        ShapeConfig shape = new ShapeConfig(2, socketSlots, FLOWS);
        Handling handling = Handling.model(0, blockNanos, Consumers.handlerSetting(name, shape, 1), recorder, CLOCK,
                SyntheticFlows.INSTANCE);
        return new ConsumerContext(queues, CLOCK, recorder, handling, driver.get(),
                new InterruptLog(InterruptLog.DEFAULT_CAPACITY), counters, shape);
    }

    private static LatencyRecorder recorderFor(String name) {
        return new LatencyRecorder(0, 1, PacketStampSink.NONE, Consumers.recordsFromManyThreads(name));
    }

    private static void handlesEveryNotifiedPacketOnce(Function<ConsumerContext, Consumer> factory,
                                                       Supplier<DriverPolicy> driver, long blockNanos, Path dir,
                                                       String expectedName) throws Exception {
        int packets = blockNanos > 0 ? 4_000 : 20_000;
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = recorderFor(expectedName);
            RxCounters counters = new RxCounters();
            Consumer consumer = factory.apply(context(expectedName, queues, recorder, driver, blockNanos, counters,
                    1 << 15));
            assertThat(consumer.name()).isEqualTo(expectedName);
            assertThat(consumer.waitsBy()).isNotBlank();
            assertThat(consumer.priority()).matches("(yes|no): .+");
            consumer.start();
            long[] perClass = new long[2];
            try (InterruptPath path = new InterruptPath(consumer);
                 DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                SplittableRandom random = new SplittableRandom(42);
                long id = 0;
                while (id < packets) {
                    int batch = 1 + random.nextInt(16);
                    for (int i = 0; i < batch && id < packets; i++, id++) {
                        long now = CLOCK.nanoTime();
                        int trafficClass = random.nextInt(10) == 0 ? TrafficClasses.HIGH : TrafficClasses.LOW;
                        perClass[trafficClass]++;
                        writer.write(0, id, random.nextInt(FLOWS), 64, trafficClass, now, now, now, now);
                    }
                    path.interrupt();
                    if (random.nextInt(8) == 0) {
                        Thread.onSpinWait(); // let the consumer fall asleep between some interrupts
                        Thread.sleep(0, 50_000);
                    }
                }
                awaitHandled(recorder, packets);
            }
            consumer.stop();
            assertThat(recorder.packetsHandled()).as("handled exactly once").isEqualTo(packets);
            assertThat(counters.read()).as("read from the ring once each").isEqualTo(packets);
            assertThat(counters.socketFull()).isZero();
            assertThat(recorder.notification().getTotalCount()).isEqualTo(packets);
            assertThat(recorder.notification(TrafficClasses.HIGH).getTotalCount())
                    .isEqualTo(perClass[TrafficClasses.HIGH]);
            assertThat(recorder.notification(TrafficClasses.LOW).getTotalCount())
                    .isEqualTo(perClass[TrafficClasses.LOW]);
            assertThat(recorder.notification().getMinValue()).isGreaterThanOrEqualTo(0);
            if (blockNanos > 0) {
                assertThat(recorder.stage(Stage.HANDLE).getMinValue()).as("every handler waited its block")
                        .isGreaterThanOrEqualTo(blockNanos - blockNanos / 1000);
            }
        }
    }

    private static void handlesPacketsWrittenBeforeStart(Function<ConsumerContext, Consumer> factory,
                                                         Supplier<DriverPolicy> driver, Path dir, String name)
            throws Exception {
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                for (int id = 0; id < 100; id++) {
                    long now = CLOCK.nanoTime();
                    writer.write(0, id, id % FLOWS, 64, 0, now, now, now, now);
                }
            }
            LatencyRecorder recorder = recorderFor(name);
            Consumer consumer = factory.apply(context(name, queues, recorder, driver, 0, new RxCounters(), 1 << 10));
            consumer.start();
            try (InterruptPath path = new InterruptPath(consumer)) {
                path.interrupt();
                awaitHandled(recorder, 100);
            }
            consumer.stop();
            assertThat(recorder.packetsHandled()).isEqualTo(100);
        }
    }

    /**
     * What a full application buffer does: with one slot per buffer and a handler that blocks, the driver must
     * drop (counting socket-full) rather than wait or lose count; every packet read is handled or dropped.
     */
    public static void countsWhatAFullBufferDrops(Function<ConsumerContext, Consumer> factory, Path dir, String name)
            throws Exception {
        int packets = 2_000;
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = recorderFor(name);
            RxCounters counters = new RxCounters();
            Consumer consumer = factory.apply(context(name, queues, recorder, DrainDriver::new, 200_000, counters,
                    1));
            consumer.start();
            try (InterruptPath path = new InterruptPath(consumer);
                 DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                for (int id = 0; id < packets; id++) {
                    long now = CLOCK.nanoTime();
                    writer.write(0, id, id % FLOWS, 64, 0, now, now, now, now);
                    path.interrupt();
                }
                long deadline = System.nanoTime() + LIVENESS_LIMIT_NANOS;
                while (recorder.packetsHandled() + counters.socketFull() < packets && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
            consumer.stop();
            assertThat(counters.read()).isEqualTo(packets);
            assertThat(counters.socketFull()).as("a 200 us handler cannot keep up with 2,000 packets written at once")
                    .isPositive();
            assertThat(recorder.packetsHandled() + counters.socketFull()).as("handled + dropped = read")
                    .isEqualTo(packets);
        }
    }

    private static void awaitHandled(LatencyRecorder recorder, long packets) throws InterruptedException {
        long deadline = System.nanoTime() + LIVENESS_LIMIT_NANOS;
        while (recorder.packetsHandled() < packets && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(recorder.packetsHandled()).as("packets handled before the liveness limit").isEqualTo(packets);
    }

    /**
     * A test driver that uses every action without needing a device: polls 3 packets at a time, sleeps 20 µs
     * twice on an empty ring, then waits for an interrupt.
     */
    static final class BudgetTimerDriver implements DriverPolicy {

        private int emptyPolls;
        private long wakeAtNanos;

        @Override
        public String name() {
            return "budget-timer";
        }

        @Override
        public int budget() {
            return 3;
        }

        @Override
        public boolean startsPolling() {
            return false;
        }

        @Override
        public void onInterrupt(long nowNanos) {
            emptyPolls = 0;
        }

        @Override
        public Action afterPoll(int packets, long nowNanos) {
            if (packets == budget()) {
                return Action.POLL_NOW;
            }
            if (packets > 0 || emptyPolls++ < 2) {
                wakeAtNanos = nowNanos + 20_000;
                return Action.POLL_AT;
            }
            return Action.WAIT_INTERRUPT;
        }

        @Override
        public long wakeAtNanos() {
            return wakeAtNanos;
        }
    }
}
