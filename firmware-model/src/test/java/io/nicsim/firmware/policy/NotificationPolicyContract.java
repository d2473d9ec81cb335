package io.nicsim.firmware.policy;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.PolicyLoopSimulation.Host;
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
 * (d) seeded random arrival sequences (with frame sizes changing in runs) never leave a packet un-notified
 * beyond the bound; (e) two interrupts are never closer than the configuration's declared minimum gap. Every simulated
 * run also checks that a masked
 * policy never answers {@code true}.
 *
 * <p>The bound a configuration declares:
 * <ul>
 *   <li>{@link #atMost(long)}: every completion is covered by an interrupt at most that long after it was
 *       written;</li>
 *   <li>{@link #everyNthCompletion(int)}, for a configuration without a latency bound (coalesce with
 *       {@code rxUsecs = 0, rxFrames > 1}): (a) and (d) then check that exactly every n-th completion raises, in
 *       {@code onCompletion}, and that nothing else ever does;</li>
 *   <li>{@link #consumedWithin(long, long, long)}, for a policy whose interrupt masks itself when raised (NAPI):
 *       the runs add a host that polls a fixed delay after each interrupt and re-arms a fixed delay after the poll,
 *       with the count of completions it has not consumed; every completion is consumed by a host poll within the
 *       bound, and once arrivals stop the interrupt ends armed with nothing pending (no packet rots);</li>
 *   <li>{@link #noInterrupts()}, for poll mode: it never raises, never arms a timer and stays masked; every
 *       completion stays pending.</li>
 * </ul>
 *
 * <p>Use from a policy's test, one line per configuration:
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; contract() {
 * return Stream.of(NotificationPolicyContract.verify("rx-usecs 50", () -&gt; new CoalescePolicy(50, 0),
 * atMost(50_000)));
 * }
 * </pre>
 */
public final class NotificationPolicyContract {

    /** What a configuration promises about notification latency. */
    public sealed interface Bound permits AtMost, EveryNthCompletion, ConsumedWithin, NoInterrupts {
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

    /**
     * A masked policy with a host that polls {@code hostPollDelayNanos} after each interrupt and re-arms
     * {@code hostRearmAfterPollNanos} after the poll: every completion is consumed within {@code nanos}.
     */
    public record ConsumedWithin(long nanos, long hostPollDelayNanos, long hostRearmAfterPollNanos) implements Bound {
        public ConsumedWithin {
            if (nanos < 0 || hostPollDelayNanos < 0 || hostRearmAfterPollNanos < 0) {
                throw new IllegalArgumentException("a bound and host delays are >= 0");
            }
        }

        Host host() {
            return new Host(hostPollDelayNanos, hostRearmAfterPollNanos);
        }
    }

    /** Poll mode: never an interrupt. */
    public record NoInterrupts() implements Bound {
    }

    public static Bound atMost(long nanos) {
        return new AtMost(nanos);
    }

    public static Bound everyNthCompletion(int n) {
        return new EveryNthCompletion(n);
    }

    public static Bound consumedWithin(long nanos, long hostPollDelayNanos, long hostRearmAfterPollNanos) {
        return new ConsumedWithin(nanos, hostPollDelayNanos, hostRearmAfterPollNanos);
    }

    public static Bound noInterrupts() {
        return new NoInterrupts();
    }

    /** Time origins the checks run at: only clock differences may matter (System.nanoTime may be negative). */
    private static final long[] ORIGINS = {0, 1_000_003, -7_000_000_000_123L, 1L << 52};

    /** Burst sizes for (a): around typical frame counts. */
    private static final int[] BURSTS = {1, 2, 3, 7, 8, 9, 63, 64, 65, 100};

    /** Seeds for (d) and (e); fixed, so the sequences are the same on every run. */
    private static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 0xC0FFEEL};

    /** Timescale of the random sequences when the bound gives none. */
    private static final long UNBOUNDED_SCALE_NANOS = 10_000;

    private NotificationPolicyContract() {
    }

    /**
     * No declared minimum gap.
     *
     * @see #verify(String, Supplier, Bound, long)
     */
    public static DynamicContainer verify(String configuration, Supplier<? extends NotificationPolicy> factory,
                                          Bound bound) {
        return verify(configuration, factory, bound, 0);
    }

    /**
     * @param configuration a name for the configuration, shown in the test report
     * @param factory       a fresh policy in that configuration per call
     * @param bound         what the configuration promises
     * @param minGapNanos   the configuration's minimum gap between two interrupts (ITR); 0 for none
     * @return one container with the contract's tests for that configuration
     */
    public static DynamicContainer verify(String configuration, Supplier<? extends NotificationPolicy> factory,
                                          Bound bound, long minGapNanos) {
        Spec spec = new Spec(factory, bound, minGapNanos);
        return dynamicContainer(configuration + " [" + bound + ", min gap " + minGapNanos + " ns]",
                Stream.<DynamicNode>of(
                        dynamicTest("(a) notified within the bound once completions stop", () -> quiescence(spec)),
                        dynamicTest("(b) onRaised resets pending to 0 and disarms the timer", () -> raisedResets(spec)),
                        dynamicTest("(c) NO_TIMER when idle; onTimer never fires before nextTimerNanos",
                                () -> timerLowerBound(spec)),
                        dynamicTest("(d) seeded random arrivals never exceed the bound", () -> randomArrivals(spec)),
                        dynamicTest("(e) interrupts never closer than the minimum gap", () -> minimumGap(spec))));
    }

    /** One configuration under test. */
    private record Spec(Supplier<? extends NotificationPolicy> factory, Bound bound, long minGapNanos) {

        /** Runs the firmware loop (with the host the bound asks for) and checks the bound and the gap. */
        PolicyLoopSimulation.Result simulate(long[] arrivals, long origin, long grid, long end) {
            return simulate(arrivals, null, origin, grid, end);
        }

        /** @param frameBytes per arrival, or null for 64-byte frames */
        PolicyLoopSimulation.Result simulate(long[] arrivals, int[] frameBytes, long origin, long grid, long end) {
            Host host = bound instanceof ConsumedWithin within ? within.host() : null;
            PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(factory.get(), arrivals, frameBytes, origin,
                    grid, end, host);
            checkBound(result, bound, grid, origin);
            checkMinimumGap(result, minGapNanos);
            return result;
        }

        /** @return how long after the last arrival a run must go on for the bound to be checkable */
        long settleNanos(long grid) {
            return switch (bound) {
                case AtMost(long nanos) -> nanos + grid;
                case ConsumedWithin(long nanos, _, long rearmAfterPoll) -> nanos + rearmAfterPoll + grid;
                case EveryNthCompletion _, NoInterrupts _ -> 100 * scale(bound);
            };
        }
    }

    // (a) ------------------------------------------------------------------------------------------------------

    private static void quiescence(Spec spec) {
        long scale = scale(spec.bound());
        for (long origin : ORIGINS) {
            List<long[]> patterns = new ArrayList<>();
            for (int burst : BURSTS) {
                patterns.add(spaced(origin, burst, 0));
            }
            patterns.add(spaced(origin, 5, 1));
            patterns.add(spaced(origin, 5, scale / 3 + 1));
            patterns.add(spaced(origin, 3, scale + 1));
            for (long[] arrivals : patterns) {
                // A 1 ns grid: the firmware loop checks the timers continuously, so the bound is exact.
                long last = arrivals[arrivals.length - 1];
                spec.simulate(arrivals, origin, 1, last + spec.settleNanos(0));
            }
        }
    }

    // (b) ------------------------------------------------------------------------------------------------------

    private static void raisedResets(Spec spec) {
        Bound bound = spec.bound();
        long scale = scale(bound);
        for (long origin : ORIGINS) {
            for (int count = 1; count <= 70; count++) {
                NotificationPolicy policy = spec.factory().get();
                ManualNanoClock clock = new ManualNanoClock(origin);
                // Completions the firmware has not raised for yet, even where onCompletion asked for it (as a
                // device with a minimum interrupt gap would): the count must still be exact.
                for (int i = 0; i < count; i++) {
                    policy.onCompletion(clock.nanoTime(), 64);
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
                if (bound instanceof ConsumedWithin) {
                    assertThat(policy.masked()).as("masked once raised").isTrue();
                    assertThat(policy.onRearm(clock.nanoTime(), 0)).as("re-armed with nothing waiting").isFalse();
                    assertThat(policy.masked()).as("still masked after the re-arm").isFalse();
                }

                // The next completion starts a fresh count (and, for a timer, a fresh timer from that completion).
                clock.advanceNanos(13);
                long restart = clock.nanoTime();
                boolean raise = policy.onCompletion(restart, 64);
                assertThat(policy.pendingCompletions()).as("pending after the first completion past onRaised")
                        .isEqualTo(1);
                switch (bound) {
                    case AtMost(long nanos) -> freshCompletionBounded(policy, raise, restart, nanos);
                    case ConsumedWithin(long nanos, _, _) -> freshCompletionBounded(policy, raise, restart, nanos);
                    case EveryNthCompletion _, NoInterrupts _ ->
                            assertThat(raise).as("a single completion does not raise with %s", bound).isFalse();
                }
            }
        }
        if (bound instanceof ConsumedWithin) {
            missedInterruptRule(spec.factory().get());
        }
        if (bound instanceof NoInterrupts) {
            NotificationPolicy policy = spec.factory().get();
            assertThat(policy.masked()).as("poll mode is masked").isTrue();
            policy.onCompletion(5, 64);
            assertThat(policy.onRearm(6, 1)).as("poll mode ignores a re-arm").isFalse();
            assertThat(policy.masked()).as("poll mode stays masked after a re-arm").isTrue();
        }
    }

    private static void freshCompletionBounded(NotificationPolicy policy, boolean raise, long restart, long nanos) {
        assertThat(raise || policy.nextTimerNanos() <= restart + nanos)
                .as("a single fresh completion is raised at once or has a timer within %d ns; timer at %d,"
                        + " completion at %d", nanos, policy.nextTimerNanos(), restart)
                .isTrue();
        assertThat(raise || policy.nextTimerNanos() >= restart)
                .as("the fresh timer %d is not earlier than the completion at %d", policy.nextTimerNanos(), restart)
                .isTrue();
    }

    /** A re-arm with completions the host has not consumed raises at once: no packet rots in the ring. */
    private static void missedInterruptRule(NotificationPolicy policy) {
        if (policy.masked()) {
            assertThat(policy.onRearm(0, 0)).isFalse();
        }
        assertThat(policy.onCompletion(10, 64)).as("armed: the first completion raises").isTrue();
        policy.onRaised(10);
        assertThat(policy.masked()).as("masked once raised").isTrue();
        assertThat(policy.onCompletion(20, 64)).as("masked: no raise").isFalse();
        assertThat(policy.onCompletion(30, 64)).as("masked: no raise").isFalse();
        assertThat(policy.onTimer(1_000_000_000)).as("masked: no timer").isFalse();
        assertThat(policy.onRearm(40, 2)).as("re-armed with 2 unconsumed").isTrue();
        assertThat(policy.pendingCompletions()).as("the 2 unconsumed are pending").isEqualTo(2);
        policy.onRaised(40);
        assertThat(policy.pendingCompletions()).isZero();
    }

    // (c) ------------------------------------------------------------------------------------------------------

    private static void timerLowerBound(Spec spec) {
        NotificationPolicy idle = spec.factory().get();
        assertThat(idle.nextTimerNanos()).as("fresh").isEqualTo(NotificationPolicy.NO_TIMER);
        for (long now : new long[] {Long.MIN_VALUE + 1, -1, 0, 1, 1L << 40, Long.MAX_VALUE - 1}) {
            assertThat(idle.onTimer(now)).as("onTimer(%d) with nothing pending", now).isFalse();
            assertThat(idle.nextTimerNanos()).as("nextTimerNanos after onTimer(%d) with nothing pending", now)
                    .isEqualTo(NotificationPolicy.NO_TIMER);
            assertThat(idle.pendingCompletions()).isZero();
        }
        // On a 1 ns grid the simulation checks, at every tick, NO_TIMER with nothing pending and that onTimer
        // fires only at or after nextTimerNanos().
        long scale = scale(spec.bound());
        for (long seed : new long[] {7, 11}) {
            for (long origin : ORIGINS) {
                long[] arrivals = randomSequence(new SplittableRandom(seed), origin, 40, scale);
                long settle = spec.bound() instanceof ConsumedWithin ? Math.max(2 * scale, spec.settleNanos(0))
                        : 2 * scale;
                long end = arrivals[arrivals.length - 1] + settle;
                spec.simulate(arrivals, origin, 1, end);
            }
        }
        // Probing just before the armed timer never fires it.
        NotificationPolicy policy = spec.factory().get();
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        boolean raised = policy.onCompletion(clock.nanoTime(), 64);
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

    private static void randomArrivals(Spec spec) {
        long scale = scale(spec.bound());
        long grid = Math.max(1, scale / 50);
        for (long seed : SEEDS) {
            SplittableRandom random = new SplittableRandom(seed);
            long origin = ORIGINS[(int) (seed % ORIGINS.length)];
            long[] arrivals = randomSequence(random, origin, 1_000, scale);
            int[] frameBytes = randomFrameBytes(random, arrivals.length);
            long last = arrivals[arrivals.length - 1];
            try {
                spec.simulate(arrivals, frameBytes, origin, grid, last + spec.settleNanos(grid));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    // (e) ------------------------------------------------------------------------------------------------------

    /**
     * Dense random arrivals on the timescale of the gap itself, on a 1 ns grid: the gap is what holds interrupts
     * back, so it is exercised, and every run keeps the bound too. Without a gap, the timescale and grid of (d).
     */
    private static void minimumGap(Spec spec) {
        long gap = spec.minGapNanos();
        long scale = gap > 0 ? gap : scale(spec.bound());
        long grid = gap > 0 ? 1 : Math.max(1, scale / 50);
        for (long seed : new long[] {3, 17, 101}) {
            long origin = ORIGINS[(int) (seed % ORIGINS.length)];
            SplittableRandom random = new SplittableRandom(seed);
            long[] arrivals = randomSequence(random, origin, 200, scale);
            int[] frameBytes = randomFrameBytes(random, arrivals.length);
            long last = arrivals[arrivals.length - 1];
            try {
                spec.simulate(arrivals, frameBytes, origin, grid, last + spec.settleNanos(grid));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------

    private static void checkMinimumGap(PolicyLoopSimulation.Result result, long minGapNanos) {
        List<PolicyLoopSimulation.Raise> raises = result.raises();
        for (int k = 1; k < raises.size(); k++) {
            long gap = raises.get(k).atNanos() - raises.get(k - 1).atNanos();
            if (gap < minGapNanos) {
                throw new AssertionError("interrupts " + (k - 1) + " and " + k + " at " + raises.get(k - 1).atNanos()
                        + " and " + raises.get(k).atNanos() + ": " + gap + " ns apart, minimum gap " + minGapNanos);
            }
        }
    }

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
                                + (notified[i] == PolicyLoopSimulation.NEVER ? "never" : notified[i]) + ", bound "
                                + nanos + " ns: the loop had to raise by " + firstTick);
                    }
                }
            }
            case ConsumedWithin(long nanos, long pollDelay, long rearmAfterPoll) -> {
                long[] consumed = result.consumedNanos();
                for (int i = 0; i < arrivals.length; i++) {
                    // A raise the loop sees on a tick can be up to one grid step late.
                    long deadline = arrivals[i] + nanos + grid - 1;
                    if (consumed[i] == PolicyLoopSimulation.NEVER || consumed[i] > deadline) {
                        throw new AssertionError("completion " + i + " written at " + arrivals[i] + " consumed at "
                                + (consumed[i] == PolicyLoopSimulation.NEVER ? "never" : consumed[i]) + ", bound "
                                + nanos + " ns with a host polling " + pollDelay + " ns after each interrupt and"
                                + " re-arming " + rearmAfterPoll + " ns later");
                    }
                }
                assertThat(result.pendingAtEnd()).as("pending once arrivals stopped and the host re-armed").isZero();
                assertThat(result.maskedAtEnd()).as("masked once arrivals stopped and the host re-armed").isFalse();
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
            case NoInterrupts _ -> {
                assertThat(result.raises()).as("interrupts in poll mode").isEmpty();
                assertThat(result.pendingAtEnd()).as("every completion stays pending").isEqualTo(arrivals.length);
                assertThat(result.maskedAtEnd()).as("masked").isTrue();
            }
        }
    }

    private static long scale(Bound bound) {
        return switch (bound) {
            case AtMost(long nanos) when nanos > 0 -> nanos;
            case ConsumedWithin(long nanos, _, _) when nanos > 0 -> nanos;
            default -> UNBOUNDED_SCALE_NANOS;
        };
    }

    private static long[] spaced(long origin, int count, long gapNanos) {
        long[] arrivals = new long[count];
        for (int i = 0; i < count; i++) {
            arrivals[i] = origin + i * gapNanos;
        }
        return arrivals;
    }

    /**
     * Frame sizes for a random sequence, in runs of one size (a flow of small requests, of full-size frames, of
     * jumbo frames), so that policies that adapt to the traffic (DIM, adaptive ITR) move between their classes.
     */
    static int[] randomFrameBytes(SplittableRandom random, int count) {
        int[] sizes = {64, 64, 128, 576, 1_500, 1_500, 9_000};
        int[] frameBytes = new int[count];
        int size = 64;
        for (int i = 0; i < count; i++) {
            if (random.nextInt(20) == 0) {
                size = sizes[random.nextInt(sizes.length)];
            }
            frameBytes[i] = size;
        }
        return frameBytes;
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
