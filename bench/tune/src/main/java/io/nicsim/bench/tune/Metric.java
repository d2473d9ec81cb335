package io.nicsim.bench.tune;

import io.nicsim.bench.report.LatencyTable;
import io.nicsim.bench.scenario.Quote;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.Suggestions;
import io.nicsim.bench.scenario.Units;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure of one measured run that a tune minimizes or bounds: a percentile of notification latency (or its mean
 * or max) in nanoseconds, interrupts per second, the consumer's CPU per packet in nanoseconds, or drops.
 *
 * @param name       as written on the command line and in tune.csv ({@code p99}, {@code p99.9}, {@code cpuPerPacket})
 * @param kind       what it measures, and so its unit
 * @param percentile for {@link Kind#LATENCY}: the percentile (100 for max); NaN for the mean and other kinds
 */
public record Metric(String name, Kind kind, double percentile) {

    /** What a metric measures. */
    public enum Kind {
        /** Notification latency (woken - intended arrival), nanoseconds. */
        LATENCY,
        /** Interrupts raised per second of traffic. */
        RATE,
        /** CPU time of the consumer's threads per packet handled, nanoseconds. */
        CPU,
        /** Packets lost. */
        COUNT
    }

    public static final Metric P50 = new Metric("p50", Kind.LATENCY, 50);
    public static final Metric P90 = new Metric("p90", Kind.LATENCY, 90);
    public static final Metric P99 = new Metric("p99", Kind.LATENCY, 99);
    public static final Metric P999 = new Metric("p99.9", Kind.LATENCY, 99.9);
    public static final Metric MAX = new Metric("max", Kind.LATENCY, 100);
    public static final Metric MEAN = new Metric("mean", Kind.LATENCY, Double.NaN);
    public static final Metric INTERRUPTS_PER_SECOND = new Metric("interruptsPerSecond", Kind.RATE, Double.NaN);
    public static final Metric CPU_PER_PACKET = new Metric("cpuPerPacket", Kind.CPU, Double.NaN);
    public static final Metric DROPS = new Metric("drops", Kind.COUNT, Double.NaN);

    /** The metrics every measured run reports, in table order. */
    public static final List<Metric> STANDARD = List.of(P50, P90, P99, P999, MAX, MEAN, INTERRUPTS_PER_SECOND,
            CPU_PER_PACKET, DROPS);

    private static final Pattern PERCENTILE = Pattern.compile("p([0-9]{1,2}(?:\\.[0-9]{1,4})?)");
    private static final List<String> NAMES = List.of("p50", "p90", "p99", "p99.9", "max", "mean", "pNN.N",
            "interruptsPerSecond", "cpuPerPacket", "drops");

    /**
     * @param text {@code p99}, {@code p99.9} (or {@code p999}), any {@code pNN.N} below 100, {@code max},
     *             {@code mean}, {@code interruptsPerSecond}, {@code cpuPerPacket}, {@code drops}
     * @param flag where the text came from, for the error
     * @throws ScenarioException naming the flag and what was expected
     */
    public static Metric parse(String text, String flag) throws ScenarioException {
        String name = text.trim();
        for (Metric metric : STANDARD) {
            if (metric.name.equals(name)) {
                return metric;
            }
        }
        if (name.equals("p999")) {
            return P999;
        }
        Matcher m = PERCENTILE.matcher(name);
        if (m.matches()) {
            double percentile = Double.parseDouble(m.group(1));
            if (percentile > 0) {
                return new Metric("p" + m.group(1), Kind.LATENCY, percentile);
            }
        }
        throw new ScenarioException(flag, null, "unknown metric " + Quote.of(name)
                + Suggestions.didYouMean(name, STANDARD.stream().map(Metric::name).toList()) + "; expected one of "
                + String.join(", ", NAMES));
    }

    /** @return whether summary.json holds this metric (else it is computed from the run's interval log) */
    public boolean standard() {
        return STANDARD.contains(this);
    }

    /**
     * Parses a bound for this metric: a duration with its unit for latency and CPU ({@code 40us}), a rate for
     * interrupts per second ({@code 20000}, {@code 20kpps}), an integer for drops.
     *
     * @return the bound in this metric's unit (nanoseconds, per second, packets)
     * @throws IllegalArgumentException saying what was expected
     */
    public double parseValue(String text) {
        String value = text.trim();
        return switch (kind) {
            case LATENCY, CPU -> {
                if (!value.matches(".*[a-zA-Zµ]")) {
                    throw new IllegalArgumentException("expected a duration with its unit such as 40us or 1.5ms, found "
                            + Quote.of(value));
                }
                yield Units.parseDurationNanos(value);
            }
            case RATE -> Units.parseRatePerSecond(value);
            case COUNT -> Units.parseInteger(value, 0, Long.MAX_VALUE);
        };
    }

    /** @return the value with its unit, for tables: {@code 38.2 us}, {@code 15,200/s}, {@code 3} */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (kind) {
            case LATENCY, CPU -> LatencyTable.micros(Math.round(value)) + " us";
            case RATE -> LatencyTable.count(Math.round(value)) + "/s";
            case COUNT -> LatencyTable.count(Math.round(value));
        };
    }

    /** @return the value without its unit, in the unit of {@link #unit()} */
    public String formatBare(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (kind) {
            case LATENCY, CPU -> LatencyTable.micros(Math.round(value));
            case RATE, COUNT -> LatencyTable.count(Math.round(value));
        };
    }

    /** @return the unit {@link #formatBare(double)} shows: {@code us}, {@code /s} or empty */
    public String unit() {
        return switch (kind) {
            case LATENCY, CPU -> "us";
            case RATE -> "/s";
            case COUNT -> "";
        };
    }

    /** @return a table column's title: {@code p99 us}, {@code interrupts/s}, {@code CPU us/pkt}, {@code drops} */
    public String header() {
        return switch (kind) {
            case LATENCY -> name + " us";
            case RATE -> "interrupts/s";
            case CPU -> "CPU us/pkt";
            case COUNT -> name;
        };
    }

    /** @return a number for CSV: nanoseconds, per second, packets, 1 decimal at most */
    public static String csv(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
