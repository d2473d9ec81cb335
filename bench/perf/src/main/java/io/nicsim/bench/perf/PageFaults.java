package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The cost of the first write to each page of a memory-mapped file where the queues live (tmpfs when there is
 * one): every Chronicle append that starts a page pays it. Most take a few microseconds; on a VM a few in ten
 * thousand take milliseconds (the hypervisor backing the page), and a device thread that takes such a fault
 * stalls every packet behind it. Measured so the tail of the end-to-end figures can be read against it.
 */
final class PageFaults {

    private static final int PAGE_BYTES = 4096;

    private PageFaults() {
    }

    /** Writes one long into each page of a fresh {@code bytes}-long mapped file and times each write. */
    static Histogram measure(ScratchDir scratch, int bytes) throws IOException {
        Path file = scratch.resolve("page-faults");
        Histogram histogram = LatencyRecorder.newHistogram();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            for (int offset = 0; offset < bytes; offset += PAGE_BYTES) {
                long start = System.nanoTime();
                map.putLong(offset, offset);
                histogram.recordValue(System.nanoTime() - start);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return histogram;
    }

    static String describe(Histogram faults, boolean inMemory) {
        long overOneMilli = faults.getCountBetweenValues(1_000_000, faults.getMaxValue());
        return String.format("first write to a page of a mapped file (%s): p50 %s us, p99 %s us, p99.99 %s us, max %s"
                + " us;"
                        + " %d of %,d took over 1 ms", inMemory ? "tmpfs, as the queues" : "temporary folder",
                Format.micros(faults.getValueAtPercentile(50)), Format.micros(faults.getValueAtPercentile(99)),
                Format.micros(faults.getValueAtPercentile(99.99)), Format.micros(faults.getMaxValue()), overOneMilli,
                faults.getTotalCount());
    }
}
