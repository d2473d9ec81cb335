package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.rx.PacketHandler;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link Consumer} keeps, checked on real Chronicle queues and real threads: each
 * descriptor written and followed by an interrupt is handled exactly once, whatever the interleaving of
 * writes and interrupts (no lost wake-up), and stop() returns with every thread done. The only time bound is
 * a generous liveness limit, never a latency assertion.
 */
final class ConsumerContract {

    private static final long LIVENESS_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final NanoClock CLOCK = System::nanoTime;

    private ConsumerContract() {
    }

    /** Runs the whole contract against the consumer made by {@code factory}. */
    static void verify(Function<ConsumerContext, Consumer> factory, Path dir, String expectedName) throws Exception {
        handlesEveryNotifiedPacketOnce(factory, dir.resolve("random"), expectedName);
        handlesPacketsWrittenBeforeStart(factory, dir.resolve("backlog"));
    }

    private static void handlesEveryNotifiedPacketOnce(Function<ConsumerContext, Consumer> factory, Path dir,
                                                       String expectedName) throws Exception {
        int packets = 20_000;
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            Consumer consumer = factory.apply(new ConsumerContext(queues, CLOCK, recorder, new PacketHandler(0, CLOCK)));
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
                    consumer.onInterrupt(CLOCK.nanoTime(), CLOCK.nanoTime());
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

    private static void handlesPacketsWrittenBeforeStart(Function<ConsumerContext, Consumer> factory, Path dir)
            throws Exception {
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            try (DescriptorWriter writer = queues.newDescriptorWriter(CLOCK)) {
                for (int id = 0; id < 100; id++) {
                    long now = CLOCK.nanoTime();
                    writer.write(0, id, 0, 64, now, now, now);
                }
            }
            LatencyRecorder recorder = new LatencyRecorder();
            Consumer consumer = factory.apply(new ConsumerContext(queues, CLOCK, recorder, new PacketHandler(0, CLOCK)));
            consumer.start();
            consumer.onInterrupt(CLOCK.nanoTime(), CLOCK.nanoTime());
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
}
