package io.nicsim.bench.jmh;

import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.queue.InterruptWriter;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;
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
import java.nio.file.Path;

/**
 * The device's hot path on Chronicle Queue: appending one descriptor record (the firmware's DMA) or one
 * interrupt record (an MSI-X message), and reading each back (the host driver's poll, the interrupt path), with
 * the queue settings nicsim runs with ({@link DeviceQueues}), on tmpfs when {@code /dev/shm} exists (as runs
 * stage their queues). Each iteration writes a fresh queue, so tmpfs holds one iteration's records at most.
 * Run with {@code -prof gc}: every one must allocate nothing per record. Its bytes per operation include the queue
 * opened each iteration, a constant per iteration; nic-sim's RecordAppendAllocatesNothingTest counts per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordAppendBenchmark {

    private Path dir;
    private DeviceQueues queues;
    private DescriptorWriter descriptorWriter;
    private DescriptorReader descriptorReader;
    private InterruptWriter interruptWriter;
    private InterruptReader interruptReader;
    private long sequence;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = QueueDir.create();
        queues = DeviceQueues.open(dir);
        descriptorWriter = queues.newDescriptorWriter(System::nanoTime);
        descriptorReader = queues.newDescriptorReader();
        interruptWriter = queues.newInterruptWriter(System::nanoTime);
        interruptReader = queues.newInterruptReader();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        descriptorReader.close();
        descriptorWriter.close();
        interruptReader.close();
        interruptWriter.close();
        queues.close();
        QueueDir.delete(dir);
    }

    /** Appends one descriptor (the firmware's DMA). */
    @Benchmark
    public long descriptorAppend() {
        long id = sequence++;
        descriptorWriter.write(0, id, 0, 64, 0, id, id, id, id);
        return id;
    }

    /** Appends one descriptor and reads it back (the host driver's poll). */
    @Benchmark
    public long descriptorAppendAndRead() {
        long id = sequence++;
        descriptorWriter.write(0, id, 0, 64, 0, id, id, id, id);
        DescriptorRecord record = descriptorReader.poll();
        return record == null ? -1 : record.packetId;
    }

    /** Appends one interrupt (the firmware raising an MSI-X message). */
    @Benchmark
    public long interruptAppend() {
        long id = sequence++;
        interruptWriter.raise(0, id, id, id, id);
        return id;
    }

    /** Appends one interrupt and reads it back (the host's interrupt path). */
    @Benchmark
    public long interruptAppendAndRead() {
        long id = sequence++;
        interruptWriter.raise(0, id, id, id, id);
        InterruptRecord record = interruptReader.poll();
        return record == null ? -1 : record.sequence;
    }
}
