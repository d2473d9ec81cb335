package io.nicsim.firmware.driver;

/**
 * DPDK's interrupt mode as in {@code l3fwd-power} (docs/semantics.md#polling): trades poll-mode latency while traffic
 * flows, and up to {@code pauseNanos} of added latency while it thins out, for an idle core that sleeps on the RX
 * interrupt instead of spinning.
 *
 * <p>The consumer polls from the start, at most {@code burst} packets per poll, and counts empty polls in a row
 * (a poll that found packets resets the count to 0). With that count {@code n} after a poll:
 * <ul>
 *   <li>{@code n <= pauseAfterEmptyPolls}: poll again at once ({@link Action#POLL_NOW});</li>
 *   <li>{@code pauseAfterEmptyPolls < n < sleepAfterEmptyPolls}: pause, then poll
 *       ({@link Action#POLL_AT} {@code now + pauseNanos}; {@code rte_delay_us(1)});</li>
 *   <li>{@code n == sleepAfterEmptyPolls}: enable the RX interrupt and sleep until it fires or
 *       {@code sleepTimeoutNanos} pass ({@link Action#REARM_AND_WAIT_INTERRUPT_UNTIL}; {@code epoll_wait} with a
 *       10 ms timeout), then disable it and poll.</li>
 * </ul>
 * After that sleep, by an interrupt ({@link #onInterrupt(long)}) or by the timeout (the next
 * {@link #afterPoll(int, long)}), the count restarts from 0. With the defaults the 10th empty poll in a row still
 * polls at once, the 11th to 299th pause and the 300th sleeps. {@code l3fwd-power} sleeps only when every queue of
 * the core is idle; one driver instance serves one queue, so here that condition is this queue's.
 */
public final class HybridPollDriver implements DriverPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "hybrid-poll";

    /** {@code l3fwd-power}'s {@code MIN_ZERO_POLL_COUNT}: empty polls in a row that still poll at once. */
    public static final int DEFAULT_PAUSE_AFTER_EMPTY_POLLS = 10;

    /** {@code l3fwd-power}'s {@code SUSPEND_THRESHOLD}: the empty poll in a row that goes to sleep. */
    public static final int DEFAULT_SLEEP_AFTER_EMPTY_POLLS = 300;

    /** {@code rte_delay_us(1)}: the pause between polls once the queue looks idle. */
    public static final long DEFAULT_PAUSE_NANOS = 1_000L;

    /** {@code l3fwd-power}'s {@code epoll_wait} timeout, 10 ms. */
    public static final long DEFAULT_SLEEP_TIMEOUT_NANOS = 10_000_000L;

    private final int burst;
    private final int pauseAfterEmptyPolls;
    private final int sleepAfterEmptyPolls;
    private final long pauseNanos;
    private final long sleepTimeoutNanos;

    private int emptyPollsInRow;
    private boolean sleeping;
    private long wakeAtNanos = Long.MAX_VALUE;
    private long pauses;
    private long sleeps;

    /**
     * @param burst                the most packets one poll takes, {@code >= 1} ({@link PollModeDriver#DEFAULT_BURST})
     * @param pauseAfterEmptyPolls empty polls in a row that still poll at once, {@code >= 0}
     *                             ({@link #DEFAULT_PAUSE_AFTER_EMPTY_POLLS})
     * @param sleepAfterEmptyPolls the empty poll in a row that sleeps on the interrupt,
     *                             {@code > pauseAfterEmptyPolls} ({@link #DEFAULT_SLEEP_AFTER_EMPTY_POLLS})
     * @param pauseNanos           the pause between polls in between, {@code >= 1} ({@link #DEFAULT_PAUSE_NANOS})
     * @param sleepTimeoutNanos    the longest sleep on the interrupt, {@code >= 1}
     *                             ({@link #DEFAULT_SLEEP_TIMEOUT_NANOS})
     * @throws IllegalArgumentException for a value out of range; the message names the key ({@code firmware.burst},
     * {@code firmware.hybridPauseAfterEmptyPolls}, {@code firmware.hybridSleepAfterEmptyPolls},
     *                                  {@code firmware.hybridPauseNanos}, {@code firmware.hybridSleepTimeoutNanos})
     */
    public HybridPollDriver(int burst, int pauseAfterEmptyPolls, int sleepAfterEmptyPolls, long pauseNanos,
                            long sleepTimeoutNanos) {
        this.burst = Checks.atLeast("firmware.burst", burst, 1);
        this.pauseAfterEmptyPolls = Checks.atLeast("firmware.hybridPauseAfterEmptyPolls", pauseAfterEmptyPolls, 0);
        if (sleepAfterEmptyPolls <= pauseAfterEmptyPolls) {
            throw new IllegalArgumentException("firmware.hybridSleepAfterEmptyPolls must be >"
                    + " firmware.hybridPauseAfterEmptyPolls (" + pauseAfterEmptyPolls + "), got "
                    + sleepAfterEmptyPolls);
        }
        this.sleepAfterEmptyPolls = sleepAfterEmptyPolls;
        this.pauseNanos = Checks.atLeast("firmware.hybridPauseNanos", pauseNanos, 1L);
        this.sleepTimeoutNanos = Checks.atLeast("firmware.hybridSleepTimeoutNanos", sleepTimeoutNanos, 1L);
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

    /** The RX interrupt ended a sleep: polling resumes with the empty count at 0. */
    @Override
    public void onInterrupt(long nowNanos) {
        sleeping = false;
        emptyPollsInRow = 0;
    }

    /** @throws IllegalArgumentException if {@code packets} is outside {@code [0, budget()]} */
    @Override
    public Action afterPoll(int packets, long nowNanos) {
        Checks.packets(packets, burst);
        if (sleeping) {
            // The sleep ended by its timeout: this is the first poll after it.
            sleeping = false;
            emptyPollsInRow = 0;
        }
        if (packets > 0) {
            emptyPollsInRow = 0;
            return Action.POLL_NOW;
        }
        emptyPollsInRow++;
        if (emptyPollsInRow <= pauseAfterEmptyPolls) {
            return Action.POLL_NOW;
        }
        if (emptyPollsInRow < sleepAfterEmptyPolls) {
            pauses++;
            wakeAtNanos = NanoTimes.after(nowNanos, pauseNanos);
            return Action.POLL_AT;
        }
        sleeps++;
        sleeping = true;
        wakeAtNanos = NanoTimes.after(nowNanos, sleepTimeoutNanos);
        return Action.REARM_AND_WAIT_INTERRUPT_UNTIL;
    }

    /** @return the end of the last pause or sleep; {@code Long.MAX_VALUE} before one */
    @Override
    public long wakeAtNanos() {
        return wakeAtNanos;
    }

    /** @return the empty polls in a row so far (0 after a poll that found packets, and once a sleep has ended) */
    public int emptyPollsInRow() {
        return emptyPollsInRow;
    }

    /** @return how many pauses ({@link Action#POLL_AT}) it has asked for */
    public long pauses() {
        return pauses;
    }

    /** @return how many sleeps on the interrupt ({@link Action#REARM_AND_WAIT_INTERRUPT_UNTIL}) it has asked for */
    public long sleeps() {
        return sleeps;
    }
}
