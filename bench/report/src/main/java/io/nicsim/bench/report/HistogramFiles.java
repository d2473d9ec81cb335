package io.nicsim.bench.report;

import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.JitterRecording;

import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A run's latency in HdrHistogram's own file formats, so its tools read them:
 * <ul>
 *   <li>{@code .hgrm}: the percentile distribution of the measured notification latency
 *       ({@code outputPercentileDistribution}, values in microseconds), as HdrHistogram's plotter reads it;</li>
 *   <li>{@code .hlog}: an interval log ({@code HistogramLogWriter}) of notification latency per second in
 *       nanoseconds, warm-up seconds included and tagged {@value #WARMUP_TAG}; in paced runs, interleaved by time,
 *       the platform jitter probe's lateness in the same measured seconds, tagged {@value #JITTER_TAG}
 *       (HistogramLogProcessor skips tagged intervals unless asked for them, {@code -tag platform-jitter}: its
 *       default output is the measured notification latency).</li>
 * </ul>
 * Both are written through a temporary file, so a reader never sees half a file.
 */
public final class HistogramFiles {

    /** Tag of the interval histograms that cover the warm-up. */
    public static final String WARMUP_TAG = "warmup";
    /** Tag of the interval histograms of the platform jitter probe's lateness (paced runs). */
    public static final String JITTER_TAG = "platform-jitter";
    /** The .hgrm holds microseconds: nanoseconds divided by this. */
    public static final double HGRM_UNIT_RATIO = 1_000.0;
    /** The .hlog's max column is in milliseconds (HdrHistogram's default for nanosecond values). */
    public static final double HLOG_MAX_UNIT_RATIO = 1_000_000.0;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private HistogramFiles() {
    }

    /** Writes the percentile distribution of {@code histogram} (nanoseconds) in microseconds. */
    public static void writePercentiles(Histogram histogram, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            PrintStream print = new PrintStream(out, false, StandardCharsets.US_ASCII);
            histogram.outputPercentileDistribution(print, TICKS_PER_HALF_DISTANCE, HGRM_UNIT_RATIO);
            print.flush();
        });
    }

    /**
     * Writes the recorder's per-second histograms as an interval log: interval {@code i} spans seconds
     * {@code [i, i+1)} after the log's start time; trailing empty intervals (a run stopped early) are left out.
     *
     * @param epochMillisAtFirstInterval wall-clock time of the first interval's start, the log's StartTime
     */
    public static void writeIntervalLog(LatencyRecorder recorder, long epochMillisAtFirstInterval, String runLabel,
                                        Path file) throws IOException {
        writeIntervalLog(recorder, null, epochMillisAtFirstInterval, runLabel, file);
    }

    /**
     * The same with the platform jitter's seconds: its interval {@code j}, the recorder's measured interval
     * {@code warmupIntervals + j}, tagged {@value #JITTER_TAG} and written after the notification interval of that
     * second; its trailing empty intervals are left out too.
     *
     * @param jitter what the jitter probe recorded over the measured window, or null (none: the log as without)
     */
    public static void writeIntervalLog(LatencyRecorder recorder, JitterRecording jitter,
                                        long epochMillisAtFirstInterval, String runLabel, Path file)
            throws IOException {
        int notificationCount = Math.max(1, withoutTrailingEmpty(recorder.intervalCount(), recorder::interval));
        List<AbstractHistogram> jitterIntervals = jitter == null ? List.of() : jitter.intervals();
        int jitterCount = withoutTrailingEmpty(jitterIntervals.size(), jitterIntervals::get);
        int warmup = recorder.warmupIntervals();
        int seconds = Math.max(notificationCount, jitterCount == 0 ? 0 : warmup + jitterCount);
        AtomicFiles.write(file, out -> {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("nicsim: notification latency (woken - intended arrival) of run " + runLabel
                    + ", nanoseconds, one interval per second of the traffic schedule; intervals tagged "
                    + WARMUP_TAG + " cover the warm-up (" + warmup + " s)"
                    + (jitter == null ? "" : "; intervals tagged " + JITTER_TAG + " are how late the platform"
                    + " jitter probe's " + jitter.sleepNanos() + " ns sleeps woke in the measured seconds"));
            writer.outputLogFormatVersion();
            writer.outputStartTime(epochMillisAtFirstInterval);
            writer.outputLegend();
            for (int i = 0; i < seconds; i++) {
                if (i < notificationCount) {
                    AbstractHistogram interval = recorder.interval(i);
                    interval.setTag(i < warmup ? WARMUP_TAG : null);
                    writer.outputIntervalHistogram(i, i + 1, interval, HLOG_MAX_UNIT_RATIO);
                }
                if (i >= warmup && i - warmup < jitterCount) {
                    AbstractHistogram interval = jitterIntervals.get(i - warmup);
                    interval.setTag(JITTER_TAG);
                    writer.outputIntervalHistogram(i, i + 1, interval, HLOG_MAX_UNIT_RATIO);
                }
            }
            writer.close();
        });
    }

    /** @return how many of the {@code count} intervals are left without the trailing empty ones */
    private static int withoutTrailingEmpty(int count, IntFunction<AbstractHistogram> interval) {
        int kept = count;
        while (kept > 0 && interval.apply(kept - 1).getTotalCount() == 0) {
            kept--;
        }
        return kept;
    }

    /**
     * One second of an interval log.
     *
     * @param startSeconds seconds after the log's start
     * @param warmup       whether it covers the warm-up
     */
    public record Interval(double startSeconds, double endSeconds, boolean warmup, long count, long p50Nanos,
                           long p99Nanos, long p999Nanos, long maxNanos) {
    }

    /**
     * Reads an interval log's notification latency with HdrHistogram's reader: its untagged (measured) and warm-up
     * intervals, leaving out any other tag's (the platform jitter's).
     */
    public static List<Interval> readIntervalLog(Path file) throws IOException {
        return read(file, tag -> tag == null || WARMUP_TAG.equals(tag));
    }

    /** Reads an interval log's platform jitter (intervals tagged {@value #JITTER_TAG}): empty if it has none. */
    public static List<Interval> readJitterLog(Path file) throws IOException {
        return read(file, JITTER_TAG::equals);
    }

    /**
     * @return whether an interval of an interval log holds measured notification latency: untagged (warm-up and
     *         platform jitter intervals are tagged), for readers that add up a run's measured packets
     */
    public static boolean measuredNotification(EncodableHistogram interval) {
        return interval.getTag() == null;
    }

    private static List<Interval> read(Path file, Predicate<String> tags) throws IOException {
        List<Interval> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof AbstractHistogram h) || !tags.test(h.getTag())) {
                    continue;
                }
                double start = h.getStartTimeStamp() / 1000.0 - reader.getStartTimeSec();
                double end = h.getEndTimeStamp() / 1000.0 - reader.getStartTimeSec();
                intervals.add(new Interval(start, end, WARMUP_TAG.equals(h.getTag()), h.getTotalCount(),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                        h.getMaxValue()));
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable HdrHistogram interval log: " + e.getMessage(), e);
        }
        return intervals;
    }

    /**
     * One line of a percentile distribution.
     *
     * @param valueMicros the latency at that percentile
     * @param percentile  0 to 1
     */
    public record PercentileLine(double valueMicros, double percentile, long totalCount) {
    }

    /**
     * Reads the lines of a {@code .hgrm} file (header, rows of value / percentile / total count /
     * 1/(1-percentile), footer lines starting with {@code #}).
     *
     * @throws IOException if the file has no header or a row cannot be read
     */
    public static List<PercentileLine> readPercentiles(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<PercentileLine> rows = new ArrayList<>();
        boolean header = false;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("Value")) {
                header = true;
                continue;
            }
            String[] cells = line.split("\\s+");
            if (!header || cells.length < 3) {
                throw new IOException(file + ": not an HdrHistogram percentile distribution: " + Quote.line(raw));
            }
            try {
                rows.add(new PercentileLine(Double.parseDouble(cells[0]), Double.parseDouble(cells[1]),
                        Long.parseLong(cells[2])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not an HdrHistogram percentile distribution: " + Quote.line(raw), e);
            }
        }
        if (!header) {
            throw new IOException(file + ": not an HdrHistogram percentile distribution (no header line)");
        }
        return rows;
    }

    /** Short quoting of a file line for error messages. */
    private static final class Quote {
        static String line(String raw) {
            String s = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
            return "'" + s + "'";
        }
    }
}
