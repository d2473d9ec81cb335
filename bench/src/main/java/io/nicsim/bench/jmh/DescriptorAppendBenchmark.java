package io.nicsim.bench.jmh;

import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The device's hot path on Chronicle Queue: appending one descriptor record, and reading one back, with the
 * queue settings nicsim runs with, on tmpfs when {@code /dev/shm} exists (as runs stage their queues).
 * Run with {@code -prof gc}: both must allocate nothing per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DescriptorAppendBenchmark {

    private Path dir;
    private DeviceQueues queues;
    private DescriptorWriter writer;
    private DescriptorReader reader;
    private long packetId;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "nicsim-jmh") : Files.createTempDirectory("nicsim-jmh");
        queues = DeviceQueues.open(dir);
        writer = queues.newDescriptorWriter(System::nanoTime);
        reader = queues.newDescriptorReader();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        writer.close();
        queues.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Appends one descriptor (the firmware's DMA). */
    @Benchmark
    public long append() {
        long id = packetId++;
        return writer.write(0, id, 0, 64, id, id, id);
    }

    /** Appends one descriptor and reads it back (the host driver's poll). */
    @Benchmark
    public long appendAndRead() {
        long id = packetId++;
        writer.write(0, id, 0, 64, id, id, id);
        DescriptorRecord record = reader.poll();
        return record == null ? -1 : record.packetId;
    }
}
