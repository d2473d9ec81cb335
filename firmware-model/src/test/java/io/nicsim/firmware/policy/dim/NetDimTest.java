package io.nicsim.firmware.policy.dim;

import io.nicsim.firmware.policy.dim.NetDim.Comparison;
import io.nicsim.firmware.policy.dim.NetDim.TuneState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.nicsim.firmware.policy.dim.NetDim.TuneState.GOING_LEFT;
import static io.nicsim.firmware.policy.dim.NetDim.TuneState.GOING_RIGHT;
import static io.nicsim.firmware.policy.dim.NetDim.TuneState.PARKING_ON_TOP;
import static io.nicsim.firmware.policy.dim.NetDim.TuneState.PARKING_TIRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins {@link NetDim} to docs/semantics.md#dim: measurement windows of 64 events, integer rates rounded up, the
 * comparison order and its 10% rule, and the step / turn / park / exit moves, traced by hand.
 */
class NetDimTest {

    /**
     * Feeds a {@link NetDim} with running counters: each {@link #window} is 64 events, the given packets and
     * bytes, and 1 ms, then a sample. Every sample is a decision unless it starts a measurement (the first one,
     * and the first after a profile change).
     */
    private static final class Feeder {
        final NetDim dim = new NetDim();
        int events;
        long packets;
        long bytes;
        long nowNanos;

        Feeder() {
            this(0, 0, 0, 0);
        }

        Feeder(int events, long packets, long bytes, long nowNanos) {
            this.events = events;
            this.packets = packets;
            this.bytes = bytes;
            this.nowNanos = nowNanos;
        }

        boolean sample() {
            return dim.onSample(events, packets, bytes, nowNanos);
        }

        boolean window(long windowPackets, long windowBytes) {
            return window(NetDim.DECISION_EVENTS, windowPackets, windowBytes, 1_000_000);
        }

        boolean window(int windowEvents, long windowPackets, long windowBytes, long windowNanos) {
            events += windowEvents;
            packets += windowPackets;
            bytes += windowBytes;
            nowNanos += windowNanos;
            return sample();
        }

        void expect(boolean changed, boolean actual, TuneState state, int index) {
            assertThat(actual).as("index changed").isEqualTo(changed);
            assertThat(dim.state()).as("state").isEqualTo(state);
            assertThat(dim.index()).as("index").isEqualTo(index);
        }
    }

