package io.nicsim.bench.jmh;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drawing one arrival from each synthetic traffic source and from a looping trace (the work the wire does in an
 * idle turn, off a packet's way): the flyweight's {@code next()} and its accessors. Run with {@code -prof gc} to
 * see the allocation per operation (none).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrafficSourceBenchmark {

    @Param({"constant", "poisson", "on-off", "mmpp", "trace"})
    public String kind;

    private TrafficSource source;

    @Setup
    public void setUp() throws IOException {
        TrafficConfig config = new TrafficConfig(kind, 1e6, 1, 16, 64);
        if (kind.equals("trace")) {
            Path csv = Files.createTempFile("nicsim-trace", ".csv");
            csv.toFile().deleteOnExit();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                lines.add(i * 1_000L + "," + i % 16 + "," + (64 + i % 1_400));
            }
            Files.write(csv, lines);
            config = config.withTrace(csv.toString(), 1);
        }
        // a schedule that never ends within a benchmark (a million years)
        source = TrafficSources.create(config, Long.MAX_VALUE / 2);
    }

    /** One arrival: offset, flow and size. */
    @Benchmark
    public long next() {
        source.next();
        return source.offsetNanos() + source.flow() + source.frameBytes();
    }
}
