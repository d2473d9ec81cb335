package io.nicsim.bench.perf;

import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport's own ceiling: how fast nicsim's descriptor records can be appended to a Chronicle queue with
 * nicsim's settings ({@link DeviceQueues}), unpaced, on one thread; and how fast they go from an appender to a
 * busy-spinning tailer on a second thread (the bare transport of the floor benchmark, flat out); and, for the
 * benchmark's write-back burst configurations, how fast descriptors are appended in bursts of each size (one
 * document per burst), the ceiling of those.
 */
final class RawAppend {

    /**
     * @param appendPerSecond        descriptors appended per second, one thread, a document each
     * @param appendAndTailPerSecond descriptors appended on one thread and read on another, per second
     * @param burstAppendPerSecond   descriptors appended per second in write-back bursts, by burst size
     */
    record Rates(double appendPerSecond, double appendAndTailPerSecond, Map<Integer, Double> burstAppendPerSecond) {

        /** Rates without bursts. */
        Rates(double appendPerSecond, double appendAndTailPerSecond) {
            this(appendPerSecond, appendAndTailPerSecond, Map.of());
        }
    }

    private RawAppend() {
    }

    /** @param bursts the write-back burst sizes whose append rate to measure too */
    static Rates measure(ScratchDir scratch, long warmupNanos, long durationNanos, List<Integer> bursts)
            throws Exception {
        double append = appendOnly(scratch.resolve("raw-append"), warmupNanos, durationNanos, 1);
        Map<Integer, Double> burstRates = new LinkedHashMap<>();
        for (int burst : bursts) {
            burstRates.put(burst, appendOnly(scratch.resolve("raw-append-" + burst), warmupNanos, durationNanos,
                    burst));
        }
        Path tailDir = scratch.resolve("raw-append-tail");
        double appendAndTail;
        try {
            appendAndTail = appendAndTail(tailDir, warmupNanos, durationNanos);
        } finally {
            ScratchDir.delete(tailDir);
        }
        return new Rates(append, appendAndTail, Map.copyOf(burstRates));
    }

    private static double appendOnly(Path dir, long warmupNanos, long durationNanos, int burst) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorWriter writer = queues.newDescriptorWriter(SystemNanoClock.INSTANCE)) {
            long packetId = 0;
            long warmEnd = System.nanoTime() + warmupNanos;
            while (System.nanoTime() < warmEnd) {
                packetId = appendBatch(writer, packetId, burst);
            }
            long from = packetId;
            long startNanos = System.nanoTime();
            long endNanos = startNanos + durationNanos;
            long now;
            do {
                packetId = appendBatch(writer, packetId, burst);
                now = System.nanoTime();
            } while (now < endNanos);
            return (packetId - from) * 1e9 / (now - startNanos);
        } finally {
            ScratchDir.delete(dir);
        }
    }

    /** Appends 64 descriptors as the firmware does, each stamped with the clock, in bursts of {@code burst}. */
    private static long appendBatch(DescriptorWriter writer, long packetId, int burst) {
        for (int i = 0; i < 64; i++) {
            long now = System.nanoTime();
            writer.add(0, packetId, 0, Pacing.FRAME_BYTES, 0, now, now, now, now);
            packetId++;
            if ((i + 1) % burst == 0) {
                writer.writeBack(now);
            }
        }
        writer.writeBack(System.nanoTime()); // a burst size that does not divide 64: the rest
        return packetId;
    }

    private static double appendAndTail(Path dir, long warmupNanos, long durationNanos) throws Exception {
        AtomicLong read = new AtomicLong();
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            PacedThreads.StopFlag stop = new PacedThreads.StopFlag();
            Thread tailer = Thread.ofPlatform().name("raw-tailer").start(() -> {
                try (DescriptorReader reader = queues.newDescriptorReader()) {
                    long count = 0;
                    while (!stop.stopped()) {
                        if (reader.poll() != null) {
                            read.lazySet(++count);
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                }
            });
            double rate;
            try (DescriptorWriter writer = queues.newDescriptorWriter(SystemNanoClock.INSTANCE)) {
                long packetId = 0;
                long warmEnd = System.nanoTime() + warmupNanos;
                while (System.nanoTime() < warmEnd) {
                    packetId = appendBatch(writer, packetId, 1);
                }
                long fromRead = read.get();
                long startNanos = System.nanoTime();
                long endNanos = startNanos + durationNanos;
                long now;
                do {
                    packetId = appendBatch(writer, packetId, 1);
                    now = System.nanoTime();
                } while (now < endNanos);
                // The pipeline's rate is what the reader got through in the same time.
                rate = (read.get() - fromRead) * 1e9 / (now - startNanos);
            } finally {
                stop.stop();
                tailer.join();
            }
            return rate;
        }
    }
}
