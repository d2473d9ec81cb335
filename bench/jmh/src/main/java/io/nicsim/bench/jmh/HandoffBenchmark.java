package io.nicsim.bench.jmh;

import io.nicsim.host.handoff.Mailbox;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.PacketStampSink;
import io.nicsim.host.measure.Packet;
import io.nicsim.nic.record.DescriptorRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The hot path of the shapes that hand packets to other threads, single-threaded so that only the code's own
 * cost shows: the driver's copy into an application buffer and the application taking it
 * ({@link Mailbox#offer}, {@link Mailbox#peek}, {@link Mailbox#advance}), and recording a packet into the
 * single-writer and the many-writers {@link LatencyRecorder}. Run with {@code -prof gc}: none may allocate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandoffBenchmark {

    private final Mailbox mailbox = new Mailbox(1024);
    private final DescriptorRecord descriptor = new DescriptorRecord();
    private final Packet packet = new Packet();
    private LatencyRecorder singleWriter;
    private LatencyRecorder manyWriters;
    private long sequence;

    @Setup
    public void setUp() {
        singleWriter = new LatencyRecorder(0, 1, PacketStampSink.NONE, false);
        manyWriters = new LatencyRecorder(0, 1, PacketStampSink.NONE, true);
        packet.writtenNanos = 1_000;
        packet.writtenBackNanos = 1_000;
        packet.intendedNanos = 500;
    }

    @Benchmark
    public long mailboxOfferTake() {
        descriptor.packetId = sequence++;
        mailbox.offer(descriptor, 1_100, 1_200, 1_300);
        long id = mailbox.peek().packetId;
        mailbox.advance();
        return id;
    }

    @Benchmark
    public void recordSingleWriter() {
        packet.packetId = sequence++;
        singleWriter.record(packet, 2_000, 2_500);
    }

    @Benchmark
    public void recordManyWriters() {
        packet.packetId = sequence++;
        manyWriters.record(packet, 2_000, 2_500);
    }
}
