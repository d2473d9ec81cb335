package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rate search on synthetic predicates and a manual clock: no simulation, no timing. */
class RateSearchTest {

    private static final long HOUR_NANOS = 3_600_000_000_000L;

    private static RateSearch.Limits limits(double start, double max, int maxTrials) {
        return new RateSearch.Limits(start, 1_000, max, 0.1, maxTrials, HOUR_NANOS, 1_000);
    }

    private static RateSearch.Outcome<Double> search(double capacity, RateSearch.Limits limits) throws Exception {
        return RateSearch.search(rate -> rate, rate -> rate <= capacity, limits, System::nanoTime);
    }

    private static List<Double> rates(RateSearch.Outcome<Double> outcome) {
        return outcome.steps().stream().map(RateSearch.Step::ratePerSecond).toList();
    }

    @Test
    void doublesUntilAFailureThenBisectsToTheResolution() throws Exception {
        RateSearch.Outcome<Double> outcome = search(3_300_000, limits(250_000, 32e6, 20));

        assertThat(rates(outcome).subList(0, 5)).containsExactly(250_000.0, 500_000.0, 1e6, 2e6, 4e6);
        assertThat(outcome.highestSustained()).isLessThanOrEqualTo(3_300_000).isGreaterThan(3_300_000 / 1.1);
        assertThat(outcome.lowestFailed()).isGreaterThan(3_300_000);
        assertThat(outcome.lowestFailed() / outcome.highestSustained()).isLessThan(1.1);
        assertThat(outcome.stoppedBy()).isEqualTo("resolution");
        assertThat(outcome.steps()).allSatisfy(step -> assertThat(step.sustained())
                .isEqualTo(step.ratePerSecond() <= 3_300_000));
    }

    @Test
    void halvesWhenTheStartRateFails() throws Exception {
        RateSearch.Outcome<Double> outcome = search(70_000, limits(250_000, 32e6, 20));

        assertThat(rates(outcome).subList(0, 3)).containsExactly(250_000.0, 125_000.0, 63_000.0);
        assertThat(outcome.highestSustained()).isLessThanOrEqualTo(70_000).isGreaterThan(70_000 / 1.1);
    }

    @Test
    void stopsAtTheFloorWhenNothingIsSustained() throws Exception {
        RateSearch.Outcome<Double> outcome = search(0, limits(8_000, 32e6, 20));

        assertThat(rates(outcome)).containsExactly(8_000.0, 4_000.0, 2_000.0, 1_000.0);
        assertThat(outcome.highestSustained()).isZero();
        assertThat(outcome.stoppedBy()).isEqualTo("floor");
    }

    @Test
    void stopsAtTheCeilingWhenEverythingIsSustained() throws Exception {
        RateSearch.Outcome<Double> outcome = search(Double.MAX_VALUE, limits(250_000, 3e6, 20));

        assertThat(rates(outcome)).containsExactly(250_000.0, 500_000.0, 1e6, 2e6, 3e6);
        assertThat(outcome.highestSustained()).isEqualTo(3e6);
        assertThat(outcome.lowestFailed()).isInfinite();
        assertThat(outcome.stoppedBy()).isEqualTo("ceiling");
    }

    @Test
    void stopsAfterMaxTrials() throws Exception {
        RateSearch.Outcome<Double> outcome = search(3_300_000, limits(250_000, 32e6, 3));

        assertThat(outcome.steps()).hasSize(3);
        assertThat(outcome.highestSustained()).isEqualTo(1e6);
        assertThat(outcome.stoppedBy()).isEqualTo("trials");
    }

    @Test
    void startsNoTrialOnceTheBudgetIsSpent() throws Exception {
        AtomicLong clock = new AtomicLong();
        RateSearch.Limits limits = new RateSearch.Limits(250_000, 1_000, 32e6, 0.1, 20, 10_000, 1_000);
        RateSearch.Outcome<Double> outcome = RateSearch.search(rate -> {
            clock.addAndGet(4_000); // each trial takes 4 us of the 10 us budget
            return rate;
        }, rate -> true, limits, clock::get);

        assertThat(outcome.steps()).hasSize(3);
        assertThat(outcome.stoppedBy()).isEqualTo("time");
    }

    @Test
    void keepsEveryStepEvenWhenNoiseBreaksMonotonicity() throws Exception {
        // 2M fails by "noise" though 3M would pass: the search trusts the failure and bisects below it.
        RateSearch.Outcome<Double> outcome = RateSearch.search(rate -> rate, rate -> rate != 2e6 && rate <= 3e6,
                limits(250_000, 32e6, 20), System::nanoTime);

        assertThat(outcome.lowestFailed()).isEqualTo(2e6);
        assertThat(outcome.highestSustained()).isLessThan(2e6).isGreaterThan(2e6 / 1.1);
    }

    @Test
    void rejectsInconsistentLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateSearch.Limits(100, 1_000, 1e6, 0.1, 10, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateSearch.Limits(1e6, 1, 1e5, 0.1, 10, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateSearch.Limits(1e5, 1, 1e6, 0, 10, 1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateSearch.Limits(1e5, 1, 1e6, 0.1, 0, 1, 0));
    }
}
