package io.nicsim.bench.perf;

import io.nicsim.bench.run.MachineLoad;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.device.Device;
import io.nicsim.nic.device.DeviceFactory;
import io.nicsim.nic.device.Firmware;
import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.port.ChecksumPorts;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.traffic.TrafficConfig;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code nicsim bench virtual}: the device engine alone in virtual time, on one core. 64-byte frames at 100 Gb/s
 * line rate (148.8 Mpps, constant, {@code nic.linkGbps=100}), one RX queue, MAC polled on every arrival, no DMA
 * time, descriptors and interrupts into memory (counted and folded into a checksum: no journal). The engine is
 * stepped as a virtual-time runner steps it: {@code advanceTo(nextEventNanos())}, doorbells read before each step.
 * Measures events and packets per second of wall time with per-packet interrupts and with coalescing (rx-usecs 50,
 * rx-frames 64), bytes allocated per event, the wall time to simulate one second of line rate (coalescing), and
 * the heap after a full GC at 1 s and at the end of a longer run (memory flat with run length).
 */
public final class VirtualBenchmark {

    /** Targets (the virtual-time issue). */
    public static final double TARGET_EVENTS_PER_SECOND = 20e6;
    public static final double TARGET_PACKETS_PER_SECOND = 5e6;
    public static final double TARGET_LINE_RATE_WALL_SECONDS = 60;
    /** 64-byte frames at 100 Gb/s: 1e11 / ((64 + 20) * 8) per second, about 148.8M. */
    public static final double LINE_RATE_64B_100G = 100e9 / ((64 + 20) * 8);
    /** The heap may grow this much from 1 s to the end of the run and still count as flat. */
    static final long FLAT_HEAP_BYTES = 1 << 20;

    private static final long ONE_SECOND = 1_000_000_000L;
    /** How long it waits for other processes to leave the machine alone (one core is enough here). */
    private static final long QUIET_WAIT_NANOS = 10 * ONE_SECOND;
    /** Longer than any run plays (an hour of model time). */
    private static final long SCHEDULE_NANOS = 3_600 * ONE_SECOND;
    private static final List<String> ENGINE_POLICIES = List.of("per-packet", "coalesce");
    private static final String LINE_RATE_POLICY = "coalesce";

    /**
     * @param engineNanos   model time of each engine round
     * @param rounds        engine rounds per policy (the median is reported), after one not counted
     * @param lineRateNanos model time whose wall time is the line-rate figure (1 s)
     * @param memoryNanos   model time of the whole line-rate run, whose heap is compared with the heap at
     *                      {@code lineRateNanos}
     */
    public record Options(long engineNanos, int rounds, long lineRateNanos, long memoryNanos) {
    }

    /** One engine round: what the engine executed and how long it took. */
    public record Round(String policy, long modelNanos, long events, long packets, long interrupts, long wallNanos,
                        long allocatedBytes) {

        public double eventsPerSecond() {
            return events * 1e9 / wallNanos;
        }

        public double packetsPerSecond() {
            return packets * 1e9 / wallNanos;
        }

        public double bytesPerEvent() {
            return events == 0 ? 0 : (double) allocatedBytes / events;
        }
    }

    /**
     * The line-rate run: {@code first} is the first {@code lineRateNanos} of model time, {@code whole} the run to
     * {@code memoryNanos}; heap used after a full GC at each point.
     */
    public record LineRate(Round first, Round whole, long heapAfterFirst, long heapAfterWhole) {
    }

    public record Result(Options options, List<Round> rounds, LineRate lineRate, double otherCores) {

        /** @return the median round of the policy, by events per second */
        public Round median(String policy) {
            List<Round> of = rounds.stream().filter(r -> r.policy().equals(policy))
                    .sorted((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond())).toList();
            return of.get(of.size() / 2);
        }
    }

    private VirtualBenchmark() {
    }

