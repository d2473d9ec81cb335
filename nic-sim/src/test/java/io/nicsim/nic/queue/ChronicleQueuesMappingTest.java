package io.nicsim.nic.queue;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A long run's queue keeps a bounded number of mapped windows however often the JVM collects garbage: with
 * Chronicle's LARGE_DAILY index arrays (4M records each) every GC pinned the window of the index array current at
 * the time for the rest of the run (found by the 10-minute soak: resident memory grew by one 80 MiB window a minute).
 * Written on /dev/shm, as runs are, and tagged run: it writes ~750 MB.
 */
@Tag("run")
class ChronicleQueuesMappingTest {

    /** Records written: two LARGE_DAILY index arrays and more. */
    private static final long RECORDS = 10_000_000L;
    private static final long GC_EVERY_RECORDS = 1_000_000L;
    private static final int PAYLOAD_BYTES = 64;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void garbageCollectionsPinNoFurtherWindows() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isWritable(shm) && Files.isReadable(Path.of("/proc/self/maps")))
                .as("needs /dev/shm and /proc/self/maps (Linux)").isTrue();
        Path dir = Files.createTempDirectory(shm, "nicsim-mapping-test-");
        try (ChronicleQueue queue = ChronicleQueues.open(dir);
             ExcerptAppender appender = queue.createAppender();
             ExcerptTailer tailer = queue.createTailer()) {
            int mostWindows = 0;
            for (long n = 1; n <= RECORDS; n++) {
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().writeSkip(PAYLOAD_BYTES);
                }
                try (DocumentContext dc = tailer.readingDocument()) {
                    assertThat(dc.isPresent()).isTrue();
                }
                if (n % GC_EVERY_RECORDS == 0) {
                    System.gc();
                    mostWindows = Math.max(mostWindows, windows(dir));
                }
            }
            // the header's window, the writer's and the reader's (the two may share one or straddle two)
            assertThat(mostWindows).as("windows of the queue file mapped at once").isLessThanOrEqualTo(4);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int windows(Path dir) throws IOException {
        String prefix = dir.toString();
        return (int) Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains(prefix) && line.endsWith(".cq4")).count();
    }
}
