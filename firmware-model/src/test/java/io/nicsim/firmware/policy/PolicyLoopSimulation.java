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
 * first, as the firmware polls its MAC before it checks the timers. Checks the loop contract on every step,
 * including that a masked policy never answers {@code true}.
 *
 * <p>With a {@link Host}, a simple NAPI host also runs: an interrupt wakes it, it polls {@code pollDelayNanos}
 * later (consuming every completion written by then), and re-arms the interrupt {@code rearmAfterPollNanos} after
 * that poll with the count of completions written in between ({@code onRearm}); a re-arm that answers
 * {@code true} raises at once. A policy that starts masked starts the host polling at the first tick. At one
 * instant the order is: arrival, host step, tick.
 *
 * <p>While nothing is pending the loop skips the idle ticks between the first one and the last one before the
 * next arrival or host step: a policy with nothing pending may not fire, and the per-tick checks (no timer, no
 * raise) run on those two.
 */
final class PolicyLoopSimulation {

    /** In {@link Result#notifiedNanos()} and {@link Result#consumedNanos()}: never (times may be negative). */
    static final long NEVER = Long.MIN_VALUE;

    /** Frame size when a test gives none. */
    static final int DEFAULT_FRAME_BYTES = 64;

    /** One interrupt: when it was raised and how many completions it notified. */
    record Raise(long atNanos, int completions) {
    }

    /**
     * A NAPI-like host: after each interrupt it polls {@code pollDelayNanos} later, then re-arms
     * {@code rearmAfterPollNanos} after the poll.
     */
    record Host(long pollDelayNanos, long rearmAfterPollNanos) {
        Host {
            if (pollDelayNanos < 0 || rearmAfterPollNanos < 0) {
                throw new IllegalArgumentException("host delays are >= 0");
            }
        }
    }

    /**
     * @param raises        every interrupt in order
     * @param arrivalsNanos the input
     * @param notifiedNanos per completion, the time of the interrupt that covered it, or {@link #NEVER}
     * @param pendingAtEnd  {@code pendingCompletions()} after the last tick
     * @param timerRaises   how many of the raises came from {@code onTimer}
     * @param consumedNanos per completion, the time of the host poll that consumed it, or {@link #NEVER} (always
     *                      without a host)
     * @param rearmRaises   how many of the raises came from {@code onRearm}
     * @param maskedAtEnd   {@code masked()} after the last step
     */
    record Result(List<Raise> raises, long[] arrivalsNanos, long[] notifiedNanos, int pendingAtEnd, int timerRaises,
                  long[] consumedNanos, int rearmRaises, boolean maskedAtEnd) {

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

        /** @return the raise times, in order */
        long[] raiseTimesNanos() {
            return raises.stream().mapToLong(Raise::atNanos).toArray();
        }
    }

    private PolicyLoopSimulation() {
    }

    /** 64-byte frames, no host: see {@link #run(NotificationPolicy, long[], int[], long, long, long, Host)}. */
    static Result run(NotificationPolicy policy, long[] arrivalsNanos, long firstTickNanos, long gridNanos,
                      long endNanos) {
        return run(policy, arrivalsNanos, null, firstTickNanos, gridNanos, endNanos, null);
    }

    /** 64-byte frames: see {@link #run(NotificationPolicy, long[], int[], long, long, long, Host)}. */
    static Result run(NotificationPolicy policy, long[] arrivalsNanos, long firstTickNanos, long gridNanos,
                      long endNanos, Host host) {
        return run(policy, arrivalsNanos, null, firstTickNanos, gridNanos, endNanos, host);
    }

    /**
     * @param arrivalsNanos  non-decreasing arrival (completion) times inside {@code [firstTickNanos, endNanos]}
     * @param frameBytes     the size of each arrival's frame, or null for {@link #DEFAULT_FRAME_BYTES} each
     * @param firstTickNanos the first {@code onTimer} tick, also the clock's start
     * @param gridNanos      the spacing of the ticks, {@code >= 1}
     * @param endNanos       the last tick is the last grid point {@code <= endNanos}; host steps after it do not run
     * @param host           a host that polls and re-arms after each interrupt, or null for none
     */
    static Result run(NotificationPolicy policy, long[] arrivalsNanos, int[] frameBytes, long firstTickNanos,
                      long gridNanos, long endNanos, Host host) {
        if (gridNanos < 1) {
            throw new IllegalArgumentException("gridNanos must be >= 1");
        }
        for (int i = 0; i < arrivalsNanos.length; i++) {
            if (arrivalsNanos[i] < firstTickNanos || (i > 0 && arrivalsNanos[i] < arrivalsNanos[i - 1])
                    || arrivalsNanos[i] > endNanos) {
                throw new IllegalArgumentException("arrivals must be sorted and inside [firstTick, end]");
            }
        }
        if (frameBytes != null && frameBytes.length != arrivalsNanos.length) {
            throw new IllegalArgumentException("one frame size per arrival");
        }
        return new Loop(policy, arrivalsNanos, frameBytes, firstTickNanos, gridNanos, endNanos, host).run();
    }

