package io.nicsim.bench.perf;

import java.util.Arrays;
import java.util.Locale;

/** How benchmark figures are written: microseconds, ratios, rates, counts; and the medians of rounds. */
final class Format {

    /** Other processes using this many cores or more during a run make its figures suspect. */
    static final double BUSY_NEIGHBOUR_CORES = io.nicsim.bench.run.MachineLoad.BUSY_NEIGHBOUR_CORES;

    private Format() {
    }

    /** Nanoseconds as microseconds with three significant figures (more above 1000). */
    static String micros(long nanos) {
        double us = nanos / 1_000.0;
        return us < 9.995 ? String.format(Locale.ROOT, "%.2f", us)
                : us < 999.95 ? String.format(Locale.ROOT, "%.1f", us)
                : String.format(Locale.ROOT, "%,.0f", us);
    }

    static String ratio(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-";
    }

    /** Packets per second in k or M with three significant figures, e.g. {@code 5.12M}. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", perSecond);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String cores(double cores) {
        return io.nicsim.bench.run.MachineLoad.cores(cores);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** The median of the values (the mean of the two middle ones for an even count). */
    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(double... values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static double max(double... values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
