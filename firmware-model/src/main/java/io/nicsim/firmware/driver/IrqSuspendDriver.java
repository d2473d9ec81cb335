package io.nicsim.firmware.driver;

/**
 * IRQ suspension ({@code irq_suspend_timeout}, Linux 6.13; docs/semantics.md#napi): trades the CPU of busy polling
 * while traffic flows for near-busy-poll latency with no interrupts during a busy period, falling back to
 * {@link NapiDeferDriver}'s deferral (added latency up to {@code groFlushTimeoutNanos}) when the ring runs dry.
 *
 * <p>The consumer is the application's busy-poll loop. A poll that found packets keeps it polling
 * ({@link Action#POLL_NOW}) with the interrupt suspended, and re-arms the suspend timeout: the deadline becomes
 * {@code now + irqSuspendTimeoutNanos}. Empty polls go on for {@code busyPollNanos} after the last poll that found
 * packets (epoll's {@code busy_poll_usecs}: {@code ep_poll} busy-loops before it would sleep), still suspended and
 * polling at once; the first empty poll after that window (with 0, the first empty poll) ends the suspension, as
 * {@code napi_resume_irqs} does when {@code ep_poll} goes to sleep, and falls back to the deferral rule: a timer
 * poll after {@code groFlushTimeoutNanos} ({@link Action#POLL_AT}) while the defer counter lasts, then
 * {@link Action#REARM_AND_WAIT_INTERRUPT}. Every poll that found packets reloads the defer
 * counter, as in {@link NapiDeferDriver}.
 *
 * <p>The suspend timeout is a safety net for an application that stalls: a poll that finishes after the
 * deadline (strictly later; a poll exactly at the deadline is in time) counts as a {@link #suspendTimeouts()
 * suspend timeout} — the kernel's timer would have fired and re-enabled interrupt-driven NAPI — and is handled
 * like an interrupt-driven NAPI poll: budget used up polls again at once, otherwise the deferral rule applies,
 * whatever it found. The next poll that finds packets suspends again. An interrupt also ends a suspension (the
 * interrupt was on).
 */
public final class IrqSuspendDriver implements DriverPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "irq-suspend";

    private final int budget;
    private final long irqSuspendTimeoutNanos;
    private final long busyPollNanos;
    private final HardIrqDeferral deferral;
    private long lastPacketsNanos;

    private boolean suspended;
    private long suspendDeadlineNanos;
    private long suspendTimeouts;

    /**
     * @param budget                 the most packets one poll takes, {@code >= 1}
     *                               ({@link NapiDriver#DEFAULT_BUDGET})
     * @param deferHardIrqs          how many drained polls in a row may defer the re-arm, {@code >= 0}
     * @param groFlushTimeoutNanos   the deferral timer, {@code >= 0}
     * @param irqSuspendTimeoutNanos how long a busy poll that found packets keeps the interrupt suspended,
     *                               {@code >= 1}
     * @throws IllegalArgumentException for a value out of range; the message names {@code firmware.budget},
     *                                  {@code firmware.deferHardIrqs}, {@code firmware.groFlushTimeoutNanos} or
     *                                  {@code firmware.irqSuspendTimeoutNanos}
     */
    public IrqSuspendDriver(int budget, int deferHardIrqs, long groFlushTimeoutNanos, long irqSuspendTimeoutNanos) {
        this(budget, deferHardIrqs, groFlushTimeoutNanos, irqSuspendTimeoutNanos, 0);
    }

    /**
     * @param busyPollNanos how long empty polls go on after the last that found packets before the suspension ends,
     *                      {@code >= 0} (message names {@code firmware.busyPollNanos})
     */
    public IrqSuspendDriver(int budget, int deferHardIrqs, long groFlushTimeoutNanos, long irqSuspendTimeoutNanos,
                            long busyPollNanos) {
        this.budget = Checks.atLeast("firmware.budget", budget, 1);
        this.deferral = new HardIrqDeferral(deferHardIrqs, groFlushTimeoutNanos);
        this.irqSuspendTimeoutNanos = Checks.atLeast("firmware.irqSuspendTimeoutNanos", irqSuspendTimeoutNanos, 1L);
        this.busyPollNanos = Checks.atLeast("firmware.busyPollNanos", busyPollNanos, 0L);
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
        suspended = false;
    }

    /** @throws IllegalArgumentException if {@code packets} is outside {@code [0, budget()]} */
    @Override
    public Action afterPoll(int packets, long nowNanos) {
        Checks.packets(packets, budget);
        if (suspended && nowNanos > suspendDeadlineNanos) {
            suspended = false;
            suspendTimeouts++;
            return deferral.afterPoll(packets, budget, nowNanos);
        }
        if (packets > 0) {
            deferral.reload();
            suspended = true;
            lastPacketsNanos = nowNanos;
            suspendDeadlineNanos = NanoTimes.after(nowNanos, irqSuspendTimeoutNanos);
            return Action.POLL_NOW;
        }
        if (suspended && nowNanos - lastPacketsNanos < busyPollNanos) {
            return Action.POLL_NOW; // ep_poll's busy loop: still suspended
        }
        suspended = false;
        return deferral.afterPoll(0, budget, nowNanos);
    }

    /**
     * @return the deferral timer's expiry named by the last {@link Action#POLL_AT}; {@code Long.MAX_VALUE} before one
     */
    @Override
    public long wakeAtNanos() {
        return deferral.wakeAtNanos();
    }

    /** @return how many polls came after the suspend deadline (the application stalled longer than the timeout) */
    public long suspendTimeouts() {
        return suspendTimeouts;
    }

    /** @return how many times a drained poll armed the deferral timer instead of re-arming the interrupt */
    public long deferrals() {
        return deferral.deferrals();
    }

    /** @return {@code true} while the interrupt is suspended by a busy poll that found packets */
    public boolean suspended() {
        return suspended;
    }
}