    /** The state of one simulated run. */
    private static final class Loop {

        private final NotificationPolicy policy;
        private final String name;
        private final long[] arrivalsNanos;
        private final int[] frameBytes;
        private final long firstTickNanos;
        private final long gridNanos;
        private final long endNanos;
        private final Host host;
        private final ManualNanoClock clock;
        private final long[] notified;
        private final long[] consumed;
        private final List<Raise> raises = new ArrayList<>();

        private int arrived;
        private int firstUnnotified;
        private int consumedCount;
        private int timerRaises;
        private int rearmRaises;
        private long tick;
        /** The host's next step: a poll or a re-arm at {@link #hostStepNanos}; none while it waits for an IRQ. */
        private boolean hostBusy;
        private boolean hostPollNext;
        private long hostStepNanos;

        Loop(NotificationPolicy policy, long[] arrivalsNanos, int[] frameBytes, long firstTickNanos, long gridNanos,
             long endNanos, Host host) {
            this.policy = policy;
            this.name = policy.name();
            this.arrivalsNanos = arrivalsNanos;
            this.frameBytes = frameBytes;
            this.firstTickNanos = firstTickNanos;
            this.gridNanos = gridNanos;
            this.endNanos = endNanos;
            this.host = host;
            this.clock = new ManualNanoClock(firstTickNanos);
            this.notified = new long[arrivalsNanos.length];
            this.consumed = new long[arrivalsNanos.length];
            Arrays.fill(notified, NEVER);
            Arrays.fill(consumed, NEVER);
            this.tick = firstTickNanos;
            if (host != null && policy.masked()) {
                // A host whose interrupt starts masked starts by polling.
                hostBusy = true;
                hostPollNext = true;
                hostStepNanos = firstTickNanos;
            }
        }

        Result run() {
            if (policy.pendingCompletions() != 0 || policy.nextTimerNanos() != NotificationPolicy.NO_TIMER) {
                fail("a fresh %s has %d pending and a timer at %d", name, policy.pendingCompletions(),
                        policy.nextTimerNanos());
            }
            while (true) {
                boolean hasArrival = arrived < arrivalsNanos.length;
                boolean hasHostStep = hostBusy && hostStepNanos <= endNanos;
                boolean hasTick = tick <= endNanos;
                long arrivalAt = hasArrival ? arrivalsNanos[arrived] : 0;
                if (hasArrival && (!hasHostStep || arrivalAt <= hostStepNanos) && (!hasTick || arrivalAt <= tick)) {
                    arrival();
                } else if (hasHostStep && (!hasTick || hostStepNanos <= tick)) {
                    hostStep();
                } else if (hasTick) {
                    tick();
                } else {
                    break;
                }
            }
            return new Result(List.copyOf(raises), arrivalsNanos.clone(), notified, policy.pendingCompletions(),
                    timerRaises, consumed, rearmRaises, policy.masked());
        }

        private void arrival() {
            clock.setNanos(arrivalsNanos[arrived]);
            long now = clock.nanoTime();
            int pendingBefore = policy.pendingCompletions();
            boolean maskedBefore = policy.masked();
            boolean raise = policy.onCompletion(now, frameBytes == null ? DEFAULT_FRAME_BYTES : frameBytes[arrived]);
            arrived++;
            if (policy.pendingCompletions() != pendingBefore + 1) {
                fail("%s: onCompletion at %d must count one more pending completion: %d -> %d", name, now,
                        pendingBefore, policy.pendingCompletions());
            }
            if (raise) {
                if (maskedBefore) {
                    fail("%s: onCompletion at %d answered true while masked", name, now);
                }
                raise(now);
            }
        }