    /**
     * A load step, traced by hand from docs/semantics.md#dim. Every window is 64 events in 1 ms (epms 64, never a
     * significant difference, so bytes and packets decide). Low load: 100 packets, 10,000 bytes per window at any
     * profile (bpms 10,000). Then 10x the load, which the host only keeps up with given enough moderation: bytes
     * per window by profile index 0..4 = 60,000, 75,000, 90,000, 100,000 and 80,000 (at index 4 the 256 µs timer
     * overflows the ring); packets = bytes / 100.
     */
    @Test
    void tracesTheProfileThroughALoadStep() {
        Feeder f = new Feeder();
        // Fresh: the kernel's zeroed struct with the default profile.
        assertThat(f.dim.index()).isEqualTo(1);
        assertThat(f.dim.state()).isEqualTo(PARKING_ON_TOP);

        // c0: the first sample starts a measurement.
        f.expect(false, f.window(100, 10_000), PARKING_ON_TOP, 1);
        // c1: low load vs zero previous stats: bpms 10,000 > 0 is BETTER: exit parking; index 1 > 0, so go left
        // and step: index 0, steps_left 1, tired 1. Previous stats := (10,000, 100, 64).
        f.expect(true, f.window(100, 10_000), GOING_LEFT, 0);
        assertThat(f.dim.previousBpms()).isEqualTo(10_000);
        assertThat(f.dim.previousPpms()).isEqualTo(100);
        assertThat(f.dim.previousEpms()).isEqualTo(64);
        // c2: the index changed, so this sample starts a new measurement.
        f.expect(false, f.window(100, 10_000), GOING_LEFT, 0);
        // c3: SAME (low load does not care): turn right (steps_right := 0); on top needs steps_left > 1: no;
        // step: index 1, steps_right 1, tired 2.
        f.expect(true, f.window(100, 10_000), GOING_RIGHT, 1);
        assertThat(f.dim.tired()).isEqualTo(2);
        f.expect(false, f.window(100, 10_000), GOING_RIGHT, 1); // c4: start
        // c5: SAME: turn left (steps_left := 0); on top needs steps_right > 1: no; step: index 0, tired 3.
        f.expect(true, f.window(100, 10_000), GOING_LEFT, 0);
        f.expect(false, f.window(100, 10_000), GOING_LEFT, 0); // c6: start
        // c7: SAME: turn right; step: index 1, steps_right 1, steps_left 1, tired 4.
        f.expect(true, f.window(100, 10_000), GOING_RIGHT, 1);
        f.expect(false, f.window(100, 10_000), GOING_RIGHT, 1); // c8: start; the load steps up 10x from here
        // c9 (index 1): bpms 75,000 vs 10,000: +650%, BETTER: keep going right; on top needs steps_left > 1: no;
        // step: index 2, steps_right 2, tired 5.
        f.expect(true, f.window(750, 75_000), GOING_RIGHT, 2);
        assertThat(f.dim.stepsRight()).isEqualTo(2);
        f.expect(false, f.window(900, 90_000), GOING_RIGHT, 2); // c10: start
        // c11 (index 2): 90,000 vs 75,000: 100 * 15,000 / 75,000 = 20 > 10, BETTER: index 3, tired 6.
        f.expect(true, f.window(900, 90_000), GOING_RIGHT, 3);
        f.expect(false, f.window(1_000, 100_000), GOING_RIGHT, 3); // c12: start
        // c13 (index 3): 100,000 vs 90,000: 100 * 10,000 / 90,000 = 11 > 10, BETTER: index 4, steps_right 4.
        f.expect(true, f.window(1_000, 100_000), GOING_RIGHT, 4);
        f.expect(false, f.window(800, 80_000), GOING_RIGHT, 4); // c14: start
        // c15 (index 4): 80,000 vs 100,000: 20% lower, WORSE: turn left (steps_left := 0); on top needs
        // steps_left == 1: no; step: index 3, steps_left 1, tired 8.
        f.expect(true, f.window(800, 80_000), GOING_LEFT, 3);
        assertThat(f.dim.tired()).isEqualTo(8);
        f.expect(false, f.window(1_000, 100_000), GOING_LEFT, 3); // c16: start
        // c17 (index 3): 100,000 vs 80,000: +25%, BETTER: no turn; going left with steps_right 4 > 1 and
        // steps_left == 1: on top. Park on top: steps and tired cleared. Index unchanged: the end sample becomes
        // the next start, and the previous stats become (100,000, 1,000, 64) (the state was GOING_LEFT).
        f.expect(false, f.window(1_000, 100_000), PARKING_ON_TOP, 3);
        assertThat(f.dim.tired()).isZero();
        assertThat(f.dim.stepsRight()).isZero();
        assertThat(f.dim.previousBpms()).isEqualTo(100_000);
        // c18: same load, SAME: stay parked.
        f.expect(false, f.window(1_000, 100_000), PARKING_ON_TOP, 3);
        // c19: 91,000: 9% lower, not significant (packets 910 vs 1,000 likewise): SAME, stay parked; the state
        // was and stays PARKING_ON_TOP, so the previous stats stay at 100,000.
        f.expect(false, f.window(910, 91_000), PARKING_ON_TOP, 3);
        assertThat(f.dim.previousBpms()).isEqualTo(100_000);
        // c20: 82,000 vs 100,000: 18% lower, WORSE: exit parking to the left: index 2, steps_left 1, tired 1.
        // (Against 91,000 it would have been 9%: SAME, and DIM would have stayed parked.)
        f.expect(true, f.window(820, 82_000), GOING_LEFT, 2);
        assertThat(f.dim.previousBpms()).isEqualTo(82_000);
        assertThat(f.dim.tired()).isEqualTo(1);
    }

