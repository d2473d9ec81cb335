package io.nicsim.bench.jmh;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.port.ChecksumPorts;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.traffic.TrafficConfig;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The device engine alone in virtual time ({@link Device#advanceTo(long)}): 64-byte frames at 100 Gb/s line rate
 * (148.8 Mpps, constant), one RX queue, MAC polled on every arrival, no DMA time, descriptors and interrupts into
 * memory ({@link ChecksumPorts}; for NAPI, which masks its interrupt, it re-arms after each one). {@code policy}:
 * {@code per-packet} (one interrupt per packet), {@code coalesce} (rx-usecs 50, rx-frames 64), {@code napi} (masked
 * until re-armed).
 * {@code nextEvent}: one operation executes the device's next instant, as a virtual-time runner steps it;
 * {@code slice}: one operation advances 1 µs of model time (about 149 packets). The {@code events} and
 * {@code packets} counters are per second of wall time (the engine's events as {@code advanceTo} counts them:
 * arrivals, descriptors, interrupts, doorbells). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes
 * per operation, 0 when nothing is allocated per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeviceEngineBenchmark {

    /** 64-byte frames at 100 Gb/s: 1e11 / ((64 + 20) * 8) per second. */
    static final double LINE_RATE_64B_100G = 100e9 / ((64 + 20) * 8);
    /** Model time one {@code slice} operation advances. */
    static final long SLICE_NANOS = 1_000;
    /** Longer than any benchmark plays (an hour of model time). */
    private static final long SCHEDULE_NANOS = 3_600_000_000_000L;

    @Param({"per-packet", "coalesce", "napi"})
    public String policy;

    private Device device;
    private ChecksumPorts ports;
    private long modelNanos;

    /** Engine events and packets (descriptors written), reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long events;
        public long packets;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            packets = 0;
        }
    }

    @Setup
    public void setUp() {
        TrafficConfig traffic = new TrafficConfig("constant", LINE_RATE_64B_100G, 1, 1, 64);
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(50, 64);
        device = DeviceFactory.create(traffic, new NicConfig(100, 0, 0, 1, 0),
                PolicyFactory.create(firmware).device(), 0, SCHEDULE_NANOS, () -> 0L, null);
        ports = new ChecksumPorts(policy.startsWith("napi")); // NAPI masks its interrupt until re-armed
        device.firmware().open(new DescriptorSink[] {ports}, ports, ports);
        device.start(0);
    }

    /** The device's next instant: every event due then, as a virtual-time runner steps the device. */
    @Benchmark
    public long nextEvent(Counts counts) {
        device.firmware().readDoorbells();
        long before = ports.descriptors();
        counts.events += device.advanceTo(device.nextEventNanos());
        counts.packets += ports.descriptors() - before;
        return ports.checksum();
    }

    /** One microsecond of model time (about 149 packets at line rate). */
    @Benchmark
    public long slice(Counts counts) {
        device.firmware().readDoorbells();
        long before = ports.descriptors();
        counts.events += device.advanceTo(modelNanos += SLICE_NANOS);
        counts.packets += ports.descriptors() - before;
        return ports.checksum();
    }
}
