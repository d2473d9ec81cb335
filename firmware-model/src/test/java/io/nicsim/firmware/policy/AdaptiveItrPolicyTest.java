package io.nicsim.firmware.policy;

import io.nicsim.firmware.policy.AdaptiveItrPolicy.LatencyClass;
import io.nicsim.firmware.policy.PolicyLoopSimulation.Raise;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.nicsim.firmware.policy.AdaptiveItrPolicy.LatencyClass.BULK_LATENCY;
import static io.nicsim.firmware.policy.AdaptiveItrPolicy.LatencyClass.LOWEST_LATENCY;
import static io.nicsim.firmware.policy.AdaptiveItrPolicy.LatencyClass.LOW_LATENCY;
import static io.nicsim.firmware.policy.NotificationPolicyContract.atMost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pins {@link AdaptiveItrPolicy} to e1000e's {@code e1000_update_itr} and {@code e1000_set_itr}
 * (docs/semantics.md#adaptive-itr): the class transitions, the gradual rate increase, and the raise times they give.
 */
class AdaptiveItrPolicyTest {

    /**
     * Latency bound: the bulk gap, 1e9 / 4,000 = 250 us. Minimum gap: 1e9 / 70,000 = 14,285 ns (dynamic); the
     * conservative mode never goes above 20,000/s, so 50 us.
     */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                NotificationPolicyContract.verify("adaptive-itr dynamic", () -> new AdaptiveItrPolicy(false),
                        atMost(250_000), 14_285),
                NotificationPolicyContract.verify("adaptive-itr dynamic-conservative",
                        () -> new AdaptiveItrPolicy(true), atMost(250_000), 50_000));
    }

    /** {@code e1000_update_itr}: (class, packets, bytes) of an interval -> the next class. */
    @ParameterizedTest(name = "{0}, {1} packets, {2} bytes -> {3}")
    @CsvSource({
            // lowest latency: jumbo average -> bulk; few but not tiny -> low; else stay
            "LOWEST_LATENCY, 1, 9000, BULK_LATENCY",
            "LOWEST_LATENCY, 2, 16002, BULK_LATENCY",
            "LOWEST_LATENCY, 4, 600, LOW_LATENCY",
            "LOWEST_LATENCY, 4, 512, LOWEST_LATENCY",
            "LOWEST_LATENCY, 5, 600, LOWEST_LATENCY",
            "LOWEST_LATENCY, 40, 60000, LOWEST_LATENCY",
            "LOWEST_LATENCY, 0, 0, LOWEST_LATENCY",
            // low latency, more than 10,000 bytes: jumbo, few packets or large average -> bulk; many -> lowest
            "LOW_LATENCY, 1, 10001, BULK_LATENCY",
            "LOW_LATENCY, 9, 10800, BULK_LATENCY",
            "LOW_LATENCY, 10, 13000, BULK_LATENCY",
            "LOW_LATENCY, 10, 12000, LOW_LATENCY",
            "LOW_LATENCY, 35, 12000, LOW_LATENCY",
            "LOW_LATENCY, 36, 10800, LOWEST_LATENCY",
            // low latency, at most 10,000 bytes: average above 2,000 -> bulk; 1-2 tiny packets -> lowest
            "LOW_LATENCY, 2, 9000, BULK_LATENCY",
            "LOW_LATENCY, 5, 10000, LOW_LATENCY",
            "LOW_LATENCY, 2, 511, LOWEST_LATENCY",
            "LOW_LATENCY, 2, 512, LOW_LATENCY",
            "LOW_LATENCY, 3, 192, LOW_LATENCY",
            "LOW_LATENCY, 0, 0, LOW_LATENCY",
            // bulk: more than 25,000 bytes in many packets, or under 6,000 bytes -> low
            "BULK_LATENCY, 36, 25001, LOW_LATENCY",
            "BULK_LATENCY, 35, 30000, BULK_LATENCY",
            "BULK_LATENCY, 10, 25000, BULK_LATENCY",
            "BULK_LATENCY, 10, 5999, LOW_LATENCY",
            "BULK_LATENCY, 10, 6000, BULK_LATENCY",
            "BULK_LATENCY, 0, 0, BULK_LATENCY",
    })
    void classTransitions(LatencyClass current, long packets, long bytes, LatencyClass expected) {
        assertThat(AdaptiveItrPolicy.nextClass(current, packets, bytes)).isEqualTo(expected);
    }

    /** {@code e1000_set_itr}: down at once; up by a quarter of the target per interrupt, capped at the target. */
    @ParameterizedTest(name = "{0}/s toward {1}/s -> {2}/s")
    @CsvSource({"4000, 20000, 9000", "9000, 20000, 14000", "14000, 20000, 19000", "19000, 20000, 20000",
            "20000, 70000, 37500", "37500, 70000, 55000", "55000, 70000, 70000", "4000, 70000, 21500",
            "70000, 4000, 4000", "70000, 20000, 20000", "20000, 20000, 20000"})
    void rateRisesGraduallyAndFallsAtOnce(int current, int target, int expected) {
        assertThat(AdaptiveItrPolicy.nextInterruptsPerSecond(current, target)).isEqualTo(expected);
    }

    /**
     * Dynamic mode, 64-byte frames, times in nanoseconds. Start: 20,000/s, class lowest latency, no raise yet.
     * Small sparse packets keep the class at lowest latency, so the rate climbs 20,000 -> 37,500 (gap 26,666) ->
     * 55,000 (18,181) -> 70,000 (14,285).
     */
    static Stream<Arguments> dynamicMode() {
        return Stream.of(
                // 0 raises at once (first ever); the other 9 wait for 0 + 26,666.
                arguments("burst: 10 at 0", new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                        List.of(new Raise(0, 1), new Raise(26_666, 9))),
                // 0 at once -> 37,500/s; 10 us waits for 26,666 (20 us joins) -> 55,000/s; 30 us waits for
                // 26,666 + 18,181 = 44,847 (40 us joins) -> 70,000/s; 50 us waits for 44,847 + 14,285 = 59,132;
                // 60 us for 73,417 (70 us joins); 80 us for 87,702.
                arguments("steady rate: one every 10 us", new long[] {0, 10_000, 20_000, 30_000, 40_000, 50_000,
                        60_000, 70_000, 80_000},
                        List.of(new Raise(0, 1), new Raise(26_666, 2), new Raise(44_847, 2), new Raise(59_132, 1),
                                new Raise(73_417, 2), new Raise(87_702, 1))),
                // Far apart, each raises at once.
                arguments("gap: 1 ms", new long[] {0, 1_000_000}, List.of(new Raise(0, 1), new Raise(1_000_000, 1))),
                // Every 100 us (each at once, rate 37,500 -> 55,000 -> 70,000), then every 2 us from 300 us: 300 at
                // once (gap 14,285 since 200 us passed), 302..314 wait for 314,285, 316..328 for 328,570.
                arguments("rate step: every 100 us, then every 2 us",
                        new long[] {0, 100_000, 200_000, 300_000, 302_000, 304_000, 306_000, 308_000, 310_000,
                                312_000, 314_000, 316_000, 318_000, 320_000, 322_000, 324_000, 326_000, 328_000},
                        List.of(new Raise(0, 1), new Raise(100_000, 1), new Raise(200_000, 1), new Raise(300_000, 1),
                                new Raise(314_285, 7), new Raise(328_570, 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dynamicMode")
    void dynamicModeRaiseTimes(String scenario, long[] arrivals, List<Raise> expected) {
        PolicyLoopSimulation.Result result = PolicyLoopSimulation.run(new AdaptiveItrPolicy(false), arrivals, 0, 1,
                arrivals[arrivals.length - 1] + 300_000);

        assertThat(result.raises()).isEqualTo(expected);
    }

    /**
     * Conservative mode, step by step with explicit times (nanoseconds): small packets, a burst of full-size
     * frames that turns the class to bulk (4,000/s), then small packets again, with the rate climbing back
     * 4,000 -> 9,000 -> 14,000 -> 19,000 -> 20,000.
     */
    @Test
    void conservativeModeThroughABulkBurst() {
        AdaptiveItrPolicy policy = new AdaptiveItrPolicy(true);
        assertThat(policy.latencyClass()).as("the zeroed adapter").isEqualTo(LOWEST_LATENCY);
        assertThat(policy.interruptsPerSecond()).isEqualTo(20_000);

        // 0: a 64-byte packet raises at once. Lowest latency stays lowest (1 packet, 64 bytes), but conservative
        // mode turns it into low latency: 20,000/s, gap 50 us.
        assertThat(policy.onCompletion(0, 64)).isTrue();
        raise(policy, 0, LOW_LATENCY, 20_000, 50_000);

        // 100 us: 20 frames of 1,500 bytes. The first raises at once (100 us > 50 us): 1 packet of 1,500 bytes
        // keeps low latency. The other 19 wait for 150 us.
        assertThat(policy.onCompletion(100_000, 1_500)).isTrue();
        raise(policy, 100_000, LOW_LATENCY, 20_000, 50_000);
        for (int i = 0; i < 19; i++) {
            assertThat(policy.onCompletion(100_000, 1_500)).isFalse();
        }
        assertThat(policy.nextTimerNanos()).isEqualTo(150_000);
        assertThat(policy.onTimer(149_999)).isFalse();
        assertThat(policy.onTimer(150_000)).isTrue();
        // 19 packets, 28,500 bytes: low latency, more than 10,000 bytes, 1,500 a packet > 1,200: bulk, 4,000/s.
        raise(policy, 150_000, BULK_LATENCY, 4_000, 250_000);
        assertThat(policy.gapNanos()).isEqualTo(250_000);

        // Small packets at 200 and 210 us wait for 150 + 250 = 400 us. 2 packets, 128 bytes < 6,000: low latency;
        // the rate rises to 4,000 + 20,000 / 4 = 9,000/s (gap 111,111 ns).
        assertThat(policy.onCompletion(200_000, 64)).isFalse();
        assertThat(policy.onCompletion(210_000, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(400_000);
        assertThat(policy.onTimer(400_000)).isTrue();
        raise(policy, 400_000, LOW_LATENCY, 9_000, 111_111);

        // 450 us waits for 511,111: 1 tiny packet would be lowest latency, conservative makes it low: 14,000/s.
        assertThat(policy.onCompletion(450_000, 64)).isFalse();
        assertThat(policy.nextTimerNanos()).isEqualTo(511_111);
        assertThat(policy.onTimer(511_111)).isTrue();
        raise(policy, 511_111, LOW_LATENCY, 14_000, 71_428);

        // 600 us: 88,889 ns after the last raise >= 71,428: at once; 19,000/s (gap 52,631).
        assertThat(policy.onCompletion(600_000, 64)).isTrue();
        raise(policy, 600_000, LOW_LATENCY, 19_000, 52_631);

        // 620 us waits for 652,631; then 20,000/s, the conservative ceiling.
        assertThat(policy.onCompletion(620_000, 64)).isFalse();
        assertThat(policy.onTimer(652_631)).isTrue();
        raise(policy, 652_631, LOW_LATENCY, 20_000, 50_000);
    }

    /** @param expectedGapNanos 1 s / expectedPerSecond, worked out by hand (whole nanoseconds, rounded down) */
    private static void raise(AdaptiveItrPolicy policy, long nowNanos, LatencyClass expectedClass,
                              int expectedPerSecond, long expectedGapNanos) {
        policy.onRaised(nowNanos);
        assertThat(policy.latencyClass()).as("class after the raise at %d", nowNanos).isEqualTo(expectedClass);
        assertThat(policy.interruptsPerSecond()).as("rate after the raise at %d", nowNanos)
                .isEqualTo(expectedPerSecond);
        assertThat(policy.gapNanos()).isEqualTo(expectedGapNanos);
        assertThat(policy.pendingCompletions()).isZero();
    }

    /** Dynamic mode: sparse tiny packets reach lowest latency at 70,000/s; conservative stops at 20,000/s. */
    @Test
    void onlyTheDynamicModeReachesLowestLatency() {
        for (boolean conservative : new boolean[] {false, true}) {
            AdaptiveItrPolicy policy = new AdaptiveItrPolicy(conservative);
            long now = 0;
            for (int i = 0; i < 10; i++) {
                assertThat(policy.onCompletion(now, 64)).as("1 ms apart: at once").isTrue();
                policy.onRaised(now);
                now += 1_000_000;
            }
            assertThat(policy.latencyClass()).isEqualTo(conservative ? LOW_LATENCY : LOWEST_LATENCY);
            assertThat(policy.interruptsPerSecond()).isEqualTo(conservative ? 20_000 : 70_000);
            assertThat(policy.conservative()).isEqualTo(conservative);
        }
    }

    /** Jumbo frames go to bulk from any class, and back to low latency once the load is light. */
    @Test
    void jumboFramesGoBulkAndComeBack() {
        AdaptiveItrPolicy policy = new AdaptiveItrPolicy(false);
        policy.onCompletion(0, 9_000);
        policy.onRaised(0);
        assertThat(policy.latencyClass()).as("9,000 bytes a packet > 8,000").isEqualTo(BULK_LATENCY);
        assertThat(policy.interruptsPerSecond()).isEqualTo(4_000);

        policy.onCompletion(1_000_000, 64);
        policy.onRaised(1_000_000);
        assertThat(policy.latencyClass()).as("64 bytes < 6,000").isEqualTo(LOW_LATENCY);
        assertThat(policy.interruptsPerSecond()).isEqualTo(9_000);
    }

    @Test
    void nameIsAdaptiveItr() {
        assertThat(new AdaptiveItrPolicy(true).name()).isEqualTo("adaptive-itr").isEqualTo(AdaptiveItrPolicy.NAME);
    }
}