    /**
     * Identical stats in every window: DIM keeps probing left and right (SAME turns every time) until it has
     * stepped 10 times (2 x profiles), then parks tired for 10 decisions and exits parking to the left.
     */
    @Test
    void probingUntilTooTiredThenParksAndCountsDown() {
        Feeder f = new Feeder();
        f.expect(false, f.window(100, 10_000), PARKING_ON_TOP, 1); // c0: start
        f.expect(true, f.window(100, 10_000), GOING_LEFT, 0); // c1: exit parking, tired 1
        int[] indexAfter = {1, 0, 1, 0, 1, 0, 1, 0, 1};
        for (int step = 0; step < indexAfter.length; step++) {
            TuneState stateBefore = f.dim.state();
            int indexBefore = f.dim.index();
            f.expect(false, f.window(100, 10_000), stateBefore, indexBefore); // start: no move
            TuneState direction = indexAfter[step] == 1 ? GOING_RIGHT : GOING_LEFT;
            f.expect(true, f.window(100, 10_000), direction, indexAfter[step]);
            assertThat(f.dim.tired()).as("tired after step %d", step + 2).isEqualTo(step + 2);
        }
        // tired == 10, going right at index 1. Start, then SAME: turn left; the step answers TOO_TIRED: park
        // tired, steps cleared, tired kept; the index did not change, so no restart.
        f.expect(false, f.window(100, 10_000), GOING_RIGHT, 1);
        f.expect(false, f.window(100, 10_000), PARKING_TIRED, 1);
        assertThat(f.dim.tired()).isEqualTo(10);
        assertThat(f.dim.stepsLeft()).isZero();
        assertThat(f.dim.stepsRight()).isZero();
        // Every decision counts tired down; at 0 it exits parking (index 1 > 0: left) and steps.
        for (int left = 9; left >= 1; left--) {
            f.expect(false, f.window(100, 10_000), PARKING_TIRED, 1);
            assertThat(f.dim.tired()).isEqualTo(left);
        }
        f.expect(true, f.window(100, 10_000), GOING_LEFT, 0);
        assertThat(f.dim.tired()).isEqualTo(1);
    }

    /**
     * Bytes doubling every window: going left at index 0 answers ON_EDGE and parks on top; a significant change
     * exits parking at index 0 to the right; going right at index 4 answers ON_EDGE and parks on top there.
     */
    @Test
    void parksOnTopAtEitherEdge() {
        Feeder f = new Feeder();
        f.expect(false, f.window(10, 1_000), PARKING_ON_TOP, 1); // start
        f.expect(true, f.window(10, 1_000), GOING_LEFT, 0); // BETTER than zero: exit parking left
        f.expect(false, f.window(20, 2_000), GOING_LEFT, 0); // start
        // 2,000 vs 1,000: BETTER, keep going left; at index 0: ON_EDGE, park on top.
        f.expect(false, f.window(20, 2_000), PARKING_ON_TOP, 0);
        // Parked: 4,000 vs 2,000: BETTER (not SAME): exit parking; index 0, so right: index 1.
        f.expect(true, f.window(40, 4_000), GOING_RIGHT, 1);
        f.expect(false, f.window(80, 8_000), GOING_RIGHT, 1); // start
        f.expect(true, f.window(80, 8_000), GOING_RIGHT, 2);
        f.expect(false, f.window(160, 16_000), GOING_RIGHT, 2); // start
        f.expect(true, f.window(160, 16_000), GOING_RIGHT, 3);
        f.expect(false, f.window(320, 32_000), GOING_RIGHT, 3); // start
        f.expect(true, f.window(320, 32_000), GOING_RIGHT, 4);
        f.expect(false, f.window(640, 64_000), GOING_RIGHT, 4); // start
        // BETTER again, but index 4 is the right edge: ON_EDGE, park on top; tired cleared.
        f.expect(false, f.window(640, 64_000), PARKING_ON_TOP, 4);
        assertThat(f.dim.tired()).isZero();
    }

