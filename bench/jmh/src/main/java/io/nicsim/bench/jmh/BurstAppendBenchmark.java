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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Descriptor write-back bursts on Chronicle Queue, per descriptor: {@value #DESCRIPTORS} descriptors appended in
 * write-back bursts of {@code burst} (one document per burst; 1 = a document per descriptor, nicsim's default), and the
 * same read back through the host's {@link DescriptorReader} (a burst's document read once, its descriptors handed out
 * from a copy). Queue settings and tmpfs as {@link RecordAppendBenchmark}. Run with {@code -prof gc}: nothing may be
 * allocated per descriptor or per burst.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BurstAppendBenchmark {

    /** Descriptors per invocation: a whole number of bursts of every size measured. */
    static final int DESCRIPTORS = 64;

    /** Descriptors per write-back burst. */
    @Param({"1", "4", "16", "64"})
    public int burst;

    private Path dir;
    private DeviceQueues queues;
    private DescriptorWriter writer;
    private DescriptorReader reader;
    private long sequence;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = QueueDir.create();
        queues = DeviceQueues.open(dir);
        writer = queues.newDescriptorWriter(System::nanoTime);
        reader = queues.newDescriptorReader();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        reader.close();
        writer.close();
        queues.close();
        QueueDir.delete(dir);
    }

    private void append() {
        for (int b = 0; b < DESCRIPTORS; b += burst) {
            long writtenBack = 0;
            for (int i = 0; i < burst; i++) {
                long id = sequence++;
                writer.add(0, id, 0, 64, 0, id, id, id, id);
                writtenBack = id;
            }
            writer.writeBack(writtenBack);
        }
    }

    /** Appends 64 descriptors in write-back bursts (the firmware's DMA); the score is per descriptor. */
    @Benchmark
    @OperationsPerInvocation(DESCRIPTORS)
    public long burstAppend() {
        append();
        return sequence;
    }

    /** Appends 64 descriptors in bursts and reads them back one by one (the host driver's polls), per descriptor. */
    @Benchmark
    @OperationsPerInvocation(DESCRIPTORS)
    public long burstAppendAndRead() {
        append();
        long sum = 0;
        DescriptorRecord record;
        while ((record = reader.poll()) != null) {
            sum += record.packetId;
        }
        return sum;
    }
}
