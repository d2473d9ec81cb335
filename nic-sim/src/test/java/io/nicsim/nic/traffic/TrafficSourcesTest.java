package io.nicsim.nic.traffic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Pins the traffic schedules: reproducible per seed, exact constant spacing, Poisson mean gap, monotonic offsets
 * inside {@code [0, durationNanos)}, flows in {@code [0, flows)}, and config validation naming the key.
 */
class TrafficSourcesTest {

    private static final long SECOND = 1_000_000_000L;

    private record Packet(long offsetNanos, int flow, int frameBytes) {
    }

    private static List<Packet> drain(TrafficSource source, int max) {
        List<Packet> packets = new ArrayList<>();
        while (packets.size() < max && source.next()) {
            packets.add(new Packet(source.offsetNanos(), source.flow(), source.frameBytes()));
        }
        return packets;
    }

    private static List<Packet> schedule(String kind, double rate, long seed, int flows, long durationNanos) {
        return drain(TrafficSources.create(new TrafficConfig(kind, rate, seed, flows, 64), durationNanos),
                Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant", "poisson"})
    void sameSeedGivesTheSameSchedule(String kind) {
        List<Packet> first = schedule(kind, 1_000_000, 42, 7, 10_000_000);
        List<Packet> second = schedule(kind, 1_000_000, 42, 7, 10_000_000);

        assertThat(first).hasSizeGreaterThan(9_000).isEqualTo(second);
        assertThat(schedule(kind, 1_000_000, 43, 7, 10_000_000)).as("another seed").isNotEqualTo(first);
    }

    @Test
    void poissonOffsetsDependOnTheSeed() {
        List<Long> a = schedule("poisson", 1_000_000, 1, 1, 1_000_000).stream().map(Packet::offsetNanos).toList();
        List<Long> b = schedule("poisson", 1_000_000, 2, 1, 1_000_000).stream().map(Packet::offsetNanos).toList();

        assertThat(a).isNotEqualTo(b);
    }

    /**
     * Every gap is the period rounded down or up (never drifting), and the count and the last offset are the
     * hand-worked
     * values: runs of 100 s below 1 kpps, else 1 s; packet i is due at floor(i * 1e9 / rate) ns.
     */
    @ParameterizedTest(name = "{0} packets per second")
    @CsvSource({
            // rate,     packets,   last offset (ns),  period rounded down (ns)
            "1,          100,       99000000000,       1000000000", // 99 s
            "7,          700,       99857142857,       142857142",  // 699 / 7 s = 99.857142857 s
            "1000,       100000,    99999000000,       1000000",
            "200000,     200000,    999995000,         5000",       // 199,999 * 5 us
            "333333,     333333,    999996999,         3000",
                          // 333,332 / 333,333 s = 1 - 3.000003e-6 s = 0.999996999997 s
            "700000,     700000,    999998571,         1428",       // 699,999 / 700,000 s = 0.99999857143 s
            "1000000,    1000000,   999999000,         1000"})
    void constantSpacingIsExactAndDoesNotAccumulateRounding(double rate, long packets, long lastOffset, long gapFloor) {
        long duration = rate <= 1_000 ? 100 * SECOND : SECOND;
        TrafficSource source = TrafficSources.create(new TrafficConfig("constant", rate, 1, 1, 64), duration);
        assertThat(source.kind()).isEqualTo("constant");

        long i = 0;
        long previous = -1;
        while (source.next()) {
            long offset = source.offsetNanos();
            if (i == 0 ? offset != 0 : offset - previous < gapFloor || offset - previous > gapFloor + 1) {
                fail("packet %d at %d, %d after the previous one; expected a gap of %d or %d", i, offset,
                        offset - previous, gapFloor, gapFloor + 1);
            }
            previous = offset;
            i++;
        }
        assertThat(i).as("packets in [0, %d)", duration).isEqualTo(packets);
        assertThat(previous).as("the last packet's offset").isEqualTo(lastOffset);
    }

    /**
     * Offsets are computed with one rounding: multiplying by a pre-rounded period put packet 195 at 3 Mpps at
     * 64999 ns instead of 65000 (and made a 17 s run at 3 pps hold 52 packets, not 51).
     */
    @Test
    void constantSpacingIsExactForRatesWhosePeriodIsNotADouble() {
        // 3 pps: a third of a second, rounded down once per packet, never accumulated
        assertThat(constantOffsets(3, 20 * SECOND, 60)).startsWith(0L, 333_333_333L, 666_666_666L, 1_000_000_000L,
                1_333_333_333L).contains(17_000_000_000L).last().isEqualTo(19_666_666_666L);
        assertThat(constantOffsets(3, 17 * SECOND, 100)).as("a 17 s run at 3 pps holds 51 packets").hasSize(51);
        // 3 Mpps: 333.3 ns
        List<Long> fast = constantOffsets(3_000_000, 20 * SECOND, 1_000);
        assertThat(fast).startsWith(0L, 333L, 666L, 1_000L, 1_333L);
        assertThat(fast.get(195)).as("packet 195").isEqualTo(65_000L);
        assertThat(fast.get(999)).as("packet 999").isEqualTo(333_000L);
    }

    /** @return the offsets of the first {@code max} packets of a constant source */
    private static List<Long> constantOffsets(double rate, long duration, int max) {
        TrafficSource source = TrafficSources.create(new TrafficConfig("constant", rate, 1, 1, 64), duration);
        List<Long> offsets = new ArrayList<>();
        while (offsets.size() < max && source.next()) {
            offsets.add(source.offsetNanos());
        }
        return offsets;
    }

    @Test
    void constantScheduleCountsAtTheDurationBoundary() {
        assertThat(schedule("constant", 1_000_000, 1, 1, 10_000)).as("0..9000; 10000 is not < 10000").hasSize(10);
        assertThat(schedule("constant", 1_000_000, 1, 1, 10_001)).hasSize(11);
        assertThat(schedule("constant", 1_000_000, 1, 1, 1)).as("only the packet at 0").hasSize(1);
        assertThat(schedule("constant", 1_000_000, 1, 1, 0)).isEmpty();
        assertThat(schedule("poisson", 1_000_000, 1, 1, 0)).isEmpty();
    }

    @Test
    void poissonMeanGapIsWithinTwoPercentOfTheRateOver200kPackets() {
        double rate = 200_000;
        int packets = 200_000;
        // Twice the expected span, so the schedule does not run out.
        TrafficSource source = TrafficSources.create(new TrafficConfig("poisson", rate, 12345, 1, 64),
                (long) (2 * packets * 1e9 / rate));
        assertThat(source.kind()).isEqualTo("poisson");
        long[] offsets = new long[packets];
        for (int i = 0; i < packets; i++) {
            if (!source.next()) {
                fail("the schedule ended after %d packets", i);
            }
            offsets[i] = source.offsetNanos();
        }

        double meanGap = (offsets[packets - 1] - offsets[0]) / (double) (packets - 1);
        double expected = 1e9 / rate;
        assertThat(meanGap).isCloseTo(expected, within(0.02 * expected));

        // Exponential, not merely the right mean: P(gap > mean) = 1/e.
        long longer = 0;
        for (int i = 1; i < packets; i++) {
            if (offsets[i] - offsets[i - 1] > expected) {
                longer++;
            }
        }
        assertThat(longer / (double) (packets - 1)).isCloseTo(Math.exp(-1), within(0.01));
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant", "poisson"})
    void offsetsNeverDecreaseAndStayBeforeTheDuration(String kind) {
        for (double rate : new double[] {1e4, 1e6, 5e8, 3e9}) {
            for (long seed = 1; seed <= 3; seed++) {
                long duration = 1_000_003;
                TrafficSource source = TrafficSources.create(new TrafficConfig(kind, rate, seed, 3, 64), duration);
                long previous = Long.MIN_VALUE;
                int count = 0;
                while (source.next()) {
                    long offset = source.offsetNanos();
                    if (offset < previous || offset < 0 || offset >= duration) {
                        fail("%s at %s pps, packet %d at %d after %d, duration %d", kind, rate, count, offset,
                                previous, duration);
                    }
                    previous = offset;
                    count++;
                }
                assertThat(count).as("%s at %s pps", kind, rate).isPositive();
                assertThat(source.next()).as("stays exhausted").isFalse();
                assertThat(source.next()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"constant", "poisson"})
    void flowsSpreadUniformlyOverTheRange(String kind) {
        int flows = 5;
        int[] perFlow = new int[flows];
        List<Packet> packets = schedule(kind, 1_000_000, 99, flows, 100_000_000);
        for (Packet packet : packets) {
            assertThat(packet.flow()).isBetween(0, flows - 1);
            assertThat(packet.frameBytes()).isEqualTo(64);
            perFlow[packet.flow()]++;
        }
        double expected = packets.size() / (double) flows;
        for (int flow = 0; flow < flows; flow++) {
            assertThat((double) perFlow[flow]).as("packets of flow %d", flow)
                    .isCloseTo(expected, within(0.03 * expected));
        }
    }

    @Test
    void oneFlowIsAlwaysFlowZeroAndFrameSizeIsAsConfigured() {
        TrafficSource source = TrafficSources.create(new TrafficConfig("poisson", 1e6, 5, 1, 1500), 1_000_000);
        int count = 0;
        while (source.next()) {
            assertThat(source.flow()).isZero();
            assertThat(source.frameBytes()).isEqualTo(1500);
            count++;
        }
        assertThat(count).isGreaterThan(900);
    }

    @Test
    void defaultsArePoissonAt200kpps() {
        TrafficSource source = TrafficSources.create(TrafficConfig.DEFAULTS, SECOND);
        assertThat(source.kind()).isEqualTo("poisson");
        assertThat(TrafficSources.KINDS).containsExactly("constant", "poisson", "on-off", "mmpp", "trace", "udp");
        assertThat(TrafficSources.RATE_KINDS).containsExactly("constant", "poisson");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsRatesNamingTheKey(double rate) {
        for (String kind : TrafficSources.KINDS) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> TrafficSources.create(new TrafficConfig(kind, rate, 1, 1, 64), SECOND))
                    .withMessageContaining("traffic.ratePerSecond");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void rejectsFlowsAndFrameBytesNamingTheKey(int bad) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TrafficSources.create(new TrafficConfig("constant", 1e6, 1, bad, 64), SECOND))
                .withMessageContaining("traffic.flows").withMessageContaining(String.valueOf(bad));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TrafficSources.create(new TrafficConfig("poisson", 1e6, 1, 1, bad), SECOND))
                .withMessageContaining("traffic.frameBytes").withMessageContaining(String.valueOf(bad));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Poisson", "bursty"})
    void rejectsUnknownKindsNamingTheKeyAndTheChoices(String kind) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TrafficSources.create(new TrafficConfig(kind, 1e6, 1, 1, 64), SECOND))
                .withMessageContaining("traffic.kind")
                .withMessageContaining("constant").withMessageContaining("poisson")
                .withMessageContaining("'" + kind + "'");
    }
}
