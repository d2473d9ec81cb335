package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak's verdict from fixed series (a sample every 10 s for 9 minutes; no runs, no timing). */
class SoakVerdictTest {

    private static final long MIB = 1024 * 1024;
    private static final int SAMPLES = 55; // 0 s .. 540 s

    /** Samples whose RSS (anon) follows {@code rss}; everything else constant. */
    private static List<SoakSample> series(IntToLongFunction rss, IntToLongFunction fds) {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new SoakSample(i * 10_000_000_000L, 20 * MIB, 30 * MIB, 10,
                    new ProcFootprint(rss.applyAsLong(i) + 25 * MIB + 200 * MIB, rss.applyAsLong(i), 25 * MIB,
                            200 * MIB, fds.applyAsLong(i), 260), 13, i * 100 * MIB, 0.5));
        }
        return samples;
    }

    private static SoakVerdict.Judgement judgement(SoakVerdict verdict, SoakSample.Metric metric) {
        return verdict.judgements().stream().filter(j -> j.limit().metric() == metric).findFirst().orElseThrow();
    }

    @Test
    void constantFiguresAreFlat() {
        SoakVerdict verdict = SoakVerdict.of(series(i -> 130 * MIB, i -> 78));
        assertThat(verdict.flat()).isTrue();
        assertThat(verdict.judgements()).extracting(j -> j.limit().metric())
                .containsExactly(SoakSample.Metric.values());
        assertThat(judgement(verdict, SoakSample.Metric.RSS_OWN).slopePerMinute()).isZero();
    }

    @Test
    void growthInTheFirstThirdIsSettlingNotALeak() {
        // RSS climbs 100 MiB in the first 3 minutes, then holds
        SoakVerdict verdict = SoakVerdict.of(series(i -> (100 + Math.min(i, 18) * 100 / 18) * MIB, i -> 78));
        assertThat(verdict.flat()).isTrue();
    }

    @Test
    void steadyGrowthIsALeakEvenWhenSmallPerSample() {
        // 1 MiB per sample: 6 MiB a minute, 36 MiB over the judged 6 minutes, more than 16 MiB allowed
        SoakVerdict verdict = SoakVerdict.of(series(i -> (130 + i) * MIB, i -> 78));
        SoakVerdict.Judgement rss = judgement(verdict, SoakSample.Metric.RSS_OWN);
        assertThat(rss.slopePerMinute() / MIB).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rss.flat()).isFalse();
        assertThat(rss.describe()).startsWith("RSS anon+file:").endsWith("GROWS");
        assertThat(verdict.flat()).isFalse();
    }

    @Test
    void oneDescriptorMoreIsWithinTheAllowanceThreeAreNot() {
        assertThat(SoakVerdict.of(series(i -> 130 * MIB, i -> i < 40 ? 78 : 79)).flat()).isTrue();
        SoakVerdict leaking = SoakVerdict.of(series(i -> 130 * MIB, i -> i < 40 ? 78 : 81));
        assertThat(judgement(leaking, SoakSample.Metric.FDS).flat()).isFalse();
        assertThat(judgement(leaking, SoakSample.Metric.RSS_OWN).flat()).isTrue();
    }

    @Test
    void shrinkingIsNoLeak() {
        assertThat(SoakVerdict.of(series(i -> (300 - i) * MIB, i -> 100 - i)).flat()).isTrue();
    }

    @Test
    void aLateStepFailsTheMediansEvenWithASmallSlope() {
        // flat until the last 5 samples, then 40 MiB more: the last third's median moves less than the step, but the
        // fitted line rises past the allowance
        SoakVerdict verdict = SoakVerdict.of(series(i -> (i >= 50 ? 170 : 130) * MIB, i -> 78));
        assertThat(judgement(verdict, SoakSample.Metric.RSS_OWN).flat()).isFalse();
    }

    @Test
    void mediansAndSlopes() {
        assertThat(SoakVerdict.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(SoakVerdict.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(SoakVerdict.median(List.of())).isZero();
        assertThat(SoakVerdict.slope(List.of(new double[] {0, 1}, new double[] {1, 3}, new double[] {2, 5})))
                .isEqualTo(2.0);
        assertThat(SoakVerdict.slope(List.of(new double[] {1, 1}, new double[] {1, 9}))).isZero();
    }

    @Test
    void tooFewSamplesGiveNoVerdict() {
        List<SoakSample> five = series(i -> MIB, i -> 1).subList(0, 5);
        assertThatThrownBy(() -> SoakVerdict.of(five)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 6 samples, found 5");
    }

    @Test
    void theDefinitionNamesEveryAllowance() {
        assertThat(SoakVerdict.definition()).contains("heap after GC 10% or 8.0 MiB", "RSS anon+file 5% or 16.0 MiB",
                "open fds 2", "threads 2");
    }
}
