package io.nicsim.firmware.policy;

import io.nicsim.firmware.clock.ManualNanoClock;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The contract every {@link NotificationPolicy} must keep, as dynamic tests on a {@link ManualNanoClock} (no wall
 * clock): (a) once completions stop, every pending completion is notified within the bound the configuration
 * declares; (b) {@code onRaised} resets {@code pendingCompletions} to 0 and disarms the timer; (c)
 * {@code nextTimerNanos()} is {@code NO_TIMER} with nothing pending and {@code onTimer} never fires before it;
 * (d) seeded random arrival sequences never leave a packet un-notified beyond the bound.
 *
 * <p>A configuration without a latency bound (coalesce with {@code rxUsecs = 0, rxFrames > 1}) declares
 * {@link #everyNthCompletion(int)} instead; (a) and (d) then check the weaker property that exactly every n-th
 * completion raises, in {@code onCompletion}, and that nothing else ever does.
 *
 * <p>Use from a policy's test, one line per configuration:
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; contract() {
 *     return Stream.of(NotificationPolicyContract.verify("rx-usecs 50", () -&gt; new CoalescePolicy(50, 0), atMost(50_000)));
 * }
 * </pre>
 */
public final class NotificationPolicyContract {

    /** What a configuration promises about notification latency. */
    public sealed interface Bound permits AtMost, EveryNthCompletion {
    }

    /** Every completion is notified at most {@code nanos} after it was written. */
    public record AtMost(long nanos) implements Bound {
        public AtMost {
            if (nanos < 0) {
                throw new IllegalArgumentException("a bound is >= 0");
            }
        }
    }

    /** No latency bound: completions are notified only by every {@code n}-th completion. */
    public record EveryNthCompletion(int n) implements Bound {
        public EveryNthCompletion {
            if (n < 2) {
                throw new IllegalArgumentException("n >= 2; n = 1 is atMost(0)");
            }
        }
    }

    public static Bound atMost(long nanos) {
        return new AtMost(nanos);
    }

    public static Bound everyNthCompletion(int n) {
        return new EveryNthCompletion(n);
    }

    /** Time origins the checks run at: only clock differences may matter (System.nanoTime may be negative). */
    private static final long[] ORIGINS = {0, 1_000_003, -7_000_000_000_123L, 1L << 52};

    /** Burst sizes for (a): around typical frame counts. */
    private static final int[] BURSTS = {1, 2, 3, 7, 8, 9, 63, 64, 65, 100};

    /** Seeds for (d); fixed, so the sequences are the same on every run. */
    private static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 0xC0FFEEL};

    /** Timescale of the random sequences when the bound gives none. */
    private static final long UNBOUNDED_SCALE_NANOS = 10_000;

    private NotificationPolicyContract() {
    }

    /**
     * @param configuration a name for the configuration, shown in the test report
     * @param factory       a fresh policy in that configuration per call
     * @param bound         what the configuration promises
     * @return one container with the contract's tests for that configuration
     */
    public static DynamicContainer verify(String configuration, Supplier<? extends NotificationPolicy> factory,
                                          Bound bound) {
        return dynamicContainer(configuration + " [" + bound + "]", Stream.<DynamicNode>of(
                dynamicTest("(a) notified within the bound once completions stop", () -> quiescence(factory, bound)),
                dynamicTest("(b) onRaised resets pending to 0 and disarms the timer", () -> raisedResets(factory, bound)),
                dynamicTest("(c) NO_TIMER when idle; onTimer never fires before nextTimerNanos", () -> timerLowerBound(factory, bound)),
                dynamicTest("(d) seeded random arrivals never exceed the bound", () -> randomArrivals(factory, bound))));
    }

    // (a) ------------------------------------------------------------------------------------------------------

    private static void quiescence(Supplier<? extends NotificationPolicy> factory, Bound bound) {
        for (long origin : ORIGINS) {
            List<long[]> patterns = new ArrayList<>();
            for (int burst : BURSTS) {
                patterns.add(spaced(origin, burst, 0));
            }
            long scale = scale(bound);
            patterns.add(spaced(origin, 5, 1));
            patterns.add(spaced(origin, 5, scale / 3 + 1));
            patterns.add(spaced(origin, 3, scale + 1));
            for (long[] arrivals : patterns) {
                // A 1 ns grid: the firmware loop checks the timers continuously, so the bound is exact.
                long last = arrivals[arrivals.length - 1];
                long end = bound instanceof AtMost(long nanos) ? last + nanos : last + 100 * scale;
                PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(factory.get(), arrivals, origin, 1, end);
                checkBound(result, bound, 1, origin);
            }
        }
    }

    // (b) ------------------------------------------------------------------------------------------------------

    private static void raisedResets(Supplier<? extends NotificationPolicy> factory, Bound bound) {
        long scale = scale(bound);
        for (long origin : ORIGINS) {
            for (int count = 1; count <= 70; count++) {
                NotificationPolicy policy = factory.get();
                ManualNanoClock clock = new ManualNanoClock(origin);
                // Completions the firmware has not raised for yet, even where onCompletion asked for it (as a
                // device with a minimum interrupt gap would): the count must still be exact.
                for (int i = 0; i < count; i++) {
                    policy.onCompletion(clock.nanoTime());
                    clock.advanceNanos(i % 3 == 0 ? 0 : 7);
                }
                assertThat(policy.pendingCompletions()).as("pending after %d completions", count).isEqualTo(count);
                policy.onRaised(clock.nanoTime());
                assertThat(policy.pendingCompletions()).as("pending after onRaised").isZero();
                assertThat(policy.nextTimerNanos()).as("timer after onRaised").isEqualTo(NotificationPolicy.NO_TIMER);
                for (long later : new long[] {0, 1, scale, 1000 * scale}) {
                    clock.setNanos(clock.nanoTime() + later);
                    assertThat(policy.onTimer(clock.nanoTime())).as("onTimer %d ns after onRaised", later).isFalse();
                }
                policy.onRaised(clock.nanoTime());
                assertThat(policy.pendingCompletions()).as("onRaised with nothing pending").isZero();

                // The next completion starts a fresh count (and, for a timer, a fresh timer from that completion).
                clock.advanceNanos(13);
                long restart = clock.nanoTime();
                boolean raise = policy.onCompletion(restart);
                assertThat(policy.pendingCompletions()).as("pending after the first completion past onRaised")
                        .isEqualTo(1);
                if (bound instanceof AtMost(long nanos)) {
                    assertThat(raise || policy.nextTimerNanos() <= restart + nanos)
                            .as("a single fresh completion is raised at once or has a timer within %d ns; timer at %d,"
                                    + " completion at %d", nanos, policy.nextTimerNanos(), restart)
                            .isTrue();
                    assertThat(raise || policy.nextTimerNanos() >= restart)
                            .as("the fresh timer %d is not earlier than the completion at %d", policy.nextTimerNanos(),
                                    restart)
                            .isTrue();
                } else {
                    assertThat(raise).as("a single completion does not raise with %s", bound).isFalse();
                }
            }
        }
    }

    // (c) ------------------------------------------------------------------------------------------------------

    private static void timerLowerBound(Supplier<? extends NotificationPolicy> factory, Bound bound) {
        NotificationPolicy idle = factory.get();
        assertThat(idle.nextTimerNanos()).as("fresh").isEqualTo(NotificationPolicy.NO_TIMER);
        for (long now : new long[] {Long.MIN_VALUE + 1, -1, 0, 1, 1L << 40, Long.MAX_VALUE - 1}) {
            assertThat(idle.onTimer(now)).as("onTimer(%d) with nothing pending", now).isFalse();
            assertThat(idle.nextTimerNanos()).as("nextTimerNanos after onTimer(%d) with nothing pending", now)
                    .isEqualTo(NotificationPolicy.NO_TIMER);
            assertThat(idle.pendingCompletions()).isZero();
        }
        // On a 1 ns grid the simulation checks, at every tick, NO_TIMER with nothing pending and that onTimer
        // fires only at or after nextTimerNanos().
        long scale = scale(bound);
        for (long seed : new long[] {7, 11}) {
            for (long origin : ORIGINS) {
                long[] arrivals = randomSequence(new SplittableRandom(seed), origin, 40, scale);
                long end = arrivals[arrivals.length - 1] + 2 * scale;
                PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(factory.get(), arrivals, origin, 1, end);
                checkBound(result, bound, 1, origin);
            }
        }
        // Probing just before the armed timer never fires it.
        NotificationPolicy policy = factory.get();
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        boolean raised = policy.onCompletion(clock.nanoTime());
        long next = policy.nextTimerNanos();
        if (!raised && next != NotificationPolicy.NO_TIMER) {
            assertThat(next).as("timer armed by a completion at %d", clock.nanoTime())
                    .isGreaterThanOrEqualTo(clock.nanoTime());
            for (long before = Math.max(clock.nanoTime(), next - 3); before < next; before++) {
                assertThat(policy.onTimer(before)).as("onTimer(%d) before nextTimerNanos() = %d", before, next)
                        .isFalse();
            }
        }
    }

    // (d) ------------------------------------------------------------------------------------------------------

    private static void randomArrivals(Supplier<? extends NotificationPolicy> factory, Bound bound) {
        long scale = scale(bound);
        long grid = Math.max(1, scale / 50);
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            long origin = ORIGINS[(int) (seed % ORIGINS.length)];
            long[] arrivals = randomSequence(random, origin, 1_000, scale);
            long last = arrivals[arrivals.length - 1];
            long end = bound instanceof AtMost(long nanos) ? last + nanos + grid : last + 100 * scale;
            PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(factory.get(), arrivals, origin, grid, end);
            try {
                checkBound(result, bound, grid, origin);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------

    private static void checkBound(PolicyLoopSimulation.Result result, Bound bound, long grid, long origin) {
        long[] arrivals = result.arrivalsNanos();
        long[] notified = result.notifiedNanos();
        switch (bound) {
            case AtMost(long nanos) -> {
                assertThat(result.pendingAtEnd()).as("pending once the bound of %d ns has passed", nanos).isZero();
                for (int i = 0; i < arrivals.length; i++) {
                    // The loop sees an expired timer at the first tick at or after the deadline.
                    long deadline = arrivals[i] + nanos;
                    long firstTick = origin + Math.ceilDiv(deadline - origin, grid) * grid;
                    if (notified[i] == PolicyLoopSimulation.NEVER || notified[i] > firstTick) {
                        throw new AssertionError("completion " + i + " written at " + arrivals[i] + " notified at "
                                + (notified[i] == PolicyLoopSimulation.NEVER ? "never" : notified[i]) + ", bound " + nanos
                                + " ns: the loop had to raise by " + firstTick);
                    }
                }
            }
            case EveryNthCompletion(int n) -> {
                assertThat(result.timerRaises()).as("timer interrupts with %s", bound).isZero();
                List<Integer> expectedEnds = new ArrayList<>();
                for (int k = n; k <= arrivals.length; k += n) {
                    expectedEnds.add(k);
                }
                assertThat(result.lastCompletionNumbers()).as("completions that raise with %s", bound)
                        .isEqualTo(expectedEnds);
                for (int k = 0; k < result.raises().size(); k++) {
                    PolicyLoopSimulation.Raise raise = result.raises().get(k);
                    assertThat(raise.completions()).isEqualTo(n);
                    assertThat(raise.atNanos()).as("raise %d at the arrival of completion %d", k, (k + 1) * n)
                            .isEqualTo(arrivals[(k + 1) * n - 1]);
                }
                assertThat(result.pendingAtEnd()).as("completions left waiting for more frames")
                        .isEqualTo(arrivals.length % n);
            }
        }
    }

    private static long scale(Bound bound) {
        return bound instanceof AtMost(long nanos) && nanos > 0 ? nanos : UNBOUNDED_SCALE_NANOS;
    }

    private static long[] spaced(long origin, int count, long gapNanos) {
        long[] arrivals = new long[count];
        for (int i = 0; i < count; i++) {
            arrivals[i] = origin + i * gapNanos;
        }
        return arrivals;
    }

    /**
     * A bursty sequence: gaps of 0 (a burst at one instant), short, about the scale, and long idle spells, each
     * exponentially distributed around its mean. The first arrival is a little after {@code origin}.
     */
    static long[] randomSequence(SplittableRandom random, long origin, int count, long scale) {
        long[] arrivals = new long[count];
        long t = origin + random.nextLong(scale);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            double mean = kind < 3 ? 0 : kind < 6 ? scale / 20.0 : kind < 9 ? scale : 5.0 * scale;
            t += (long) (-Math.log(1.0 - random.nextDouble()) * mean);
            arrivals[i] = t;
        }
        return arrivals;
    }
}
