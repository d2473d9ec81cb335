package io.nicsim.bench.jmh;

import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.rss.Toeplitz;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of receive-side scaling per packet: one Toeplitz hash of an IPv4 4-tuple (12 bytes, table-driven), and
 * a whole steering decision (the flow's tuple, the hash, the indirection table) over 10k synthetic flows. Run with
 * {@code -prof gc} to see the allocation per operation (none).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RssHashBenchmark {

    private static final int FLOWS = 10_000;

    private final Toeplitz toeplitz = Toeplitz.microsoft();
    private final RssSteering steering = RssSteering.forQueues(4, SyntheticFlows.INSTANCE);
    private int flow;
    private int sourceIp = 0x0A000001;

    /** One 4-tuple hash, the source address changing every time. */
    @Benchmark
    public int toeplitzIpv4WithPorts() {
        return toeplitz.ipv4WithPorts(sourceIp++, 0xC0000201, 40_000, 9000);
    }

    /** One packet's queue: its flow's 5-tuple, hashed, through the indirection table. */
    @Benchmark
    public int queueOfFlow() {
        int f = flow;
        flow = f + 1 == FLOWS ? 0 : f + 1;
        return steering.queueOf(f);
    }
}
