package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;

import java.util.Arrays;

/**
 * Test helper: drives a {@link DriverPolicy} the way the consumer loop does, against an RX ring fed by a list of
 * arrival times and a simulated device half, in explicit (virtual) time. Event driven: nothing happens between
 * events, so idle spells cost nothing.
 *
 * <p>The model:
 * <ul>
 *   <li>the ring is FIFO; a poll starts at an instant, takes {@code min(budget, waiting)} packets present at that
 *       instant, and ends {@code pollNanos} later, when {@code afterPoll} is called with the count; packets that
 *       arrive during the poll wait for the next one;</li>
 *   <li>the device raises an interrupt for an arrival while the interrupt is armed; an
 *       {@link DriverPolicyContract.Device#AUTO_MASKING auto-masking} device (NAPI's half) then masks it until the
 *       next re-arm, a {@link DriverPolicyContract.Device#NEVER_MASKING never-masking} one stays armed; a raise
 *       while the consumer is not waiting for an interrupt stays pending until it waits;</li>
 *   <li>a re-arm doorbell arms the interrupt and, per the missed-IRQ rule, raises at once if packets wait;
 *       a disarm doorbell (after {@link Action#REARM_AND_WAIT_INTERRUPT_UNTIL}) masks it;</li>
 *   <li>an interrupt wakes a consumer that waits for one: the loop calls {@code onInterrupt} and polls.</li>
 * </ul>
 * An arrival and a consumer event at the same instant run the arrival first. The simulation checks the loop
 * contract on every step (it fails with {@link AssertionError}) and stops when nothing can happen any more (all
 * arrivals in, the consumer asleep on an interrupt with no timeout), or at {@code limitNanos}.
 */
final class DriverLoopSimulation {

    /** In {@link Result#polledNanos()}: no poll took the packet (times may be negative). */
    static final long NEVER = Long.MIN_VALUE;

    /** A guard against a policy that polls forever without time passing usefully. */
    private static final long MAX_POLLS = 20_000_000L;

    private static final int POLL_SCHEDULED = 0;
    private static final int POLLING = 1;
    private static final int WAIT_INTERRUPT = 2;
    private static final int WAIT_INTERRUPT_UNTIL = 3;

    /**
     * @param arrivalsNanos   the input
     * @param polledNanos     per packet, the start of the poll that took it, or {@link #NEVER}
     * @param aheadAtArrival  per packet, how many packets waited in the ring (not yet taken) when it arrived
     * @param settled         {@code true} if the run ended with all arrivals in and the consumer asleep on an
     *                        interrupt with no timeout (nothing could happen any more)
     * @param endNanos        the time of the last event
     * @param polls           polls run
     * @param interrupts      interrupts that woke the consumer
     * @param actions         per {@link Action#ordinal()}, how often {@code afterPoll} answered it
     */
    record Result(long[] arrivalsNanos, long[] polledNanos, int[] aheadAtArrival, boolean settled, long endNanos,
                  long polls, long interrupts, long[] actions) {

        long count(Action action) {
            return actions[action.ordinal()];
        }

        int unpolled() {
            int unpolled = 0;
            for (long polled : polledNanos) {
                if (polled == NEVER) {
                    unpolled++;
                }
            }
            return unpolled;
        }
    }

    private final DriverPolicy driver;
    private final boolean autoMasking;
    private final long[] arrivals;
    private final long pollNanos;
    private final int budget;
    private final String name;

    private final long[] polled;
    private final int[] ahead;
    private final long[] actions = new long[Action.values().length];

    private int arrived;
    private int taken;
    private int took;
    private boolean armed;
    private boolean pending;
    private int state;
    private long stateAtNanos;
    private long polls;
    private long interrupts;

    private DriverLoopSimulation(DriverPolicy driver, DriverPolicyContract.Device device, long[] arrivalsNanos,
                                 long pollNanos) {
        this.driver = driver;
        this.autoMasking = device == DriverPolicyContract.Device.AUTO_MASKING;
        this.arrivals = arrivalsNanos.clone();
        this.pollNanos = pollNanos;
        this.budget = driver.budget();
        this.name = driver.name();
        this.polled = new long[arrivals.length];
        this.ahead = new int[arrivals.length];
        Arrays.fill(polled, NEVER);
    }

    /**
     * @param arrivalsNanos non-decreasing arrival times, none before {@code originNanos}
     * @param originNanos   the start: the consumer polls now if the policy starts polling, else it waits for an
     *                      interrupt with the interrupt armed
     * @param pollNanos     how long one poll takes, {@code >= 1}
     * @param limitNanos    no event after this time runs
     */
    static Result run(DriverPolicy driver, DriverPolicyContract.Device device, long[] arrivalsNanos, long originNanos,
                      long pollNanos, long limitNanos) {
        if (pollNanos < 1) {
            throw new IllegalArgumentException("pollNanos must be >= 1");
        }
        for (int i = 0; i < arrivalsNanos.length; i++) {
            if (arrivalsNanos[i] < originNanos || (i > 0 && arrivalsNanos[i] < arrivalsNanos[i - 1])) {
                throw new IllegalArgumentException("arrivals must be sorted and not before the origin");
            }
        }
        return new DriverLoopSimulation(driver, device, arrivalsNanos, pollNanos).run(originNanos, limitNanos);
    }

