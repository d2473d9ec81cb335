package io.nicsim.bench.perf;

import java.util.List;
import java.util.Locale;

/**
 * One look at the soak's process.
 *
 * @param elapsedNanos        since the sampler started
 * @param heapAfterGcBytes    heap in use after the latest collection: the heap pools' collection usage, summed
 * @param heapUsedBytes       heap in use now, garbage included
 * @param gcCount             collections so far, every collector
 * @param footprint           resident memory, file descriptors and mappings from {@code /proc}
 * @param threads             live threads
 * @param journalBytes        apparent size of the files under the run's queue folder
 * @param otherCores          cores' worth of CPU other processes used since the previous sample ({@code /proc/stat})
 */
public record SoakSample(long elapsedNanos, long heapAfterGcBytes, long heapUsedBytes, long gcCount,
                         ProcFootprint footprint, int threads, long journalBytes, double otherCores) {

    /** The CSV header of {@link #csv()}. */
    public static final String CSV_HEADER = "elapsed_s,heap_after_gc_bytes,heap_used_bytes,gc_count,rss_bytes,"
            + "rss_anon_bytes,rss_file_bytes,rss_shmem_bytes,fds,maps,threads,journal_bytes,"
            + "other_cores";

    /** @return one CSV line, no newline */
    public String csv() {
        return String.format(Locale.ROOT, "%.3f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.3f", elapsedNanos / 1e9,
                heapAfterGcBytes, heapUsedBytes, gcCount, footprint.rssBytes(), footprint.rssAnonBytes(),
                footprint.rssFileBytes(), footprint.rssShmemBytes(), footprint.fds(), footprint.maps(), threads,
                journalBytes, otherCores);
    }

    /** The figures judged flat, each read from a sample. */
    public enum Metric {
        HEAP_AFTER_GC("heap after GC", true),
        RSS_OWN("RSS anon+file", true),
        RSS_SHMEM("RSS shmem", true),
        FDS("open fds", false),
        MAPS("mappings", false),
        THREADS("threads", false);

        private final String label;
        private final boolean bytes;

        Metric(String label, boolean bytes) {
            this.label = label;
            this.bytes = bytes;
        }

        public String label() {
            return label;
        }

        /** @return whether the figure is a size in bytes (shown in MiB) rather than a count */
        public boolean bytes() {
            return bytes;
        }

        /** @return this figure of a sample */
        public long of(SoakSample s) {
            return switch (this) {
                case HEAP_AFTER_GC -> s.heapAfterGcBytes();
                case RSS_OWN -> s.footprint().rssAnonBytes() + s.footprint().rssFileBytes();
                case RSS_SHMEM -> s.footprint().rssShmemBytes();
                case FDS -> s.footprint().fds();
                case MAPS -> s.footprint().maps();
                case THREADS -> s.threads();
            };
        }

        /** @return the figure as tables show it: MiB with one decimal, or the count */
        public String format(double value) {
            return bytes ? String.format(Locale.ROOT, "%.1f", value / MIB) : String.format(Locale.ROOT, "%.0f", value);
        }
    }

    static final double MIB = 1024.0 * 1024.0;

    /** @return the samples' elapsed times in minutes */
    static double[] minutes(List<SoakSample> samples) {
        return samples.stream().mapToDouble(s -> s.elapsedNanos() / 60e9).toArray();
    }
}
