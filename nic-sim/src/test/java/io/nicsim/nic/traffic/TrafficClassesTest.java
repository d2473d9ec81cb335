package io.nicsim.nic.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficClassesTest {

    private static long highCount(TrafficClasses classes, int packets) {
        long high = 0;
        for (long id = 0; id < packets; id++) {
            high += classes.classOf(id);
        }
        return high;
    }

    @Test
    void marksTheConfiguredShareOfPacketsHigh() {
        for (double share : new double[] {0.01, 0.1, 0.5, 0.9}) {
            for (long seed = 1; seed <= 5; seed++) {
                long high = highCount(new TrafficClasses(share, seed), 200_000);
                // binomial: sd = sqrt(n p (1-p)) <= 224; 5 sd
                assertThat((double) high).as("share %s seed %s", share, seed)
                        .isCloseTo(share * 200_000, org.assertj.core.data.Offset.offset(1_120.0));
            }
        }
    }

    @Test
    void noneAndAllAreExact() {
        assertThat(highCount(new TrafficClasses(0, 7), 100_000)).isZero();
        assertThat(highCount(TrafficClasses.NONE, 100_000)).isZero();
        assertThat(highCount(new TrafficClasses(1, 7), 100_000)).isEqualTo(100_000);
    }

    @Test
    void theSameSeedMarksTheSamePacketsAndAnotherSeedOthers() {
        TrafficClasses a = new TrafficClasses(0.3, 42);
        TrafficClasses b = new TrafficClasses(0.3, 42);
        TrafficClasses c = new TrafficClasses(0.3, 43);
        int differ = 0;
        for (long id = 0; id < 10_000; id++) {
            assertThat(a.classOf(id)).isEqualTo(b.classOf(id));
            differ += a.classOf(id) != c.classOf(id) ? 1 : 0;
        }
        assertThat(differ).as("2 p (1-p) of 10k = 4,200 expected").isBetween(3_500, 4_900);
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new TrafficClasses(1.5, 1)).hasMessageContaining("traffic.highPriorityShare");
        assertThatThrownBy(() -> new TrafficClasses(Double.NaN, 1)).hasMessageContaining("traffic.highPriorityShare");
        assertThat(TrafficClasses.name(TrafficClasses.HIGH)).isEqualTo("high");
    }
}