    private Result run(long originNanos, long limitNanos) {
        if (budget < 1) {
            fail("%s: budget() = %d, must be >= 1", name, budget);
        }
        long now = originNanos;
        if (driver.startsPolling()) {
            armed = false; // a polling consumer starts with the interrupt disarmed
            state = POLL_SCHEDULED;
            stateAtNanos = originNanos;
        } else {
            armed = true;
            state = WAIT_INTERRUPT;
        }
        boolean settled = false;
        while (true) {
            if (arrived == arrivals.length && state == WAIT_INTERRUPT) {
                settled = true;
                break;
            }
            long nextArrival = arrived < arrivals.length ? arrivals[arrived] : Long.MAX_VALUE;
            long nextConsumer = state == WAIT_INTERRUPT ? Long.MAX_VALUE : stateAtNanos;
            long next = Math.min(nextArrival, nextConsumer);
            if (next > limitNanos) {
                break;
            }
            if (next < now) {
                fail("%s: time went backwards, %d after %d", name, next, now);
            }
            now = next;
            if (nextArrival <= nextConsumer) {
                arrive(now);
            } else if (state == POLL_SCHEDULED) {
                startPoll(now);
            } else if (state == POLLING) {
                endPoll(now);
            } else {
                // WAIT_INTERRUPT_UNTIL timed out: disarm doorbell, then poll.
                armed = false;
                pending = false;
                state = POLL_SCHEDULED;
                stateAtNanos = now;
            }
        }
        return new Result(arrivals.clone(), polled.clone(), ahead.clone(), settled, now, polls, interrupts,
                actions.clone());
    }

    private void arrive(long now) {
        ahead[arrived] = arrived - taken;
        arrived++;
        if (armed) {
            raise();
        }
        if (pending && (state == WAIT_INTERRUPT || state == WAIT_INTERRUPT_UNTIL)) {
            wake(now);
        }
    }

    private void raise() {
        pending = true;
        if (autoMasking) {
            armed = false;
        }
    }

    private void wake(long now) {
        if (state == WAIT_INTERRUPT_UNTIL) {
            armed = false; // the disarm doorbell after an interrupt-or-timeout sleep
        }
        pending = false;
        interrupts++;
        driver.onInterrupt(now);
        state = POLL_SCHEDULED;
        stateAtNanos = now;
    }

    private void startPoll(long now) {
        if (++polls > MAX_POLLS) {
            fail("%s: more than %d polls; the run does not end", name, MAX_POLLS);
        }
        took = Math.min(budget, arrived - taken);
        Arrays.fill(polled, taken, taken + took, now);
        taken += took;
        state = POLLING;
        stateAtNanos = now + pollNanos;
    }

    private void endPoll(long now) {
        Action action = driver.afterPoll(took, now);
        if (action == null) {
            fail("%s: afterPoll(%d, %d) returned null", name, took, now);
        }
        actions[action.ordinal()]++;
        if (budget != Integer.MAX_VALUE && took == budget && action != Action.POLL_NOW) {
            fail("%s: a poll that took the whole budget (%d) at %d answered %s; it must poll again at once", name,
                    budget, now, action);
        }
        switch (action) {
            case POLL_NOW -> {
                state = POLL_SCHEDULED;
                stateAtNanos = now;
            }
            case POLL_AT -> {
                long wakeAt = checkedWakeAt(action, now);
                state = POLL_SCHEDULED;
                stateAtNanos = wakeAt;
            }
            case WAIT_INTERRUPT -> {
                if (!armed) {
                    fail("%s: WAIT_INTERRUPT at %d with the interrupt masked: nothing can wake the loop", name, now);
                }
                waitForInterrupt(now, WAIT_INTERRUPT, Long.MAX_VALUE);
            }
            case REARM_AND_WAIT_INTERRUPT -> {
                rearm();
                waitForInterrupt(now, WAIT_INTERRUPT, Long.MAX_VALUE);
            }
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                long wakeAt = checkedWakeAt(action, now);
                rearm();
                waitForInterrupt(now, WAIT_INTERRUPT_UNTIL, wakeAt);
            }
        }
    }

    private long checkedWakeAt(Action action, long now) {
        long wakeAt = driver.wakeAtNanos();
        if (wakeAt < now) {
            fail("%s: %s at %d named wakeAtNanos() = %d, in the past", name, action, now, wakeAt);
        }
        return wakeAt;
    }

    private void rearm() {
        armed = true;
        if (arrived > taken) {
            raise(); // the missed-IRQ rule
        }
    }

    private void waitForInterrupt(long now, int waitState, long untilNanos) {
        state = waitState;
        stateAtNanos = untilNanos;
        if (pending) {
            wake(now);
        }
    }

    /** Fails with a formatted message; the per-step checks call it only on failure. */
    static void fail(String format, Object... args) {
        throw new AssertionError(String.format(format, args));
    }
}