    @Test
    void noTrafficStaysParkedOnTheDefaultProfile() {
        Feeder f = new Feeder();
        for (int i = 0; i < 20; i++) {
            f.expect(false, f.window(0, 0), PARKING_ON_TOP, 1);
        }
        assertThat(f.dim.previousBpms()).isZero();
    }

    @Test
    void nothingIsDecidedBefore64EventsSinceTheStartSample() {
        Feeder f = new Feeder();
        f.expect(false, f.sample(), PARKING_ON_TOP, 1); // start at t = 0, all counters 0
        assertThat(f.dim.measuring()).isTrue();
        // 10, 30, 63 events since the start sample (not since the last sample): no decision.
        f.expect(false, f.window(10, 1_000, 100_000, 100_000), PARKING_ON_TOP, 1);
        f.expect(false, f.window(20, 1_000, 100_000, 100_000), PARKING_ON_TOP, 1);
        f.expect(false, f.window(33, 1_000, 100_000, 300_000), PARKING_ON_TOP, 1);
        assertThat(f.dim.previousBpms()).as("nothing measured yet").isZero();
        // 64 events since the start sample, 1,000 us after it: a decision over the whole 1 ms.
        f.expect(true, f.window(1, 1_000, 100_000, 500_000), GOING_LEFT, 0);
        assertThat(f.dim.previousPpms()).isEqualTo(4_000);
        assertThat(f.dim.previousBpms()).isEqualTo(400_000);
        assertThat(f.dim.previousEpms()).isEqualTo(64);
    }

    /**
     * {@code delta_us} of 0 decides nothing and keeps the start sample; {@code epms} always uses 64 events, not the
     * events actually counted.
     */
    @Test
    void zeroMicrosecondsDecidesNothingAndKeepsTheStartSample() {
        Feeder f = new Feeder();
        f.sample(); // start at t = 0
        f.expect(false, f.window(64, 10, 1_000, 999), PARKING_ON_TOP, 1); // 999 ns: delta_us 0
        assertThat(f.dim.previousBpms()).isZero();
        // 128 events and 2 us after the start sample.
        f.expect(true, f.window(64, 10, 1_000, 1_001), GOING_LEFT, 0);
        assertThat(f.dim.previousPpms()).as("20 packets in 2 us").isEqualTo(10_000);
        assertThat(f.dim.previousBpms()).as("2,000 bytes in 2 us").isEqualTo(1_000_000);
        assertThat(f.dim.previousEpms()).as("ceil(64 * 1000 / 2), not 128 events").isEqualTo(32_000);
    }

    @Test
    void ratesRoundUp() {
        Feeder f = new Feeder();
        f.sample();
        // 1 packet, 64 bytes, 64 events in 3 us: ceil(1000 / 3), ceil(64000 / 3), ceil(64000 / 3).
        f.window(64, 1, 64, 3_000);
        assertThat(f.dim.previousPpms()).isEqualTo(334);
        assertThat(f.dim.previousBpms()).isEqualTo(21_334);
        assertThat(f.dim.previousEpms()).isEqualTo(21_334);
    }

