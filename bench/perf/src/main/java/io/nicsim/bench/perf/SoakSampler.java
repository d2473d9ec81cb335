package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A platform daemon thread that looks at this process every interval while the soak's traffic plays: heap after
 * the latest GC, resident memory, file descriptors, mappings, threads and the journal's size, each sample appended
 * to a CSV file as it is taken (a run cut short keeps what was sampled). It wakes once per interval (seconds), so
 * it takes next to nothing from the run's threads. The run allocates so little that the young generation may not
 * fill in ten minutes, and heap after GC would then show the heap before the run: so every GC interval the sampler
 * asks for a full collection first, whose pause (milliseconds for a heap of tens of MiB) lands in the latency of
 * the packets behind it.
 */
final class SoakSampler implements AutoCloseable {

    private final Path queueDir;
    private final long intervalNanos;
    private final PrintWriter csv;
    private final List<SoakSample> samples = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile Throwable failure;
    private MachineLoad.Sample load = MachineLoad.sample();

    private final PrintWriter progress;
    private final long gcIntervalNanos;
    private long lastGcNanos = System.nanoTime();
    private boolean closed;
    private long minutesShown;

    private SoakSampler(Path queueDir, long intervalNanos, long gcIntervalNanos, PrintWriter csv,
                        PrintWriter progress) {
        this.gcIntervalNanos = gcIntervalNanos;
        this.progress = progress;
        this.queueDir = queueDir;
        this.intervalNanos = intervalNanos;
        this.csv = csv;
        this.thread = Thread.ofPlatform().daemon().name("nicsim-soak-sampler").unstarted(this::loop);
    }

    /**
     * Starts sampling now (a first sample at once), writing {@code csvFile} and a line a minute to progress.
     *
     * @param gcIntervalNanos how often a sample is preceded by a full collection ({@code System.gc()}), 0 for never
     */
    static SoakSampler start(Path queueDir, long intervalNanos, long gcIntervalNanos, Path csvFile,
                             PrintWriter progress) throws IOException {
        PrintWriter csv = new PrintWriter(Files.newBufferedWriter(csvFile));
        csv.println(SoakSample.CSV_HEADER);
        SoakSampler sampler = new SoakSampler(queueDir, intervalNanos, gcIntervalNanos, csv, progress);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    private void loop() {
        try {
            while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS)) {
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void sample() throws IOException {
        long now = System.nanoTime();
        if (gcIntervalNanos > 0 && now - lastGcNanos >= gcIntervalNanos) {
            lastGcNanos = now;
            System.gc(); // a full collection: what is left is what the run keeps alive
        }
        double otherCores = MachineLoad.since(load).otherCores();
        load = MachineLoad.sample();
        SoakSample s = new SoakSample(System.nanoTime() - startNanos, heapAfterGcBytes(), heapUsedBytes(),
                gcCount(), ProcFootprint.read(ProcFootprint.SELF), ManagementFactory.getThreadMXBean().getThreadCount(),
                treeBytes(queueDir), otherCores);
        synchronized (samples) {
            samples.add(s);
        }
        csv.println(s.csv());
        csv.flush();
        long minute = s.elapsedNanos() / 60_000_000_000L;
        if (minute > minutesShown) {
            minutesShown = minute;
            progress.printf(java.util.Locale.ROOT, "  %d min: heap after GC %.1f MiB, RSS %.1f MiB, %d fds, %d maps,"
                            + " %d threads, journal %.2f GB, others' cpu %.2f%n", minute,
                    s.heapAfterGcBytes() / SoakSample.MIB, s.footprint().rssBytes() / SoakSample.MIB,
                    s.footprint().fds(), s.footprint().maps(), s.threads(), s.journalBytes() / 1e9, s.otherCores());
            progress.flush();
        }
    }

    /** Stops the thread and closes the CSV file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stop.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            csv.close();
        }
        if (failure != null) {
            throw new IOException("soak sampler failed: " + failure, failure);
        }
    }

    /** @return the samples so far, in order */
    List<SoakSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** @return the heap pools' usage after their latest collection, summed (0 for a pool not yet collected) */
    static long heapAfterGcBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            total += usage == null ? 0 : usage.getUsed();
        }
        return total;
    }

    private static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /** @return the apparent size of the regular files under {@code dir}, 0 if it does not exist yet */
    static long treeBytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.mapToLong(SoakSampler::sizeOrZero).sum();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return 0; // a file went between listing and reading; the next sample sees the folder again
            }
            throw e.getCause();
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
