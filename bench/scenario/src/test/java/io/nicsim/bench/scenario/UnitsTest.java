package io.nicsim.bench.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the strict unit grammar of durations and rates, its "expected ..., found '...'" errors, and formatDuration's
 * round trip.
 */
class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
            "500ns, 500",
            "10us, 10000",
            "10µs, 10000",
            "1.5ms, 1500000",
            "2s, 2000000000",
            "1m, 60000000000",
            "1min, 60000000000",
            "250, 250",
            "0, 0",
            "0s, 0",
            "'  3 ms ', 3000000",
            "1e3us, 1000000",
            "9223372036854775807ns, 9223372036854775807",
    })
    void parsesDurations(String text, long nanos) {
        assertThat(Units.parseDurationNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "{0} = {1} pps")
    @CsvSource({
            "50000, 50000",
            "50000pps, 50000",
            "50kpps, 50000",
            "1.5Mpps, 1500000",
            "0.5kpps, 500",
            "2.5, 2.5",
    })
    void parsesRates(String text, double perSecond) {
        assertThat(Units.parseRatePerSecond(text)).isEqualTo(perSecond);
    }

    @ParameterizedTest(name = "duration ''{0}'' is rejected")
    @ValueSource(strings = {"-5", "-5ns", "-1s", "1.5ns", "0.5", "10 parsecs", "5xs", "10MS", "10 s s", "", "   ",
            "ms", "1e30s", "9223372036854775808", "10000000000000m", "1,5ms", "NaN", "Infinity", "0x10", "1e-3ns"})
    void rejectsBadDurations(String text) {
        assertThatThrownBy(() -> Units.parseDurationNanos(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected ")
                .hasMessageEndingWith(", found '" + text + "'");
    }

    @ParameterizedTest(name = "rate ''{0}'' is rejected")
    @ValueSource(strings = {"-5", "-50kpps", "fast", "10 parsecs", "5xs", "50Kpps", "1.5mpps", "", "pps", "1,5Mpps",
            "NaN", "Infinity"})
    void rejectsBadRates(String text) {
        assertThatThrownBy(() -> Units.parseRatePerSecond(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected ")
                .hasMessageEndingWith(", found '" + text + "'");
    }

    @Test
    void unknownUnitMessagesListTheUnits() {
        assertThatThrownBy(() -> Units.parseDurationNanos("10 parsecs"))
                .hasMessage("expected a duration unit ns, us, ms, s or m, found '10 parsecs'");
        assertThatThrownBy(() -> Units.parseRatePerSecond("5xs"))
                .hasMessage("expected a rate unit pps, kpps or Mpps, found '5xs'");
    }

    @Test
    void fractionalNanosecondsAndOverflowSayWhy() {
        assertThatThrownBy(() -> Units.parseDurationNanos("1.5ns"))
                .hasMessageContaining("whole number of nanoseconds");
        assertThatThrownBy(() -> Units.parseDurationNanos("1e30s"))
                .hasMessageContaining("below 2^63");
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Units.formatDuration(0)).isEqualTo("0ns");
        assertThat(Units.formatDuration(999)).isEqualTo("999ns");
        assertThat(Units.formatDuration(1_000)).isEqualTo("1us");
        assertThat(Units.formatDuration(1_500_000)).isEqualTo("1500us");
        assertThat(Units.formatDuration(2_000_000)).isEqualTo("2ms");
        assertThat(Units.formatDuration(90_000_000_000L)).isEqualTo("90s");
        assertThat(Units.formatDuration(120_000_000_000L)).isEqualTo("2m");
        assertThat(Units.formatDuration(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE + "ns");
    }

    @Test
    void formatDurationRoundTripsThroughTheParser() {
        long[] units = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L};
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        for (int i = 0; i < 5_000; i++) {
            long nanos = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(0, Long.MAX_VALUE) ;
                case 1 -> random.nextLong(0, 1_000_000L);
                case 2 -> units[random.nextInt(units.length)] * random.nextLong(0, 10_000L);
                default -> {
                    long unit = units[random.nextInt(units.length)];
                    yield random.nextLong(0, Long.MAX_VALUE / unit) * unit;
                }
            };
            String text = Units.formatDuration(nanos);
            assertThat(Units.parseDurationNanos(text)).as("parse(format(%d)) via '%s'", nanos, text).isEqualTo(nanos);
        }
        for (long edge : new long[] {0, 1, 999, 1_000, 59_999_999_999L, 60_000_000_000L, Long.MAX_VALUE,
                Long.MAX_VALUE / 60_000_000_000L * 60_000_000_000L}) {
            assertThat(Units.parseDurationNanos(Units.formatDuration(edge))).isEqualTo(edge);
        }
    }

    @Test
    void integersAreStrictAndBounded() {
        assertThat(Units.parseInteger(" 42 ", 0, 100)).isEqualTo(42);
        assertThat(Units.parseInteger("-7", -10, 10)).isEqualTo(-7);
        assertThatThrownBy(() -> Units.parseInteger("8.5", 0, 100)).hasMessage("expected an integer, found '8.5'");
        assertThatThrownBy(() -> Units.parseInteger("101", 0, 100))
                .hasMessageStartingWith("expected an integer in [0, 100]");
        assertThatThrownBy(() -> Units.parseInteger("-1", 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describedDurationsAreExactWhenWholeElseThreeDigits() {
        assertThat(Units.describeDuration(5_000_000_000L)).isEqualTo("5s");
        assertThat(Units.describeDuration(1_666_666_666L)).isEqualTo("1.67s");
        assertThat(Units.describeDuration(333_333_333L)).isEqualTo("333ms");
        assertThat(Units.describeDuration(66_666_666L)).isEqualTo("66.7ms");
        assertThat(Units.describeDuration(1_500L)).isEqualTo("1.5us");
        assertThat(Units.describeDuration(999L)).isEqualTo("999ns");
        assertThat(Units.describeDuration(0L)).isEqualTo("0ns");
    }
}
