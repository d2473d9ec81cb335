package io.nicsim.firmware.clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Pins {@link ManualNanoClock}: moves only when told, exactly as told, and never backwards. */
class ManualNanoClockTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 123_456_789_012L, Long.MIN_VALUE, Long.MAX_VALUE})
    void startsWhereItIsTold(long start) {
        ManualNanoClock clock = new ManualNanoClock(start);

        assertThat(clock.nanoTime()).isEqualTo(start);
        assertThat(clock.nanoTime()).as("reading does not move it").isEqualTo(start);
    }

    @Test
    void advancesByExactlyTheDelta() {
        ManualNanoClock clock = new ManualNanoClock(-5);

        clock.advanceNanos(3);
        assertThat(clock.nanoTime()).isEqualTo(-2);
        clock.advanceNanos(0);
        assertThat(clock.nanoTime()).isEqualTo(-2);
        clock.advanceNanos(1_000_000_007);
        assertThat(clock.nanoTime()).isEqualTo(1_000_000_005);
    }

    @Test
    void setsToAnAbsoluteTimeIncludingTheCurrentOne() {
        ManualNanoClock clock = new ManualNanoClock(100);

        clock.setNanos(100);
        assertThat(clock.nanoTime()).isEqualTo(100);
        clock.setNanos(250);
        assertThat(clock.nanoTime()).isEqualTo(250);
    }

    @Test
    void refusesToGoBackwardsAndStaysPut() {
        ManualNanoClock clock = new ManualNanoClock(1_000);

        assertThatIllegalArgumentException().isThrownBy(() -> clock.setNanos(999))
                .withMessageContaining("999").withMessageContaining("1000");
        assertThatIllegalArgumentException().isThrownBy(() -> clock.advanceNanos(-1));
        assertThat(clock.nanoTime()).isEqualTo(1_000);
    }

    @Test
    void refusesToWrapAroundPastLongMaxValue() {
        ManualNanoClock clock = new ManualNanoClock(Long.MAX_VALUE - 1);

        clock.advanceNanos(1);
        assertThat(clock.nanoTime()).isEqualTo(Long.MAX_VALUE);
        assertThatIllegalArgumentException().as("MAX_VALUE + 1 overflows to MIN_VALUE, which is going backwards")
                .isThrownBy(() -> clock.advanceNanos(1));
        assertThat(clock.nanoTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void isANanoClock() {
        NanoClock clock = new ManualNanoClock(42);

        assertThat(clock.nanoTime()).isEqualTo(42);
    }
}
