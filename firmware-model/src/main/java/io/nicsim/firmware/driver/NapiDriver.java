package io.nicsim.firmware.driver;

/**
 * Linux NAPI (docs/semantics.md#napi, steps 2-4): trades a little CPU (polls in a row, up to {@code budget} packets
 * each) for one interrupt per burst instead of one per packet, with no added latency: it re-arms the interrupt
 * as soon as a poll drains the ring.
 *
 * <p>A poll that uses up its budget keeps the poll scheduled and the interrupt masked ({@link Action#POLL_NOW});
 * a poll that takes fewer packets has drained the ring, so the driver completes ({@code napi_complete_done}) and
 * unmasks the interrupt ({@link Action#REARM_AND_WAIT_INTERRUPT}). Packets that arrive between the poll and the
 * re-arm are not lost: the device half applies the missed-IRQ rule and raises at once on a re-arm with
 * completions waiting ({@link io.nicsim.firmware.policy.NotificationPolicy#onRearm(long, long)}). Pair it with a
 * device half whose interrupt masks itself when raised.
 */
public final class NapiDriver implements DriverPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "napi";

    /** {@code NAPI_POLL_WEIGHT}: the usual per-poll budget, in packets. */
    public static final int DEFAULT_BUDGET = 64;

    private final int budget;

    /**
     * @param budget the most packets one poll takes, {@code >= 1} ({@link #DEFAULT_BUDGET})
     * @throws IllegalArgumentException if {@code budget < 1}; the message names {@code firmware.budget}
     */
    public NapiDriver(int budget) {
        this.budget = Checks.atLeast("firmware.budget", budget, 1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int budget() {
        return budget;
    }

    @Override
    public boolean startsPolling() {
        return false;
    }

    @Override
    public void onInterrupt(long nowNanos) {
    }

    /** @throws IllegalArgumentException if {@code packets} is outside {@code [0, budget()]} */
    @Override
    public Action afterPoll(int packets, long nowNanos) {
        Checks.packets(packets, budget);
        return packets == budget ? Action.POLL_NOW : Action.REARM_AND_WAIT_INTERRUPT;
    }

    /** @return {@code Long.MAX_VALUE}: NAPI never names a time */
    @Override
    public long wakeAtNanos() {
        return Long.MAX_VALUE;
    }
}
