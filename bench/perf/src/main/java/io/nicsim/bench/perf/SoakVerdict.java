package io.nicsim.bench.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether the soak's figures stayed flat. The first third of the samples is the process settling (JIT, heap
 * sizing, the journal's first mappings) and is not judged. A figure is flat when (1) the median of the last third
 * exceeds the median of the second third by no more than its allowance, and (2) the least-squares line through the
 * last two thirds rises by no more than that allowance over their span (its slope per minute is reported). The
 * allowance is the larger of a fraction of the second third's median and an absolute amount, per figure (see
 * {@link #LIMITS}). Only growth counts: a figure that shrinks is not a leak.
 */
public final class SoakVerdict {

    /** The fewest samples a verdict is given on: two per third. */
    public static final int MIN_SAMPLES = 6;

    /**
     * A figure's allowance: the larger of {@code fraction} of its second third's median and {@code absolute}.
     *
     * @param why why that much movement is no leak
     */
    public record Limit(SoakSample.Metric metric, double fraction, double absolute, String why) {

        double allowance(double secondThirdMedian) {
            return Math.max(fraction * secondThirdMedian, absolute);
        }

        /** @return e.g. "10% or 8.0 MiB" */
        String describe() {
            String abs = metric.bytes() ? metric.format(absolute) + " MiB" : metric.format(absolute);
            return fraction > 0 ? String.format(Locale.ROOT, "%.0f%% or %s", 100 * fraction, abs) : abs;
        }
    }

    private static final double MIB = SoakSample.MIB;

    /** The allowance of each figure judged. */
    public static final List<Limit> LIMITS = List.of(
            new Limit(SoakSample.Metric.HEAP_AFTER_GC, 0.10, 8 * MIB,
                    "what survives a young collection depends on which packets are in flight when it runs"),
            new Limit(SoakSample.Metric.RSS_OWN, 0.05, 16 * MIB,
                    "the JIT's code cache and malloc arenas settle in steps of a few MiB"),
            new Limit(SoakSample.Metric.RSS_SHMEM, 0.5, 256 * MIB,
                    "the journal's mapped window on tmpfs: Chronicle maps a queue file in 80 MiB windows (64 MiB"
                            + " chunks and their overlap) as the appender and the tailers move through it, so its"
                            + " resident part swings by a few windows"),
            new Limit(SoakSample.Metric.FDS, 0, 2, "a queue file may be open twice while the reader catches up"),
            new Limit(SoakSample.Metric.MAPS, 0.02, 8, "the same windows, a few at a time"),
            new Limit(SoakSample.Metric.THREADS, 0, 2, "the JVM starts and ends JIT compiler threads on demand"));

    /**
     * One figure's judgement.
     *
     * @param secondThirdMedian median over the second third of the samples
     * @param lastThirdMedian   median over the last third
     * @param slopePerMinute    least-squares slope over the last two thirds, per minute
     * @param riseOverJudged    that slope times the last two thirds' span
     * @param allowance         the growth allowed
     */
    public record Judgement(Limit limit, double secondThirdMedian, double lastThirdMedian, double slopePerMinute,
                            double riseOverJudged, double allowance) {

        public boolean flat() {
            return lastThirdMedian - secondThirdMedian <= allowance && riseOverJudged <= allowance;
        }

        /** @return e.g. "RSS 212.0 -> 213.1 MiB, slope +0.02 MiB/min: flat (allowed 16.0)" */
        public String describe() {
            SoakSample.Metric m = limit.metric();
            String unit = m.bytes() ? " MiB" : "";
            return String.format(Locale.ROOT, "%s: median %s -> %s%s (second third -> last third), slope %s%s/min,"
                            + " rise %s over the judged span; allowed %s: %s", m.label(), m.format(secondThirdMedian),
                    m.format(lastThirdMedian), unit, signed(m, slopePerMinute), unit, signed(m, riseOverJudged),
                    limit.describe(), flat() ? "flat" : "GROWS");
        }

        private static String signed(SoakSample.Metric m, double value) {
            double shown = m.bytes() ? value / MIB : value;
            return String.format(Locale.ROOT, "%+.2f", shown);
        }
    }

    private final List<Judgement> judgements;

    private SoakVerdict(List<Judgement> judgements) {
        this.judgements = judgements;
    }

    public List<Judgement> judgements() {
        return judgements;
    }

    /** @return whether every figure is flat */
    public boolean flat() {
        return judgements.stream().allMatch(Judgement::flat);
    }

    /**
     * @param samples in time order, at least {@link #MIN_SAMPLES}
     * @throws IllegalArgumentException with fewer samples
     */
    public static SoakVerdict of(List<SoakSample> samples) {
        if (samples.size() < MIN_SAMPLES) {
            throw new IllegalArgumentException("a soak verdict needs at least " + MIN_SAMPLES + " samples, found "
                    + samples.size());
        }
        double[] minutes = SoakSample.minutes(samples);
        double span = minutes[minutes.length - 1] - minutes[0];
        double secondFrom = minutes[0] + span / 3;
        double lastFrom = minutes[0] + 2 * span / 3;
        List<Judgement> judgements = new ArrayList<>();
        for (Limit limit : LIMITS) {
            double[] values = samples.stream().mapToDouble(s -> limit.metric().of(s)).toArray();
            judgements.add(judge(limit, minutes, values, secondFrom, lastFrom));
        }
        return new SoakVerdict(List.copyOf(judgements));
    }

    static Judgement judge(Limit limit, double[] minutes, double[] values, double secondFrom, double lastFrom) {
        List<Double> second = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        List<double[]> judged = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] >= lastFrom) {
                last.add(values[i]);
            } else if (minutes[i] >= secondFrom) {
                second.add(values[i]);
            }
            if (minutes[i] >= secondFrom) {
                judged.add(new double[] {minutes[i], values[i]});
            }
        }
        double secondMedian = median(second);
        double slope = slope(judged);
        double judgedSpan = judged.isEmpty() ? 0 : judged.getLast()[0] - judged.getFirst()[0];
        return new Judgement(limit, secondMedian, median(last), slope, slope * judgedSpan,
                limit.allowance(secondMedian));
    }

    /** @return the median (the mean of the middle two of an even count), 0 for none */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** @return the least-squares slope of y on x over the points {x, y}; 0 for fewer than two distinct x */
    static double slope(List<double[]> points) {
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /** The definition of flat, as the output and the docs state it. */
    public static String definition() {
        StringBuilder out = new StringBuilder("flat = over the last two thirds of the run (the first third is the"
                + " process settling: JIT, heap sizing, the journal's first mappings), the last third's median exceeds"
                + " the second third's by at most the allowance, and the least-squares line through the last two"
                + " thirds rises by at most the allowance over their span; allowance, the larger of:");
        for (Limit limit : LIMITS) {
            out.append(' ').append(limit.metric().label()).append(' ').append(limit.describe()).append(" (")
                    .append(limit.why()).append(");");
        }
        out.setLength(out.length() - 1);
        return out.append('.').toString();
    }

    @Override
    public String toString() {
        return Arrays.toString(judgements.toArray());
    }
}
