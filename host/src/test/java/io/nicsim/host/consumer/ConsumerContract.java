package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DrainDriver;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.driver.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link Consumer} keeps, checked on real Chronicle queues and real threads, under the
 * plain drain driver and under a driver that polls with a small budget and sleeps on timers: each descriptor
 * written and followed by an interrupt is handled exactly once, whatever the interleaving of writes and
 * interrupts (no lost wake-up), and stop() returns with every thread done. The only time bound is a generous
 * liveness limit, never a latency assertion.
 */
final class ConsumerContract {

    private static final long LIVENESS_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final NanoClock CLOCK = System::nanoTime;

    private ConsumerContract() {
    }

    /** Runs the whole contract against the consumer made by {@code factory}. */
    static void verify(Function<ConsumerContext, Consumer> factory, Path dir, String expectedName) throws Exception {
        for (Supplier<DriverPolicy> driver : List.<Supplier<DriverPolicy>>of(DrainDriver::new, BudgetTimerDriver::new)) {
            String name = driver.get().name();
            handlesEveryNotifiedPacketOnce(factory, driver, dir.resolve(name + "-random"), expectedName);
            handlesPacketsWrittenBeforeStart(factory, driver, dir.resolve(name + "-backlog"));
        }
    }

    private static ConsumerContext context(DeviceQueues queues, LatencyRecorder recorder, Supplier<DriverPolicy> driver) {
        return new ConsumerContext(queues, CLOCK, recorder, new PacketHandler(0, CLOCK), driver.get(),
                new InterruptLog(InterruptLog.DEFAULT_CAPACITY));
    }

    private static void handlesEveryNotifiedPacketOnce(Function<ConsumerContext, Consumer> factory,
                                                       Supplier<DriverPolicy> driver, Path dir,
                                                       String expectedName) throws Exception {
        int packets = 20_000;
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            Consumer consumer = factory.apply(context(queues, recorder, driver));
            assertThat(consumer.name()).isEqualTo(expectedName);
            assertThat(consumer.waitsBy()).isNotBlank();
            consumer.start();
            try (DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                SplittableRandom random = new SplittableRandom(42);
                long id = 0;
                while (id < packets) {
                    int batch = 1 + random.nextInt(16);
                    for (int i = 0; i < batch && id < packets; i++, id++) {
                        long now = CLOCK.nanoTime();
                        writer.write(0, id, 0, 64, now, now, now);
                    }
                    consumer.onInterrupt();
                    if (random.nextInt(8) == 0) {
                        Thread.onSpinWait(); // let the consumer fall asleep between some interrupts
                        Thread.sleep(0, 50_000);
                    }
                }
            }
            awaitHandled(recorder, packets);
            consumer.stop();
            assertThat(recorder.packetsHandled()).as("handled exactly once").isEqualTo(packets);
            assertThat(recorder.notification().getTotalCount()).isEqualTo(packets);
            assertThat(recorder.notification().getMinValue()).isGreaterThanOrEqualTo(0);
        }
    }

    private static void handlesPacketsWrittenBeforeStart(Function<ConsumerContext, Consumer> factory,
                                                         Supplier<DriverPolicy> driver, Path dir) throws Exception {
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                for (int id = 0; id < 100; id++) {
                    long now = CLOCK.nanoTime();
                    writer.write(0, id, 0, 64, now, now, now);
                }
            }
            LatencyRecorder recorder = new LatencyRecorder();
            Consumer consumer = factory.apply(context(queues, recorder, driver));
            consumer.start();
            consumer.onInterrupt();
            awaitHandled(recorder, 100);
            consumer.stop();
            assertThat(recorder.packetsHandled()).isEqualTo(100);
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
