package io.nicsim.bench.scenario;

import io.nicsim.nic.record.RecordFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The most each size of a scenario may be, and why: beyond what a real NIC has, or beyond what one nicsim process
 * can hold (open files and memory maps per RX queue, preallocated histograms and buffers, threads). The loader checks
 * every value against them as it reads it, so a scenario that would exhaust the process fails with one line before
 * anything is written; {@link ScenarioDocs} prints each limit beside its key.
 */
public final class ScenarioLimits {

    /** Per-flow shapes: the most flows, each with a platform thread of its own. */
    public static final int MOST_PLATFORM_THREADS_PER_FLOW = 4_096;
    /** Bytes one preallocated packet slot of an application buffer holds (a {@code Packet}: 9 longs, 2 ints). */
    static final long PACKET_SLOT_BYTES = 100;
    /** Traffic a run may play, warm-ups of every round included: the recorder keeps a histogram per second. */
    static final long MOST_RECORDED_NANOS = 7_200_000_000_000L;
    /** Bytes of one per-second histogram of a recorder written by several threads (HdrHistogram, measured). */
    static final long INTERVAL_HISTOGRAM_BYTES = 442_880;

    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Map<String, Limit> LIMITS = new LinkedHashMap<>();

    /**
     * @param most the largest value allowed
     * @param why  why, as a clause after "more than MOST, "
     */
    private record Limit(double most, String why) {
    }

    static {
        String lineRate = "the line rate of 400 Gbit/s Ethernet, the fastest NICs, is 595 Mpps of 64-byte frames";
        limit("traffic.ratePerSecond", 600e6, lineRate);
        limit("traffic.mmppRate2PerSecond", 600e6, lineRate);
        limit("traffic.flows", 16_777_215, "the flows nicsim gives distinct synthetic 5-tuples (source addresses in"
                + " 10.0.0.0/8)");
        limit("traffic.frameBytes", 16_384, "larger than any NIC's jumbo frame (MTU at most 9,702 bytes on ice,"
                + " 9,978 on mlx5)");
        limit("traffic.udpPort", 65_535, "the highest UDP port");
        limit("nic.queues", 128, "the most RX queues nicsim opens: its RSS indirection table has 128 entries (as"
                + " Intel 82599's), so a further queue would never receive a packet, and each queue costs a Chronicle"
                + " queue (2 open files, 2 memory maps) and a consumer");
        limit("nic.ringSlots", 65_536, "8 times the largest real ring (ethtool -G maxima: ixgbe 4,096, ice 8,160,"
                + " mlx5 8,192 descriptors)");
        limit("nic.writeBackDescriptors", RecordFormat.MAX_BURST_DESCRIPTORS, "the most descriptors nicsim writes"
                + " back in one record; real thresholds are smaller (RXDCTL.WTHRESH is a 6-bit field on 8254x,"
                + " at most 63 descriptors)");
        limit("nic.writeBackNanos", 8_160_000, "i40e's longest interrupt throttle interval (0xFF0 steps of 2 us),"
                + " the timer that writes a partial burst back on Intel NICs");
        limit("firmware.budget", 65_536, "a poll takes at most one ring's worth, and NAPI's weight is 64");
        limit("firmware.burst", 65_536, "a burst takes at most one ring's worth (DPDK's default is 32)");
        limit("host.workers", 1_024, "each worker is a thread (or an event loop's thread) of its own, far more than"
                + " the cores of the machines nicsim runs on");
        limit("host.socketSlots", 1_048_576, "each application buffer preallocates its slots ("
                + PACKET_SLOT_BYTES + " bytes each; a per-flow shape has one buffer per flow)");
        limit("run.duration", 60 * MINUTE_NANOS, "the latency recorder keeps a histogram per second of traffic (up to "
                + bytes(INTERVAL_HISTOGRAM_BYTES) + " each)");
        limit("run.warmup", 10 * MINUTE_NANOS, "the warm-up is recorded per second too, in every round");
        limit("run.rounds", 100, "each round is a run of its own, with its own warm-up and recorder");
        limit("run.jitWarmup", 10 * MINUTE_NANOS, "the JIT compiler settles in seconds; a longer cap only delays");
        limit("run.memoryProbeWaiters", 100_000, "the probe JVM parks this many platform threads (virtual threads"
                + " 10x, callbacks 100x); kernel.pid_max is 32,768 on many machines");
        for (String timeout : List.of("run.drainTimeout", "run.stallTimeout", "run.attachTimeout")) {
            limit(timeout, 60 * MINUTE_NANOS, "a timeout longer than the longest run waits for nothing");
        }
        for (String perPacket : List.of("host.handlerWorkNanos", "host.handlerBlockNanos")) {
            limit(perPacket, MINUTE_NANOS, "per packet; a longer handler outlasts the longest run");
        }
        for (String gap : List.of("traffic.burstNanos", "traffic.idleNanos", "traffic.mmppSojourn1Nanos",
                "traffic.mmppSojourn2Nanos", "firmware.pollIntervalNanos", "firmware.itrNanos",
                "firmware.groFlushTimeoutNanos", "firmware.irqSuspendTimeoutNanos", "firmware.busyPollNanos",
                "firmware.hybridPauseNanos", "firmware.hybridSleepTimeoutNanos", "nic.dmaNanos")) {
            limit(gap, 60 * MINUTE_NANOS, "longer than the longest run (and far from any NIC's timers)");
        }
        limit("firmware.rxUsecs", 1_000_000, "a coalescing timer of a second; real NICs stop at a few ms (ice"
                + " 8,160 us)");
        limit("nic.dmaPicosPerByte", 1_000_000, "1 us per byte; PCIe moves a byte in well under 1 ns");
        limit("nic.linkGbps", 1_600, "the fastest Ethernet link is 800 Gbit/s");
    }

