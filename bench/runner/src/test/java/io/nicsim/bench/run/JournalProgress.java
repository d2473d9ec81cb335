package io.nicsim.bench.run;

import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Follows a live run's descriptor journal from outside the run (another thread or another process), so a test can
 * act on what the run did (packets written to the ring) instead of on how long it has been running. Chronicle
 * queues are built for concurrent readers; the journal is opened only once its first cycle file exists, and closed
 * before returning so the run can move or delete it. Shared with bench/cli's tests (this module's test jar).
 */
public final class JournalProgress {

    private JournalProgress() {
    }

    /**
     * Waits until {@code queueDir}'s RX queue 0 holds at least {@code descriptors} descriptors.
     *
     * @param alive   false once the run ended or its process died: waiting longer is pointless
     * @param timeout liveness bound only; the condition normally holds long before
     * @throws AssertionError if the run ended first or the bound passed
     */
    public static void awaitDescriptors(Path queueDir, long descriptors, BooleanSupplier alive, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path folder = queueDir.resolve(DeviceQueues.DESCRIPTORS);
        while (!hasCycleFile(folder)) {
            check(alive, deadline, "no journal in " + queueDir);
            Thread.sleep(5);
        }
        long seen = 0;
        try (DeviceQueues queues = DeviceQueues.open(queueDir); DescriptorReader reader = queues.newDescriptorReader(
                )) {
            while (seen < descriptors) {
                if (reader.poll() != null) {
                    seen++;
                    continue;
                }
                check(alive, deadline, seen + " of " + descriptors + " descriptors in " + queueDir);
                Thread.sleep(5);
            }
        }
    }

    private static void check(BooleanSupplier alive, long deadline, String what) {
        if (!alive.getAsBoolean()) {
            throw new AssertionError("the run ended first: " + what);
        }
        if (System.nanoTime() - deadline > 0) {
            throw new AssertionError("liveness bound passed: " + what);
        }
    }

    private static boolean hasCycleFile(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false; // the folder is being created or moved: look again
        }
    }

    /** @return the first folder in /dev/shm that {@code pid}'s runs stage their live queues in, once it exists */
    public static Path awaitStagedQueueDir(long pid, BooleanSupplier alive, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = "nicsim-" + pid + "-";
        while (true) {
            try (Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
                var found = shm.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            check(alive, deadline, "no staged queue " + prefix + "* in /dev/shm");
            Thread.sleep(5);
        }
    }
}