    /** Events wrap at 16 bits, packets and bytes at 32: the same windows decide the same across the wrap. */
    @Test
    void countersWrapAround() {
        Feeder plain = new Feeder();
        // Start just below each wrap point; the int passed for events also carries bits above 16 that must not
        // count.
        Feeder wrapping = new Feeder(0x7_FFF0, 0xFFFF_FFF0L, 0xFFFF_FF00L, 5_000_000_000L);
        long[][] windows = {{100, 10_000}, {100, 10_000}, {100, 10_000}, {750, 75_000}, {900, 90_000},
                {900, 90_000}, {1_000, 100_000}, {1_000, 100_000}};
        for (long[] w : windows) {
            boolean a = plain.window(w[0], w[1]);
            boolean b = wrapping.window(w[0], w[1]);
            assertThat(b).isEqualTo(a);
            assertThat(wrapping.dim.index()).isEqualTo(plain.dim.index());
            assertThat(wrapping.dim.state()).isEqualTo(plain.dim.state());
            assertThat(wrapping.dim.previousBpms()).isEqualTo(plain.dim.previousBpms());
            assertThat(wrapping.dim.previousPpms()).isEqualTo(plain.dim.previousPpms());
            assertThat(wrapping.dim.previousEpms()).isEqualTo(plain.dim.previousEpms());
        }
        assertThat(wrapping.packets).as("the packet counter really wrapped").isGreaterThan(0xFFFF_FFFFL);
        assertThat(wrapping.events & 0xFFFF).as("the event counter really wrapped").isLessThan(0xFFF0);

        // Across the wrap: events 65,500 -> 28 is 64 events; packets 2^32 - 10 -> 90 is 100.
        NetDim dim = new NetDim();
        dim.onSample(65_500, 0xFFFF_FFF6L, 0xFFFF_FFFFL, 0);
        assertThat(dim.onSample(28, 90, 9_999, 1_000_000)).isTrue();
        assertThat(dim.previousPpms()).isEqualTo(100);
        assertThat(dim.previousBpms()).isEqualTo(10_000);
    }

    /**
     * The comparison, in net_dim_stats_compare's order: bytes, packets, events; a zero previous rate decides at
     * once; a difference counts only if {@code 100 * |cur - prev| / prev > 10} in integer arithmetic.
     */
    @ParameterizedTest(name = "cur ({0}, {1}, {2}) vs prev ({3}, {4}, {5}): {6}")
    @CsvSource({
            // bpms, ppms, epms; previous bpms, ppms, epms; result
            "0, 0, 0, 0, 0, 0, SAME",               // previous bpms 0, current 0
            "1, 0, 999, 0, 5, 5, BETTER",           // previous bpms 0, current > 0: nothing else looked at
            "111, 0, 0, 100, 50, 50, BETTER",       // +11%: significant
            "110, 60, 50, 100, 50, 50, BETTER",     // +10% bytes not significant; packets +20%
            "89, 100, 0, 100, 50, 50, WORSE",       // -11% bytes decides before packets
            "1109, 50, 50, 1000, 50, 50, SAME",     // 100 * 109 / 1000 = 10 (integer): not significant
            "1110, 50, 50, 1000, 50, 50, BETTER",   // 100 * 110 / 1000 = 11
            "891, 50, 50, 1000, 50, 50, SAME",      // -10.9% truncates to 10
            "2, 50, 50, 1, 50, 50, BETTER",         // tiny previous: +100%
            "100, 5, 50, 100, 0, 50, BETTER",       // previous ppms 0, current > 0
            "100, 0, 50, 100, 0, 50, SAME",         // previous ppms 0, current 0
            "100, 40, 50, 100, 50, 50, WORSE",      // packets -20%
            "100, 50, 999, 100, 50, 0, SAME",       // previous epms 0: SAME whatever the events
            "100, 50, 40, 100, 50, 50, BETTER",     // fewer events: better
            "100, 50, 60, 100, 50, 50, WORSE",      // more events: worse
            "105, 54, 55, 100, 50, 50, SAME",       // every rate within 10%
            "120, 10, 500, 100, 50, 50, BETTER",    // bytes first: packets and events not looked at
    })
    void comparesBytesThenPacketsThenEvents(long bpms, long ppms, long epms, long prevBpms, long prevPpms,
                                            long prevEpms, Comparison expected) {
        assertThat(NetDim.compare(bpms, ppms, epms, prevBpms, prevPpms, prevEpms)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({"110, 100, false", "111, 100, true", "90, 100, false", "89, 100, true", "1, 1, false",
            "0, 1, true", "10, 9, true", "9, 10, false", "100000000000, 1, true"})
    void significantMeansMoreThanTenPercentInIntegers(long current, long previous, boolean expected) {
        assertThat(NetDim.significantlyDifferent(current, previous)).isEqualTo(expected);
    }
}
