package io.nicsim.bench.tune;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The metrics of one run from its summary.json figures; percentiles summary.json does not hold (p95, p99.99) from
 * the run's interval log, whose measured (untagged: not warm-up, not platform jitter) intervals together hold every
 * measured packet.
 */
public final class RunMetrics {

    private RunMetrics() {
    }

    /**
     * @param run    the run's result
     * @param runDir its run folder (where its files are)
     * @param extra  metrics besides {@link Metric#STANDARD} (other percentiles)
     * @return metric name to value; a metric the run has no figure for is absent
     */
    public static Map<String, Double> of(RunResult run, Path runDir, Set<Metric> extra) throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        LatencySummary n = run.latencyNanos().notification();
        if (n != null && n.count() > 0) {
            values.put(Metric.P50.name(), (double) n.p50());
            values.put(Metric.P90.name(), (double) n.p90());
            values.put(Metric.P99.name(), (double) n.p99());
            values.put(Metric.P999.name(), (double) n.p999());
            values.put(Metric.MAX.name(), (double) n.max());
            values.put(Metric.MEAN.name(), n.mean());
        }
        values.put(Metric.INTERRUPTS_PER_SECOND.name(), Math.round(run.interruptsPerSecond() * 10) / 10.0);
        if (run.costs() != null && Double.isFinite(run.costs().consumerCpuNanosPerPacket())) {
            values.put(Metric.CPU_PER_PACKET.name(), Math.round(run.costs().consumerCpuNanosPerPacket() * 10) / 10.0);
        }
        values.put(Metric.DROPS.name(), (double) run.packets().dropped());
        Histogram measured = null;
        for (Metric metric : extra) {
            if (metric.standard() || metric.kind() != Metric.Kind.LATENCY) {
                continue;
            }
            if (measured == null) {
                measured = measured(run, runDir);
            }
            if (measured != null && measured.getTotalCount() > 0) {
                values.put(metric.name(), (double) measured.getValueAtPercentile(metric.percentile()));
            }
        }
        return values;
    }

    /** @return the sum of the run's measured intervals, or null without an interval log */
    private static Histogram measured(RunResult run, Path runDir) throws FileNotFoundException {
        String hlog = run.files() == null ? null : run.files().get("hlog");
        if (hlog == null || !Files.isRegularFile(runDir.resolve(hlog))) {
            return null;
        }
        HistogramLogReader reader = new HistogramLogReader(runDir.resolve(hlog).toFile());
        Histogram sum = null;
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            if (interval instanceof Histogram h && HistogramFiles.measuredNotification(h)) {
                if (sum == null) {
                    sum = new Histogram(h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits());
                }
                sum.add(h);
            }
        }
        reader.close();
        return sum;
    }
}