        private void tick() {
            clock.setNanos(tick);
            long now = clock.nanoTime();
            int pendingBefore = policy.pendingCompletions();
            long nextTimer = policy.nextTimerNanos();
            boolean maskedBefore = policy.masked();
            if (pendingBefore != arrived - firstUnnotified) {
                fail("%s: %d pending completions at %d, expected %d", name, pendingBefore, now,
                        arrived - firstUnnotified);
            }
            if (pendingBefore == 0 && nextTimer != NotificationPolicy.NO_TIMER) {
                fail("%s: nextTimerNanos() = %d at %d with nothing pending, expected NO_TIMER", name, nextTimer, now);
            }
            if (policy.onTimer(now)) {
                if (now < nextTimer) {
                    fail("%s: onTimer fired at %d, before nextTimerNanos() = %d", name, now, nextTimer);
                }
                if (pendingBefore == 0) {
                    fail("%s: onTimer fired at %d with nothing pending", name, now);
                }
                if (maskedBefore) {
                    fail("%s: onTimer fired at %d while masked", name, now);
                }
                timerRaises++;
                raise(now);
            } else if (policy.pendingCompletions() != pendingBefore) {
                fail("%s: a silent onTimer at %d changed pending %d -> %d", name, now, pendingBefore,
                        policy.pendingCompletions());
            }
            tick += gridNanos;
            if (pendingBefore == 0 && policy.pendingCompletions() == 0) {
                skipIdleTicks();
            }
        }

        /**
         * Nothing pending: nothing can fire before the next arrival or host step, so the ticks in between are
         * skipped but the last one (the idle checks ran on the first, they run again on that last one).
         */
        private void skipIdleTicks() {
            long nextEventNanos = endNanos;
            if (arrived < arrivalsNanos.length) {
                nextEventNanos = Math.min(nextEventNanos, arrivalsNanos[arrived] - 1);
            }
            if (hostBusy) {
                nextEventNanos = Math.min(nextEventNanos, hostStepNanos - 1);
            }
            long lastIdleTick = firstTickNanos + Math.floorDiv(nextEventNanos - firstTickNanos, gridNanos) * gridNanos;
            if (lastIdleTick > tick) {
                tick = lastIdleTick;
            }
        }

        private void hostStep() {
            clock.setNanos(hostStepNanos);
            long now = clock.nanoTime();
            if (hostPollNext) {
                Arrays.fill(consumed, consumedCount, arrived, now);
                consumedCount = arrived;
                hostPollNext = false;
                hostStepNanos = now + host.rearmAfterPollNanos();
                return;
            }
            hostBusy = false;
            long unconsumed = arrived - consumedCount;
            boolean raise = policy.onRearm(now, unconsumed);
            if (unconsumed > 0 && !raise && policy.masked()) {
                fail("%s: onRearm(%d, %d) left the interrupt masked without raising: %d completions would rot", name,
                        now, unconsumed, unconsumed);
            }
            // A policy may drop what the host consumed from its pending count, never what it has not consumed.
            int pendingAfter = policy.pendingCompletions();
            if (pendingAfter > arrived - firstUnnotified
                    || pendingAfter < arrived - Math.max(firstUnnotified, consumedCount)) {
                fail("%s: %d pending after onRearm(%d, %d); expected between %d and %d", name, pendingAfter, now,
                        unconsumed, arrived - Math.max(firstUnnotified, consumedCount), arrived - firstUnnotified);
            }
            firstUnnotified = arrived - pendingAfter;
            if (raise) {
                rearmRaises++;
                raise(now);
            }
        }

        private void raise(long now) {
            int pending = policy.pendingCompletions();
            if (pending != arrived - firstUnnotified) {
                fail("%s: pendingCompletions() = %d when raising at %d, expected %d", name, pending, now,
                        arrived - firstUnnotified);
            }
            raises.add(new Raise(now, pending));
            Arrays.fill(notified, firstUnnotified, arrived, now);
            firstUnnotified = arrived;
            policy.onRaised(now);
            if (policy.pendingCompletions() != 0) {
                fail("%s: onRaised at %d left %d pending", name, now, policy.pendingCompletions());
            }
            if (policy.nextTimerNanos() != NotificationPolicy.NO_TIMER) {
                fail("%s: onRaised at %d left a timer armed for %d", name, now, policy.nextTimerNanos());
            }
            if (host != null && !hostBusy) {
                hostBusy = true;
                hostPollNext = true;
                hostStepNanos = now + host.pollDelayNanos();
            }
        }
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
