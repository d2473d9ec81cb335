package io.nicsim.bench.dashboard;

import io.nicsim.bench.report.HistogramFiles;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** HdrHistogram percentile lines on the nines axis, from made-up lines and from a real .hgrm file. */
class RunCurvesTest {

    @TempDir
    Path dir;

    @Test
    void percentilesBecomeNinesWithTheLastLineLeftOut() {
        List<double[]> points = RunCurves.nines(List.of(new HistogramFiles.PercentileLine(1.0, 0.0, 1),
                new HistogramFiles.PercentileLine(2.0, 0.9, 90), new HistogramFiles.PercentileLine(3.0, 0.99, 99),
                new HistogramFiles.PercentileLine(3.5, 0.99, 99), new HistogramFiles.PercentileLine(9.0, 1.0, 100)));
        assertThat(points).hasSize(3);
        assertThat(points.get(0)).containsExactly(0.0, 1.0);
        assertThat(points.get(1)[0]).isCloseTo(1.0, within(1e-9));
        assertThat(points.get(2)[0]).isCloseTo(2.0, within(1e-9));
        assertThat(points.get(2)[1]).as("the highest latency at one percentile").isEqualTo(3.5);
    }

    @Test
    void aHistogramFilesCurveRisesToItsTail() throws Exception {
        Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            histogram.recordValue(i * 100L); // 100 ns to 1 ms
        }
        Path hgrm = dir.resolve("notification.hgrm");
        HistogramFiles.writePercentiles(histogram, hgrm);

        List<double[]> points = RunCurves.nines(HistogramFiles.readPercentiles(hgrm));

        assertThat(points.getFirst()[0]).isZero();
        assertThat(points.getLast()[0]).isGreaterThan(3).isLessThanOrEqualTo(RunCurves.MAX_NINES);
        assertThat(points.getLast()[1]).isCloseTo(1000.0, within(10.0));
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i)[0]).isGreaterThan(points.get(i - 1)[0]);
            assertThat(points.get(i)[1]).isGreaterThanOrEqualTo(points.get(i - 1)[1]);
        }
    }
}