    private ScenarioLimits() {
    }

    private static void limit(String path, double most, String why) {
        if (ScenarioKeys.get(path) == null) {
            throw new IllegalStateException("a limit for an unknown key " + path);
        }
        LIMITS.put(path, new Limit(most, why));
    }

    /**
     * Checks one parsed value against its key's limit.
     *
     * @throws IllegalArgumentException "100000 is more than 128, the entries of ..."
     */
    static void check(ScenarioKey key, Object value) {
        Limit limit = LIMITS.get(key.path());
        if (limit == null || !(value instanceof Number number) || number.doubleValue() <= limit.most()) {
            return;
        }
        throw new IllegalArgumentException(format(key, number) + " is more than " + format(key, limit.most())
                + ", " + limit.why());
    }

    /** @return "at most 128: why" for the docs, or null if the key has no limit */
    public static String describe(String path) {
        Limit limit = LIMITS.get(path);
        return limit == null ? null : "at most " + format(ScenarioKeys.get(path), limit.most()) + ": " + limit.why();
    }

    /**
     * Checks what keys hold together: the preallocated buffers of per-flow shapes, platform threads per flow, and
     * the recorder's histograms over every round.
     *
     * @param heapBytes the most heap this JVM may use ({@code Runtime.maxMemory()})
     * @return null if the values fit, else {keys, problem}: the keys to blame, comma-separated, the first one a file
     *         or --set gave to be named
     */
    static String[] checkTogether(Map<String, Object> values, long heapBytes) {
        List<?> consumers = (List<?>) values.get("host.consumer");
        int flows = (int) values.get("traffic.flows");
        if (consumers.contains("platform-thread-per-flow") && flows > MOST_PLATFORM_THREADS_PER_FLOW) {
            return new String[] {"traffic.flows", flows + " flows is more than " + MOST_PLATFORM_THREADS_PER_FLOW
                    + " for platform-thread-per-flow: a platform thread per flow, each a kernel task with its own"
                    + " stack (kernel.pid_max is 32,768 on many machines)"};
        }
        boolean perFlow = consumers.stream().anyMatch(name -> name.toString().endsWith("-per-flow"));
        long slots = mailboxSlots((int) values.get("host.socketSlots"));
        if (perFlow && flows * slots * PACKET_SLOT_BYTES > heapBytes / 2) {
            return new String[] {"host.socketSlots", String.format(Locale.ROOT, "%d flows x %d slots (a"
                    + " per-flow shape's buffers) preallocate %s, more than half of this JVM's heap (%s)", flows,
                    slots, bytes(flows * slots * PACKET_SLOT_BYTES), bytes(heapBytes))};
        }
        long recordedNanos = (int) values.get("run.rounds") * (long) values.get("run.warmup")
                + (long) values.get("run.duration");
        if (recordedNanos > MOST_RECORDED_NANOS) {
            return new String[] {"run.duration,run.warmup,run.rounds", "run.warmup x run.rounds + run.duration is "
                    + Units.formatDuration(recordedNanos) + ", more than " + Units.formatDuration(MOST_RECORDED_NANOS)
                    + " of traffic per consumer: the recorders keep a histogram per second of it (up to "
                    + bytes(INTERVAL_HISTOGRAM_BYTES) + " each)"};
        }
        return null;
    }

