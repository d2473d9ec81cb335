package io.nicsim.firmware.driver;

/**
 * A DPDK poll-mode driver ({@code rte_eth_rx_burst} in a loop; docs/semantics.md#polling): trades a core spinning at
 * 100% CPU, busy or idle, for the lowest latency and no interrupts at all.
 *
 * <p>The consumer polls from the start, takes at most {@code burst} packets per poll, and always polls again at
 * once; it never re-arms the interrupt, so its device half is never asked to raise one. Caveat for a run on real
 * threads: the spinning consumer needs a core of its own, or it takes the CPU from the firmware thread it waits
 * for.
 */
public final class PollModeDriver implements DriverPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "poll-mode";

    /** The usual {@code rte_eth_rx_burst} size, in packets. */
    public static final int DEFAULT_BURST = 32;

    private final int burst;

    /**
     * @param burst the most packets one poll takes, {@code >= 1} ({@link #DEFAULT_BURST})
     * @throws IllegalArgumentException if {@code burst < 1}; the message names {@code firmware.burst}
     */
    public PollModeDriver(int burst) {
        this.burst = Checks.atLeast("firmware.burst", burst, 1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int budget() {
        return burst;
    }

    @Override
    public boolean startsPolling() {
        return true;
    }

    @Override
    public void onInterrupt(long nowNanos) {
    }

    /** @throws IllegalArgumentException if {@code packets} is outside {@code [0, budget()]} */
    @Override
    public Action afterPoll(int packets, long nowNanos) {
        Checks.packets(packets, burst);
        return Action.POLL_NOW;
    }

    /** @return {@code Long.MAX_VALUE}: a poll-mode driver never names a time */
    @Override
    public long wakeAtNanos() {
        return Long.MAX_VALUE;
    }
}
