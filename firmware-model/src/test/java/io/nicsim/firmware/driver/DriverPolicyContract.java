package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The contract every {@link DriverPolicy} must keep, as dynamic tests in explicit time (no wall clock):
 * <ol type="a">
 *   <li>{@code budget() >= 1} and a non-blank name, the same for every instance;</li>
 *   <li>a poll that took the whole budget never leads to sleeping with work left: for a budgeted policy
 *       ({@code budget() < Integer.MAX_VALUE}) {@code afterPoll(budget, t)} answers {@link Action#POLL_NOW} in every
 *       state a seeded random drive of the loop protocol reaches (an unbudgeted policy drains the ring in one
 *       poll, so there is nothing to check);</li>
 *   <li>{@link Action#POLL_AT} and {@link Action#REARM_AND_WAIT_INTERRUPT_UNTIL} never name a time before the
 *       poll's end, at any time origin, up to {@code Long.MAX_VALUE};</li>
 *   <li>with a simulated ring and device half ({@link DriverLoopSimulation}), bursts and seeded random arrival
 *       sequences: every packet is polled, none waits in the ring longer than the declared bound plus the polls
 *       needed for what was ahead of it, and a policy that does not start polling ends asleep on an interrupt
 *       once arrivals stop.</li>
 * </ol>
 *
 * <p>The bound is the longest a policy may leave the consumer asleep while a packet waits: 0 for one that re-arms
 * as soon as the ring drains, the timer for one that defers. In the simulation each poll takes {@code pollNanos},
 * so a packet that arrives at {@code a} with {@code k} packets ahead of it in the ring must be taken by
 * {@code a + pollNanos (the poll in progress) + bound + (ceil((k + 1) / budget) - 1) * pollNanos}.
 *
 * <p>Use from a policy's test, one line per configuration:
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; contract() {
 *     return Stream.of(DriverPolicyContract.verify("budget 64", () -&gt; new NapiDriver(64), AUTO_MASKING, 0));
 * }
 * </pre>
 */
public final class DriverPolicyContract {

    /** The device half the driver policy is paired with, as far as the consumer loop can tell. */
    public enum Device {
        /** NAPI's device half: a raised interrupt masks itself until the host re-arms it. */
        AUTO_MASKING,
        /** A per-packet or coalescing device: every raise reaches the host; nothing needs a re-arm. */
        NEVER_MASKING
    }

    /** Time origins the checks run at: only differences may matter (System.nanoTime may be negative). */
    private static final long[] ORIGINS = {0, 1_000_003, -7_000_000_000_123L, 1L << 52};

    /** Seeds for the random drives; fixed, so the sequences are the same on every run. */
    private static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 0xC0FFEEL};

    /** How long one poll takes in the simulation: one short, one longer than a typical gap of a burst. */
    private static final long[] POLL_NANOS = {7, 333};

    /** The timescale of the random sequences when the bound is shorter. */
    private static final long MIN_SCALE_NANOS = 10_000;

    /** How long after the last arrival an interrupt-driven policy has to fall asleep on an interrupt. */
    private static final long SETTLE_NANOS = 1_000_000_000L;

    /** Steps of one random protocol drive. */
    private static final int PROTOCOL_STEPS = 3_000;

    private DriverPolicyContract() {
    }

    /**
     * @param configuration a name for the configuration, shown in the test report
     * @param factory       a fresh policy in that configuration per call
     * @param device        the device half it is paired with
     * @param boundNanos    the longest the policy leaves the consumer asleep while a packet waits
     * @return one container with the contract's tests for that configuration
     */
    public static DynamicContainer verify(String configuration, Supplier<? extends DriverPolicy> factory,
                                          Device device, long boundNanos) {
        if (boundNanos < 0) {
            throw new IllegalArgumentException("a bound is >= 0");
        }
        return dynamicContainer(configuration + " [" + device + ", bound " + boundNanos + " ns]",
                Stream.<DynamicNode>of(
                dynamicTest("(a) budget() >= 1 and a stable name", () -> basics(factory)),
                dynamicTest("(b) a poll that took the whole budget polls again at once",
                        () -> protocolDrive(factory, boundNanos, true)),
                dynamicTest("(c) POLL_AT and REARM_AND_WAIT_INTERRUPT_UNTIL never name a time in the past",
                        () -> protocolDrive(factory, boundNanos, false)),
                dynamicTest("(d) bursts and seeded random arrivals: every packet polled within the bound",
                        () -> simulated(factory, device, boundNanos))));
    }

    // (a) ------------------------------------------------------------------------------------------------------

    private static void basics(Supplier<? extends DriverPolicy> factory) {
        DriverPolicy first = factory.get();
        DriverPolicy second = factory.get();
        assertThat(first).as("a fresh instance per call").isNotSameAs(second);
        assertThat(first.budget()).as("budget()").isGreaterThanOrEqualTo(1);
        assertThat(first.name()).as("name()").isNotBlank().isEqualTo(second.name())
                .matches("[a-z][a-z0-9-]*");
        assertThat(second.budget()).as("budget() of another instance").isEqualTo(first.budget());
        assertThat(second.startsPolling()).as("startsPolling() of another instance").isEqualTo(first.startsPolling());
    }

    // (b) and (c) ----------------------------------------------------------------------------------------------

    /**
     * Drives a policy through the loop protocol with random poll results and random (but protocol-respecting)
     * timing: a late poll after POLL_NOW (an application stall), a late wake after POLL_AT, an interrupt some time
     * after a re-arm, an interrupt or the timeout after REARM_AND_WAIT_INTERRUPT_UNTIL.
     */
    private static void protocolDrive(Supplier<? extends DriverPolicy> factory, long boundNanos, boolean fullBudget) {
        long scale = Math.max(boundNanos, 1_000);
        List<Long> origins = new ArrayList<>();
        for (long origin : ORIGINS) {
            origins.add(origin);
        }
        origins.add(Long.MAX_VALUE - 50 * scale); // deadlines near the end of the range saturate, never wrap
        for (long seed : SEEDS) {
            for (long origin : origins) {
                SplittableRandom random = new SplittableRandom(seed);
                DriverPolicy driver = factory.get();
                int budget = driver.budget();
                int maxPackets = budget == Integer.MAX_VALUE ? 1_000 : budget;
                long now = origin;
                Action action;
                if (driver.startsPolling()) {
                    action = Action.POLL_NOW;
                } else {
                    now = plus(now, random.nextLong(scale));
                    driver.onInterrupt(now);
                    action = Action.POLL_NOW; // the first poll follows the interrupt at once
                }
                for (int step = 0; step < PROTOCOL_STEPS && now < Long.MAX_VALUE - 1; step++) {
                    now = nextPollTime(driver, action, now, scale, random);
                    int kind = random.nextInt(4);
                    int packets = kind == 0 ? 0 : kind == 1 ? maxPackets : 1 + random.nextInt(maxPackets);
                    String where = "seed " + seed + ", origin " + origin + ", step " + step;
                    action = driver.afterPoll(packets, now);
                    assertThat(action).as("%s: afterPoll(%d, %d)", where, packets, now).isNotNull();
                    if (fullBudget && budget != Integer.MAX_VALUE && packets == budget) {
                        assertThat(action).as("%s: a poll that took the whole budget %d", where, budget)
                                .isEqualTo(Action.POLL_NOW);
                    }
                    if (!fullBudget && (action == Action.POLL_AT || action == Action.REARM_AND_WAIT_INTERRUPT_UNTIL)) {
                        long wakeAt = driver.wakeAtNanos();
                        if (wakeAt < now) {
                            throw new AssertionError(where + ": " + action + " after a poll at " + now
                                    + " named wakeAtNanos() = " + wakeAt + ", in the past");
                        }
                    }
                }
            }
        }
    }

    /** The time of the next poll after {@code action}, calling {@code onInterrupt} where an interrupt wakes it. */
    private static long nextPollTime(DriverPolicy driver, Action action, long now, long scale,
                                     SplittableRandom random) {
        return switch (action) {
            case POLL_NOW -> random.nextInt(8) == 0
                    ? plus(now, random.nextLong(20 * scale)) // the application stalled
                    : plus(now, random.nextLong(scale / 10 + 1));
            case POLL_AT -> plus(driver.wakeAtNanos(), random.nextInt(3) == 0 ? random.nextLong(scale) : 0);
            case WAIT_INTERRUPT, REARM_AND_WAIT_INTERRUPT -> {
                long at = plus(now, random.nextLong(10 * scale));
                driver.onInterrupt(at);
                yield at;
            }
            case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                long until = driver.wakeAtNanos();
                long spanNanos = until - now; // <= 0 also when it overflowed
                if (random.nextBoolean() && spanNanos > 0) {
                    long at = now + random.nextLong(spanNanos);
                    driver.onInterrupt(at);
                    yield at;
                }
                yield until;
            }
        };
    }

    private static long plus(long nowNanos, long deltaNanos) {
        long sum = nowNanos + deltaNanos;
        return sum < nowNanos ? Long.MAX_VALUE : sum;
    }

    // (d) ------------------------------------------------------------------------------------------------------

    private static void simulated(Supplier<? extends DriverPolicy> factory, Device device, long boundNanos) {
        long scale = Math.max(boundNanos, MIN_SCALE_NANOS);
        int budget = factory.get().budget();
        int bigBurst = budget == Integer.MAX_VALUE ? 500 : 3 * budget + 1;
        int[] bursts = budget == Integer.MAX_VALUE
                ? new int[] {1, 2, 100, bigBurst}
                : new int[] {1, 2, Math.max(1, budget - 1), budget, budget + 1, bigBurst};
        for (long pollNanos : POLL_NANOS) {
            for (long origin : ORIGINS) {
                // Bursts at one instant, a little after the start, then silence.
                for (int burst : bursts) {
                    long[] arrivals = new long[burst];
                    Arrays.fill(arrivals, origin + 3);
                    check(factory, device, boundNanos, "burst of " + burst, arrivals, origin, pollNanos, scale);
                }
                // Two bursts, the second while the consumer is busy with, or just done with, the first.
                for (long gap : new long[] {1, pollNanos, pollNanos + 1, scale / 2, scale + 1}) {
                    long[] arrivals = new long[2 * budgetOr(budget, 40) + 2];
                    for (int i = 0; i < arrivals.length; i++) {
                        arrivals[i] = origin + (i < arrivals.length / 2 ? 0 : gap);
                    }
                    check(factory, device, boundNanos, "two bursts " + gap + " ns apart", arrivals, origin, pollNanos,
                            scale);
                }
                for (long seed : SEEDS) {
                    long[] arrivals = randomSequence(new SplittableRandom(seed), origin, 80, scale, pollNanos);
                    check(factory, device, boundNanos, "seed " + seed, arrivals, origin, pollNanos, scale);
                }
            }
        }
    }

    private static int budgetOr(int budget, int unbudgeted) {
        return budget == Integer.MAX_VALUE ? unbudgeted : budget;
    }

    private static void check(Supplier<? extends DriverPolicy> factory, Device device, long boundNanos, String input,
                              long[] arrivals, long origin, long pollNanos, long scale) {
        DriverPolicy driver = factory.get();
        long last = arrivals[arrivals.length - 1];
        boolean polling = driver.startsPolling();
        long limit = polling ? last + 20 * scale + 1_000 * pollNanos : last + SETTLE_NANOS;
        String where = input + ", origin " + origin + ", poll " + pollNanos + " ns";
        DriverLoopSimulation.Result result;
        try {
            result = DriverLoopSimulation.run(driver, device, arrivals, origin, pollNanos, limit);
        } catch (AssertionError e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
        int budget = driver.budget();
        for (int i = 0; i < arrivals.length; i++) {
            long polled = result.polledNanos()[i];
            int ahead = result.aheadAtArrival()[i];
            long pollsAhead = budget == Integer.MAX_VALUE ? 0 : ahead / budget; // ceil((ahead + 1) / budget) - 1
            long allowed = pollNanos + boundNanos + pollsAhead * pollNanos;
            if (polled == DriverLoopSimulation.NEVER || polled - arrivals[i] > allowed) {
                throw new AssertionError(where + ": packet " + i + " arrived at " + arrivals[i] + " with " + ahead
                        + " ahead, polled " + (polled == DriverLoopSimulation.NEVER ? "never" : "at " + polled)
                        + "; allowed " + allowed + " ns (bound " + boundNanos + ")");
            }
        }
        if (!polling) {
            assertThat(result.settled())
                    .as("%s: %s asleep on an interrupt within %d ns of the last arrival", where, driver.name(),
                            SETTLE_NANOS)
                    .isTrue();
        }
    }

    /**
     * A bursty sequence: gaps of 0 (a burst at one instant), about one poll, about the scale, and long idle spells,
     * each exponentially distributed around its mean. The first arrival is a little after {@code origin}.
     */
    static long[] randomSequence(SplittableRandom random, long origin, int count, long scale, long pollNanos) {
        long[] arrivals = new long[count];
        long t = origin + random.nextLong(scale);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            double mean = kind < 3 ? 0 : kind < 6 ? pollNanos : kind < 9 ? scale : 5.0 * scale;
            t += (long) (-Math.log(1.0 - random.nextDouble()) * mean);
            arrivals[i] = t;
        }
        return arrivals;
    }
}