    public static Result run(Options options, PrintWriter progress) throws InterruptedException {
        MachineLoad.awaitQuiet(QUIET_WAIT_NANOS, progress);
        MachineLoad.Sample load = MachineLoad.sample();
        List<Round> rounds = new ArrayList<>();
        for (String policy : ENGINE_POLICIES) {
            progress.printf("engine, %s: %s of model time, 1 round not counted + %d ...%n", policy,
                    Units.formatDuration(options.engineNanos()), options.rounds());
            progress.flush();
            Engine warm = new Engine(policy);
            warm.advance(options.engineNanos());
            for (int i = 0; i < options.rounds(); i++) {
                rounds.add(new Engine(policy).advance(options.engineNanos()));
            }
        }
        progress.printf("line rate, %s: %s of model time, heap after GC at %s and at the end ...%n",
                LINE_RATE_POLICY, Units.formatDuration(options.memoryNanos()),
                Units.formatDuration(options.lineRateNanos()));
        progress.flush();
        Engine engine = new Engine(LINE_RATE_POLICY);
        Round first = engine.advance(options.lineRateNanos());
        long heapFirst = heapAfterGc();
        Round rest = engine.advance(options.memoryNanos() - options.lineRateNanos());
        long heapWhole = heapAfterGc();
        Round whole = new Round(LINE_RATE_POLICY, first.modelNanos() + rest.modelNanos(),
                first.events() + rest.events(), first.packets() + rest.packets(),
                first.interrupts() + rest.interrupts(), first.wallNanos() + rest.wallNanos(),
                first.allocatedBytes() + rest.allocatedBytes());
        double otherCores = MachineLoad.since(load).otherCores();
        return new Result(options, List.copyOf(rounds), new LineRate(first, whole, heapFirst, heapWhole),
                otherCores);
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A device built for virtual time with its ports in memory, advanced step by step. */
    static final class Engine {

        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private final String policy;
        private final Device device;
        private final Firmware firmware;
        private final ChecksumPorts ports;
        private long modelNanos;

        Engine(String policy) {
            this.policy = policy;
            ports = new ChecksumPorts(policy.startsWith("napi")); // NAPI masks its interrupt until re-armed
            TrafficConfig traffic = new TrafficConfig("constant", LINE_RATE_64B_100G, 1, 1, 64);
            FirmwareConfig config = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(50, 64);
            device = DeviceFactory.create(traffic, new NicConfig(100, 0, 0, 1, 0),
                    PolicyFactory.create(config).device(), 0, SCHEDULE_NANOS, () -> 0L, null);
            firmware = device.firmware();
            firmware.open(new DescriptorSink[] {ports}, ports, ports);
            device.start(0);
        }

        /** Executes every event of the next {@code nanos} of model time, one instant per step. */
        Round advance(long nanos) {
            long until = modelNanos + nanos;
            long packetsBefore = ports.descriptors();
            long interruptsBefore = ports.interrupts();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            long events = 0;
            while (true) {
                firmware.readDoorbells();
                long next = device.nextEventNanos();
                if (next > until) {
                    break;
                }
                events += device.advanceTo(next);
            }
            long wall = System.nanoTime() - start;
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            modelNanos = until;
            return new Round(policy, nanos, events, ports.descriptors() - packetsBefore,
                    ports.interrupts() - interruptsBefore, wall, allocated);
        }
    }

    static TextTable engineTable(Result r) {
        TextTable table = new TextTable("policy", "model time", "events", "packets", "interrupts", "wall ms",
                "events/s", "packets/s", "B/event");
        for (String policy : ENGINE_POLICIES) {
            Round m = r.median(policy);
            table.row(policy, Units.formatDuration(m.modelNanos()), Format.count(m.events()), Format.count(m.packets()),
                    Format.count(m.interrupts()), String.format(Locale.ROOT, "%.0f", m.wallNanos() / 1e6),
                    Format.rate(m.eventsPerSecond()), Format.rate(m.packetsPerSecond()),
                    String.format(Locale.ROOT, "%.4f", m.bytesPerEvent()));
        }
        return table;
    }

    static TextTable lineRateTable(Result r) {
        LineRate l = r.lineRate();
        TextTable table = new TextTable("run", "packets", "events", "wall s", "packets/s", "B/event",
                "heap after GC");
        for (Round round : List.of(l.first(), l.whole())) {
            long heap = round == l.first() ? l.heapAfterFirst() : l.heapAfterWhole();
            table.row("0 to " + Units.formatDuration(round.modelNanos()), Format.count(round.packets()),
                    Format.count(round.events()), String.format(Locale.ROOT, "%.2f", round.wallNanos() / 1e9),
                    Format.rate(round.packetsPerSecond()), String.format(Locale.ROOT, "%.4f", round.bytesPerEvent()),
                    String.format(Locale.ROOT, "%.1f MiB", heap / 1048576.0));
        }
        return table;
    }

    /** One line per target: what, measured, met or missed. */
    static TextTable targets(Result r) {
        Round perPacket = r.median("per-packet");
        double worstBytes = 0;
        for (Round round : r.rounds()) {
            worstBytes = Math.max(worstBytes, round.bytesPerEvent());
        }
        worstBytes = Math.max(worstBytes, r.lineRate().whole().bytesPerEvent());
        double lineRateSeconds = r.lineRate().first().wallNanos() / 1e9;
        long heapGrowth = r.lineRate().heapAfterWhole() - r.lineRate().heapAfterFirst();
        TextTable table = new TextTable("target", "measured", "result");
        table.row(">= " + Format.rate(TARGET_EVENTS_PER_SECOND) + " events/s on one core",
                Format.rate(perPacket.eventsPerSecond()) + " (per-packet)",
                perPacket.eventsPerSecond() >= TARGET_EVENTS_PER_SECOND ? "met" : "missed");
        table.row(">= " + Format.rate(TARGET_PACKETS_PER_SECOND) + " packets/s with per-packet interrupts",
                Format.rate(perPacket.packetsPerSecond()),
                perPacket.packetsPerSecond() >= TARGET_PACKETS_PER_SECOND ? "met" : "missed");
        table.row("0 B per event", String.format(Locale.ROOT, "worst %.4f B/event", worstBytes),
                worstBytes < BenchmarksDocument.ZERO_BYTES ? "met" : "missed");
        table.row("1 s of 148.8 Mpps (64 B, 100 Gb/s) in < " + (int) TARGET_LINE_RATE_WALL_SECONDS + " s",
                String.format(Locale.ROOT, "%.1f s", lineRateSeconds),
                lineRateSeconds < TARGET_LINE_RATE_WALL_SECONDS ? "met" : "missed");
        table.row("heap flat with run length (" + Units.formatDuration(r.options().lineRateNanos()) + " vs "
                        + Units.formatDuration(r.options().memoryNanos()) + ")",
                String.format(Locale.ROOT, "%+.2f MiB", heapGrowth / 1048576.0),
                heapGrowth < FLAT_HEAP_BYTES ? "met" : "missed");
        return table;
    }

    public static String text(Result r) {
        return "engine (median of " + r.options().rounds() + " rounds):\n" + engineTable(r).text()
                + "\nline rate (" + LINE_RATE_POLICY + " rx-usecs 50 rx-frames 64):\n" + lineRateTable(r).text()
                + "\ntargets:\n" + targets(r).text()
                + "others' cpu during the benchmark: " + Format.cores(r.otherCores()) + " cores\n";
    }

    /** The section's body for docs/benchmarks.md (no heading). */
    public static String markdown(Result r) {
        return "The device engine alone in virtual time on one core: 64-byte frames at 100 Gb/s line rate (148.8"
                + " Mpps, constant traffic, `nic.linkGbps=100`), one RX queue, MAC polled on every arrival, no DMA"
                + " time, descriptors and interrupts into memory (no journal), stepped as a virtual-time runner steps"
                + " it (`advanceTo(nextEventNanos())`). Events are what `Device.advanceTo` counts: arrivals,"
                + " descriptors, interrupts. Others' cpu during the benchmark: " + Format.cores(r.otherCores())
                + " cores.\n\n"
                + "Engine, median of " + r.options().rounds() + " rounds:\n\n" + engineTable(r).markdown()
                + "\nLine rate with coalescing (rx-usecs 50, rx-frames 64), heap used after a full GC:\n\n"
                + lineRateTable(r).markdown()
                + "\nTargets:\n\n" + targets(r).markdown();
    }
}
