package io.nicsim.firmware.policy;

/**
 * Intel e1000e adaptive interrupt throttling (docs/semantics.md#adaptive-itr): trades latency for interrupt
 * rate by traffic class, capping the rate at 70,000 interrupts/s for sparse small packets, 20,000 for mixed
 * traffic and 4,000 for bulk, so that bulk transfers cost little CPU and sparse ones little latency.
 *
 * <p>Reimplemented in Java from the behaviour of {@code e1000_update_itr} and {@code e1000_set_itr} in the Linux
 * driver {@code drivers/net/ethernet/intel/e1000e/netdev.c} (Intel Corporation, GPL-2.0); no driver code is
 * copied. At each interrupt, the packets and bytes completed since the previous one move the
 * {@link LatencyClass} ({@link #nextClass(LatencyClass, long, long)}); in conservative mode
 * ({@code InterruptThrottleRate=3}, e1000e's default) {@link LatencyClass#LOWEST_LATENCY} becomes
 * {@link LatencyClass#LOW_LATENCY}. The class names a target rate; a lower rate applies at once, a higher one in
 * steps of a quarter of the target ({@link #nextInterruptsPerSecond(int, int)}), to bias toward bulk.
 *
 * <p>Raise rule (the device's ITR register): a completion raises at once if at least the current gap
 * {@code 1e9 / rate} nanoseconds has passed since the last raise; otherwise the raise is timed for
 * {@code lastRaised + gap}, covering every completion written until then. Like the driver, starts at 20,000
 * interrupts/s with the class the zeroed adapter holds, {@link LatencyClass#LOWEST_LATENCY}. Simplifications:
 * receive only (the driver takes the larger of its RX and TX classes; with no TX traffic that is the RX class),
 * a gigabit link (below that e1000e fixes 4,000/s), and the gap in nanoseconds rather than the register's
 * 256 ns units. Latency bound: the bulk gap, 250 µs.
 */
public final class AdaptiveItrPolicy implements NotificationPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "adaptive-itr";

    /** {@code adapter->itr} for the dynamic modes before the first update, in interrupts per second. */
    public static final int INITIAL_INTERRUPTS_PER_SECOND = 20_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** e1000e's {@code latency_range}: a traffic class and the interrupt rate it targets. */
    public enum LatencyClass {
        /** Sparse small packets: up to 70,000 interrupts/s (about 14 µs apart). */
        LOWEST_LATENCY(70_000),
        /** Mixed traffic: up to 20,000 interrupts/s (50 µs apart). */
        LOW_LATENCY(20_000),
        /** Bulk and jumbo frames: up to 4,000 interrupts/s (250 µs apart). */
        BULK_LATENCY(4_000);

        private final int interruptsPerSecond;

        LatencyClass(int interruptsPerSecond) {
            this.interruptsPerSecond = interruptsPerSecond;
        }

        /** @return the interrupt rate this class targets */
        public int interruptsPerSecond() {
            return interruptsPerSecond;
        }
    }

    private final boolean conservative;
    private final CoalesceEngine engine;

    private LatencyClass latencyClass = LatencyClass.LOWEST_LATENCY;
    private int interruptsPerSecond = INITIAL_INTERRUPTS_PER_SECOND;
    private long packetsSinceRaise;
    private long bytesSinceRaise;

    /**
     * @param conservative {@code true} for e1000e's dynamic conservative mode (no lowest-latency class, at most
     *                     20,000 interrupts/s); {@code false} for the dynamic mode (up to 70,000/s)
     */
    public AdaptiveItrPolicy(boolean conservative) {
        this.conservative = conservative;
        this.engine = new CoalesceEngine(0, 1, TimerMode.EQE, gapNanos(INITIAL_INTERRUPTS_PER_SECOND));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        packetsSinceRaise++;
        bytesSinceRaise += frameBytes;
        return engine.onCompletion(nowNanos);
    }

    @Override
    public boolean onTimer(long nowNanos) {
        return engine.onTimer(nowNanos);
    }

    /** Covers the pending completions, then moves the class and the rate from what this interval carried. */
    @Override
    public void onRaised(long nowNanos) {
        engine.onRaised(nowNanos);
        LatencyClass next = nextClass(latencyClass, packetsSinceRaise, bytesSinceRaise);
        if (conservative && next == LatencyClass.LOWEST_LATENCY) {
            next = LatencyClass.LOW_LATENCY;
        }
        latencyClass = next;
        interruptsPerSecond = nextInterruptsPerSecond(interruptsPerSecond, next.interruptsPerSecond());
        engine.itrNanos(gapNanos(interruptsPerSecond));
        packetsSinceRaise = 0;
        bytesSinceRaise = 0;
    }

    @Override
    public int pendingCompletions() {
        return engine.pendingCompletions();
    }

    @Override
    public long nextTimerNanos() {
        return engine.nextTimerNanos();
    }

    /**
     * {@code e1000_update_itr}: the class for the next interval from the packets and bytes of the last one. No
     * packets: unchanged.
     */
    static LatencyClass nextClass(LatencyClass current, long packets, long bytes) {
        if (packets == 0) {
            return current;
        }
        long bytesPerPacket = bytes / packets;
        return switch (current) {
            case LOWEST_LATENCY -> {
                if (bytesPerPacket > 8_000) {
                    yield LatencyClass.BULK_LATENCY; // jumbo frames and TSO
                }
                yield packets < 5 && bytes > 512 ? LatencyClass.LOW_LATENCY : current;
            }
            case LOW_LATENCY -> {
                if (bytes > 10_000) {
                    if (bytesPerPacket > 8_000 || packets < 10 || bytesPerPacket > 1_200) {
                        yield LatencyClass.BULK_LATENCY;
                    }
                    yield packets > 35 ? LatencyClass.LOWEST_LATENCY : current;
                }
                if (bytesPerPacket > 2_000) {
                    yield LatencyClass.BULK_LATENCY;
                }
                yield packets <= 2 && bytes < 512 ? LatencyClass.LOWEST_LATENCY : current;
            }
            case BULK_LATENCY -> {
                if (bytes > 25_000) {
                    yield packets > 35 ? LatencyClass.LOW_LATENCY : current;
                }
                yield bytes < 6_000 ? LatencyClass.LOW_LATENCY : current;
            }
        };
    }

    /**
     * {@code e1000_set_itr}'s last step: a lower rate applies at once; a higher one rises by a quarter of the
     * target per interrupt, at most to the target.
     */
    static int nextInterruptsPerSecond(int currentPerSecond, int targetPerSecond) {
        if (targetPerSecond <= currentPerSecond) {
            return targetPerSecond;
        }
        return Math.min(currentPerSecond + (targetPerSecond >> 2), targetPerSecond);
    }

    private static long gapNanos(int perSecond) {
        return NANOS_PER_SECOND / perSecond;
    }

    /** @return the traffic class the last interrupt chose */
    public LatencyClass latencyClass() {
        return latencyClass;
    }

    /** @return the current interrupt rate cap ({@code adapter->itr}) */
    public int interruptsPerSecond() {
        return interruptsPerSecond;
    }

    /** @return the current minimum gap between two interrupts, {@code 1e9 / interruptsPerSecond()} nanoseconds */
    public long gapNanos() {
        return gapNanos(interruptsPerSecond);
    }

    /** @return {@code true} in the dynamic conservative mode (no lowest-latency class) */
    public boolean conservative() {
        return conservative;
    }
}