    /**
     * Checks a paced run of the kernel's wake path ({@code epoll-thread}, {@code epoll-virtual-thread}): it needs
     * Linux's eventfd and epoll, and the virtual one pins a carrier per RX queue while it waits, so it needs a carrier
     * per queue. A virtual-time run only models them, anywhere.
     *
     * @param kernelProblem why eventfd and epoll cannot be called here, or null
     * @param carriers      the virtual-thread scheduler's parallelism
     * @return null if the run can wait so, else {keys, problem} as {@link #checkTogether}
     */
    static String[] checkKernelWaits(Map<String, Object> values, String kernelProblem, int carriers) {
        List<?> consumers = (List<?>) values.get("host.consumer");
        if (!RunConfig.CLOCK_PACED.equals(values.get("run.clock"))) {
            return null;
        }
        Object kernel = consumers.stream().filter(name -> name.toString().startsWith("epoll-")).findFirst()
                .orElse(null);
        if (kernel != null && kernelProblem != null) {
            return new String[] {"host.consumer", kernel + ": " + kernelProblem};
        }
        int queues = (int) values.get("nic.queues");
        if (consumers.contains("epoll-virtual-thread") && queues > carriers) {
            return new String[] {"nic.queues,host.consumer", queues + " RX queues is more than the " + carriers
                    + " carrier(s) of the virtual-thread scheduler for epoll-virtual-thread: each queue's virtual"
                    + " thread pins a carrier while it waits in epoll_wait, so a queue beyond them would never run"
                    + " (jdk.virtualThreadScheduler.parallelism raises them; epoll-thread has no such limit)"};
        }
        return null;
    }

    /** @return the slots a buffer of {@code socketSlots} holds: rounded up to a power of two (a {@code Mailbox}) */
    static long mailboxSlots(int socketSlots) {
        return socketSlots <= 1 ? 1 : Long.highestOneBit(socketSlots - 1L) << 1;
    }

    private static String bytes(long bytes) {
        return bytes >= 1L << 40 ? String.format(Locale.ROOT, "%,d GB", bytes >> 30)
                : bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : bytes >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%d KB", bytes >> 10);
    }

    private static String format(ScenarioKey key, Number value) {
        return switch (key.type()) {
            case DURATION -> Units.formatDuration(value.longValue());
            case RATE -> rate(value.doubleValue());
            default -> value.doubleValue() == Math.rint(value.doubleValue()) && Math.abs(value.doubleValue()) < 1e18
                    ? Long.toString(value.longValue()) : String.valueOf(value.doubleValue());
        };
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%sMpps", trim(perSecond / 1e6))
                : perSecond >= 1e3 ? String.format(Locale.ROOT, "%skpps", trim(perSecond / 1e3))
                : trim(perSecond) + "pps";
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
