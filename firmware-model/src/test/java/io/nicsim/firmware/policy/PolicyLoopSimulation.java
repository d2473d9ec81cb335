package io.nicsim.firmware.policy;

import io.nicsim.firmware.clock.ManualNanoClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: drives a {@link NotificationPolicy} the way the firmware loop does, over a list of arrival
 * times, on a {@link ManualNanoClock}. At each arrival it calls {@code onCompletion}; at each tick of a fixed grid
 * it calls {@code onTimer}; whenever either answers {@code true} it raises (records the time and the number of
 * completions covered) and calls {@code onRaised}. An arrival and a tick at the same instant run the arrival
 * first, as the firmware polls its MAC before it checks the timers. Checks the loop contract on every step.
 */
final class PolicyLoopSimulation {

    /** In {@link Result#notifiedNanos()}: no interrupt covered the completion (times may be negative). */
    static final long NEVER = Long.MIN_VALUE;

    /** One interrupt: when it was raised and how many completions it notified. */
    record Raise(long atNanos, int completions) {
    }

    /**
     * @param raises        every interrupt in order
     * @param arrivalsNanos the input
     * @param notifiedNanos per completion, the time of the interrupt that covered it, or {@link #NEVER}
     * @param pendingAtEnd  {@code pendingCompletions()} after the last tick
     * @param timerRaises   how many of the raises came from {@code onTimer}
     */
    record Result(List<Raise> raises, long[] arrivalsNanos, long[] notifiedNanos, int pendingAtEnd, int timerRaises) {

        /** @return the 1-based numbers of the completions each interrupt ended with, in order */
        List<Integer> lastCompletionNumbers() {
            List<Integer> numbers = new ArrayList<>();
            int covered = 0;
            for (Raise raise : raises) {
                covered += raise.completions();
                numbers.add(covered);
            }
            return numbers;
        }
    }

    private PolicyLoopSimulation() {
    }

    /**
     * @param arrivalsNanos  non-decreasing arrival (completion) times inside {@code [firstTickNanos, endNanos]}
     * @param firstTickNanos the first {@code onTimer} tick, also the clock's start
     * @param gridNanos      the spacing of the ticks, {@code >= 1}
     * @param endNanos       the last tick is the last grid point {@code <= endNanos}
     */
    static Result run(NotificationPolicy policy, long[] arrivalsNanos, long firstTickNanos, long gridNanos,
                      long endNanos) {
        if (gridNanos < 1) {
            throw new IllegalArgumentException("gridNanos must be >= 1");
        }
        for (int i = 0; i < arrivalsNanos.length; i++) {
            if (arrivalsNanos[i] < firstTickNanos || (i > 0 && arrivalsNanos[i] < arrivalsNanos[i - 1])
                    || arrivalsNanos[i] > endNanos) {
                throw new IllegalArgumentException("arrivals must be sorted and inside [firstTick, end]");
            }
        }
        String name = policy.name();
        ManualNanoClock clock = new ManualNanoClock(firstTickNanos);
        long[] notified = new long[arrivalsNanos.length];
        Arrays.fill(notified, NEVER);
        List<Raise> raises = new ArrayList<>();
        int arrived = 0;
        int firstUnnotified = 0;
        int timerRaises = 0;
        long tick = firstTickNanos;

        if (policy.pendingCompletions() != 0 || policy.nextTimerNanos() != NotificationPolicy.NO_TIMER) {
            fail("a fresh %s has %d pending and a timer at %d", name, policy.pendingCompletions(),
                    policy.nextTimerNanos());
        }
        while (arrived < arrivalsNanos.length || tick <= endNanos) {
            if (arrived < arrivalsNanos.length && arrivalsNanos[arrived] <= tick) {
                clock.setNanos(arrivalsNanos[arrived]);
                long now = clock.nanoTime();
                int pendingBefore = policy.pendingCompletions();
                boolean raise = policy.onCompletion(now);
                arrived++;
                if (policy.pendingCompletions() != pendingBefore + 1) {
                    fail("%s: onCompletion at %d must count one more pending completion: %d -> %d", name, now,
                            pendingBefore, policy.pendingCompletions());
                }
                if (raise) {
                    firstUnnotified = raise(policy, now, raises, notified, firstUnnotified, arrived);
                }
            } else {
                clock.setNanos(tick);
                long now = clock.nanoTime();
                int pendingBefore = policy.pendingCompletions();
                long nextTimer = policy.nextTimerNanos();
                if (pendingBefore != arrived - firstUnnotified) {
                    fail("%s: %d pending completions at %d, expected %d", name, pendingBefore, now,
                            arrived - firstUnnotified);
                }
                if (pendingBefore == 0 && nextTimer != NotificationPolicy.NO_TIMER) {
                    fail("%s: nextTimerNanos() = %d at %d with nothing pending, expected NO_TIMER", name, nextTimer,
                            now);
                }
                if (policy.onTimer(now)) {
                    if (now < nextTimer) {
                        fail("%s: onTimer fired at %d, before nextTimerNanos() = %d", name, now, nextTimer);
                    }
                    if (pendingBefore == 0) {
                        fail("%s: onTimer fired at %d with nothing pending", name, now);
                    }
                    timerRaises++;
                    firstUnnotified = raise(policy, now, raises, notified, firstUnnotified, arrived);
                } else if (policy.pendingCompletions() != pendingBefore) {
                    fail("%s: a silent onTimer at %d changed pending %d -> %d", name, now, pendingBefore,
                            policy.pendingCompletions());
                }
                tick += gridNanos;
            }
        }
        return new Result(List.copyOf(raises), arrivalsNanos.clone(), notified, policy.pendingCompletions(),
                timerRaises);
    }

    private static int raise(NotificationPolicy policy, long now, List<Raise> raises, long[] notified,
                             int firstUnnotified, int arrived) {
        int pending = policy.pendingCompletions();
        if (pending != arrived - firstUnnotified) {
            fail("%s: pendingCompletions() = %d when raising at %d, expected %d", policy.name(), pending, now,
                    arrived - firstUnnotified);
        }
        raises.add(new Raise(now, pending));
        Arrays.fill(notified, firstUnnotified, arrived, now);
        policy.onRaised(now);
        if (policy.pendingCompletions() != 0) {
            fail("%s: onRaised at %d left %d pending", policy.name(), now, policy.pendingCompletions());
        }
        if (policy.nextTimerNanos() != NotificationPolicy.NO_TIMER) {
            fail("%s: onRaised at %d left a timer armed for %d", policy.name(), now, policy.nextTimerNanos());
        }
        return arrived;
    }

    /** Fails with a formatted message; the per-tick checks call it only on failure, so they allocate nothing. */
    static void fail(String format, Object... args) {
        throw new AssertionError(String.format(format, args));
    }

    /** @return the given microsecond times as nanoseconds */
    static long[] micros(long... micros) {
        return Arrays.stream(micros).map(us -> us * 1_000L).toArray();
    }
}
