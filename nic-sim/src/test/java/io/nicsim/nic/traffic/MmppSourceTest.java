package io.nicsim.nic.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Pins the MMPP source with seeded loops: the same seed gives the same arrivals, the long-run rate is the
 * sojourn-weighted mean of the two rates, it switches between the states with the configured mean stays, and with
 * equal rates it is Poisson.
 */
class MmppSourceTest {

    private static final long SECOND = 1_000_000_000L;

    private static MmppSource source(double rate1, double rate2, long sojourn1, long sojourn2, long seed,
            long duration) {
        return (MmppSource) TrafficSources.create(new TrafficConfig("constant", rate1, seed, 3, 64)
                .withMmpp(rate2, sojourn1, sojourn2), duration);
    }

    @Test
    void sameSeedSameArrivalsAndAnotherSeedOthers() {
        MmppSource a = source(100_000, 1_000_000, 500_000, 100_000, 9, 50_000_000);
        MmppSource b = source(100_000, 1_000_000, 500_000, 100_000, 9, 50_000_000);
        MmppSource c = source(100_000, 1_000_000, 500_000, 100_000, 10, 50_000_000);
        int packets = 0;
        boolean differs = false;
        while (a.next()) {
            assertThat(b.next()).isTrue();
            assertThat(new long[] {a.offsetNanos(), a.flow(), a.state()})
                    .containsExactly(b.offsetNanos(), b.flow(), b.state());
            differs |= !c.next() || c.offsetNanos() != a.offsetNanos();
            packets++;
        }
        assertThat(b.next()).isFalse();
        assertThat(packets).isGreaterThan(5_000);
        assertThat(differs).as("another seed").isTrue();
        assertThat(a.kind()).isEqualTo("mmpp");
    }

    @Test
    void meanRateIsTheSojournWeightedMeanAndStatesAlternateWithTheirMeanStays() {
        double rate1 = 200_000;
        double rate2 = 1_000_000;
        long sojourn1 = 1_000_000;
        long sojourn2 = 100_000;
        long duration = 20 * SECOND;
        MmppSource source = source(rate1, rate2, sojourn1, sojourn2, 12345, duration);

        long packets = 0;
        long inState2 = 0;
        long visits1 = 0;
        long visits2 = 0;
        int previousState = -1;
        long previous = -1;
        while (source.next()) {
            if (source.offsetNanos() < previous) {
                fail("offset %d after %d", source.offsetNanos(), previous);
            }
            previous = source.offsetNanos();
            packets++;
            if (source.state() == 1) {
                inState2++;
            }
            if (source.state() != previousState) {
                if (source.state() == 0) {
                    visits1++;
                } else {
                    visits2++;
                }
                previousState = source.state();
            }
        }
        double meanRate = (rate1 * sojourn1 + rate2 * sojourn2) / (sojourn1 + sojourn2);
        assertThat(packets / (duration / 1e9)).as("packets per second").isCloseTo(meanRate, within(0.03 * meanRate));
        assertThat(inState2 / (double) packets).as("share of packets in state 2")
                .isCloseTo(rate2 * sojourn2 / (rate1 * sojourn1 + rate2 * sojourn2), within(0.02));
        // A visit is seen as a run of packets in one state: rate * mean stay packets each (a visit with no arrival,
        // 1 in ~100 here, merges two runs).
        assertThat((packets - inState2) / (double) visits1).as("packets per visit of state 1")
                .isCloseTo(rate1 * sojourn1 / 1e9, within(0.1 * rate1 * sojourn1 / 1e9));
        assertThat(inState2 / (double) visits2).as("packets per visit of state 2")
                .isCloseTo(rate2 * sojourn2 / 1e9, within(0.1 * rate2 * sojourn2 / 1e9));
        assertThat(visits1 + visits2).as("switches over 20 s of 1.1 ms cycles").isGreaterThan(30_000);
    }

    @Test
    void equalRatesArePoisson() {
        double rate = 500_000;
        MmppSource source = source(rate, rate, 10_000, 30_000, 77, SECOND);
        long previous = -1;
        long gaps = 0;
        long longer = 0;
        while (source.next()) {
            if (previous >= 0) {
                gaps++;
                if (source.offsetNanos() - previous > 1e9 / rate) {
                    longer++;
                }
            }
            previous = source.offsetNanos();
        }
        assertThat(gaps / 1.0).isCloseTo(rate, within(0.01 * rate));
        assertThat(longer / (double) gaps).as("P(gap > mean) = 1/e").isCloseTo(Math.exp(-1), within(0.01));
    }

    @Test
    void rejectsABadSecondRateOrSojournNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> source(1e5, 0, 1_000, 1_000, 1, SECOND))
                .withMessageStartingWith("traffic.mmppRate2PerSecond");
        assertThatIllegalArgumentException().isThrownBy(() -> source(1e5, 1e6, 0, 1_000, 1, SECOND))
                .withMessageStartingWith("traffic.mmppSojourn1Nanos");
        assertThatIllegalArgumentException().isThrownBy(() -> source(1e5, 1e6, 1_000, -5, 1, SECOND))
                .withMessageStartingWith("traffic.mmppSojourn2Nanos");
    }
}
