package io.nicsim.nic.traffic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Pins the on-off source: bursts start every burst + idle, hold evenly spaced arrivals at the burst rate and nothing
 * in the silence; the mean rate is rate * burst / (burst + idle); flows are reproducible per seed.
 */
class OnOffSourceTest {

    private static final long MICROS = 1_000;

    private static TrafficSource source(double rate, long burst, long idle, long seed, int flows, long duration) {
        return TrafficSources.create(new TrafficConfig("constant", rate, seed, flows, 64).withOnOff(burst, idle),
                duration);
    }

    private static List<Long> offsets(TrafficSource source) {
        List<Long> offsets = new ArrayList<>();
        while (source.next()) {
            offsets.add(source.offsetNanos());
        }
        return offsets;
    }

    @Test
    void burstsOfEvenlySpacedArrivalsThenSilence() {
        // 1 Mpps within bursts of 5 us, 15 us of silence: 5 packets at 0, 1, 2, 3, 4 us, the next burst at 20 us
        List<Long> offsets = offsets(source(1e6, 5 * MICROS, 15 * MICROS, 1, 1, 45 * MICROS));

        assertThat(offsets).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L, 20_000L, 21_000L, 22_000L, 23_000L,
                24_000L, 40_000L, 41_000L, 42_000L, 43_000L, 44_000L);
    }

    @Test
    void aBurstShorterThanTheGapHoldsOnePacket() {
        assertThat(offsets(source(1_000, MICROS, 9 * MICROS, 1, 1, 50 * MICROS)))
                .containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L);
        assertThat(offsets(source(1e6, 10 * MICROS, 0, 1, 1, 20 * MICROS))).as("no silence: constant rate").hasSize(20);
    }

    @Test
    void meanRateIsTheBurstRateTimesTheDutyCycle() {
        double rate = 2_000_000;
        long burst = 50 * MICROS;
        long idle = 450 * MICROS;
        long duration = 1_000_000_000;
        List<Long> offsets = offsets(source(rate, burst, idle, 3, 1, duration));

        double expected = 200_000; // 2 Mpps during 50 us of every 500 us (a tenth of the time) for 1 s
        assertThat((double) offsets.size()).isCloseTo(expected, within(expected * 0.001));
        for (long offset : offsets) {
            assertThat(offset % (burst + idle)).as("offset %d lies in a burst", offset).isLessThan(burst);
        }
    }

    @Test
    void flowsAreReproduciblePerSeedAndUniform() {
        TrafficSource a = source(1e6, 100 * MICROS, 100 * MICROS, 42, 4, 100_000_000);
        TrafficSource b = source(1e6, 100 * MICROS, 100 * MICROS, 42, 4, 100_000_000);
        int[] perFlow = new int[4];
        int packets = 0;
        while (a.next()) {
            assertThat(b.next()).isTrue();
            assertThat(a.flow()).isEqualTo(b.flow());
            assertThat(a.offsetNanos()).isEqualTo(b.offsetNanos());
            perFlow[a.flow()]++;
            packets++;
        }
        assertThat(b.next()).isFalse();
        assertThat(a.kind()).isEqualTo("on-off");
        for (int count : perFlow) {
            assertThat((double) count).isCloseTo(packets / 4.0, within(packets * 0.01));
        }
    }

    @Test
    void rejectsAnEmptyBurstOrNegativeSilenceNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> source(1e6, 0, 10, 1, 1, 1_000))
                .withMessageStartingWith("traffic.burstNanos").withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> source(1e6, 10, -1, 1, 1, 1_000))
                .withMessageStartingWith("traffic.idleNanos");
    }
}
