package io.nicsim.bench.jmh;

import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.Policy;
import io.nicsim.firmware.policy.PolicyFactory;
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

import java.util.concurrent.TimeUnit;

/**
 * The per-packet decision cost of each policy, both halves: the device's (a completion, a timer check, and
 * the raise / re-arm bookkeeping when it fires) and the driver's (what to do after a poll). Time advances by
 * 5 µs per packet (200k packets per second). Run with {@code -prof gc} to see the allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyDecisionBenchmark {

    private static final long GAP_NANOS = 5_000;

    @Param({"per-packet", "coalesce", "napi", "napi-defer", "irq-suspend", "dim", "adaptive-itr", "poll-mode",
            "hybrid-poll"})
    public String policy;

    private NotificationPolicy device;
    private DriverPolicy driver;
    private long nowNanos;
    private int pollNumber;

    @Setup
    public void setUp() {
        Policy pair = PolicyFactory.create(FirmwareConfig.DEFAULTS.withPolicy(policy));
        device = pair.device();
        driver = pair.driver();
        nowNanos = 1_000_000_000L;
    }

    /** One packet through the device half: completion, timer check, and raising (with the host's re-arm). */
    @Benchmark
    public boolean deviceDecision() {
        long now = nowNanos += GAP_NANOS;
        boolean raise = device.onCompletion(now, 64) | device.onTimer(now);
        if (raise) {
            device.onRaised(now);
            if (device.masked()) {
                device.onRearm(now, 0);
            }
        }
        return raise;
    }

    /** One poll result through the driver half; polls find 0 to 3 packets in turn. */
    @Benchmark
    public DriverPolicy.Action driverDecision() {
        long now = nowNanos += GAP_NANOS;
        int packets = pollNumber++ & 3;
        if (packets == 0) {
            driver.onInterrupt(now);
        }
        return driver.afterPoll(packets, now);
    }
}
