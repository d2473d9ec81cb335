package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** bench soak's rows, options and space check from fixed inputs (no runs). */
class SoakBenchmarkTest {

    private static SoakSample sample(long seconds, long fds, double others) {
        return new SoakSample(seconds * 1_000_000_000L, 1, 1, 1, new ProcFootprint(4, 1, 1, 2, fds, 5), 9, 0, others);
    }

    private static Histogram histogram(long count, long nanos) {
        Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(nanos, count);
        return h;
    }

    @Test
    void aRowPerMinuteOfTrafficWithItsLastSampleAndRate() {
        List<SoakSample> samples = new ArrayList<>();
        for (long s = 0; s <= 95; s += 5) {
            samples.add(sample(s, s, s < 60 ? 0.5 : 1.5));
        }
        // 90 s of traffic: a whole minute, then half of one; the sample at 95 s (the drain) counts in the last
        List<SoakBenchmark.Minute> rows = SoakBenchmark.minutes(samples,
                List.of(histogram(600_000, 40_000), histogram(300_000, 80_000)), 90);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).last().footprint().fds()).isEqualTo(55);
        assertThat(rows.get(0).pps()).isEqualTo(10_000);
        assertThat(rows.get(0).otherCores()).isEqualTo(0.5);
        assertThat(rows.get(1).last().footprint().fds()).isEqualTo(95);
        assertThat(rows.get(1).pps()).isEqualTo(10_000); // 300k packets over the 30 s the minute covered
        assertThat(rows.get(1).otherCores()).isEqualTo(1.5);
        assertThat(rows.get(1).latency().p50()).isBetween(79_000L, 81_000L);
    }

    @Test
    void theSpaceCheckAsksForTheEstimateAndAQuarter() {
        assertThat(SoakBenchmark.spaceProblem(1_000, 1_250, Path.of("/dev/shm"))).isNull();
        assertThat(SoakBenchmark.spaceProblem(8_000_000_000L, 9_000_000_000L, Path.of("/dev/shm")))
                .contains("about 8.0 GB", "/dev/shm has 9.0 GB free");
    }

    @Test
    void optionsAreChecked() {
        long minute = 60_000_000_000L;
        SoakBenchmark.Options ok = new SoakBenchmark.Options(10 * minute, 200_000, "poisson", "platform-thread",
                List.of(), 5_000_000_000L, minute, Path.of("out"));
        assertThat(ok.estimatedJournalBytes()).isEqualTo((long) (120_000_000 * SoakBenchmark.JOURNAL_BYTES_PER_PACKET));
        assertThatThrownBy(() -> new SoakBenchmark.Options(minute, 200_000, "poisson", "platform-thread", List.of(),
                20_000_000_000L, 0, Path.of("out"))).hasMessageStartingWith("--sample-interval: expected at least 6");
        assertThatThrownBy(() -> new SoakBenchmark.Options(minute, 0, "poisson", "platform-thread", List.of(),
                1_000_000_000L, 0, Path.of("out"))).hasMessageStartingWith("--rate");
    }
}
