package io.nicsim.bench.tune;

import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.scenario.Units;

import java.util.List;

/**
 * One scenario key a tune searches, and the values it may take: integers or durations (nanoseconds) from
 * {@code low} to {@code high} in steps of {@code step}, or one of a list of names. The optimizer works on a
 * position in [0, 1]; {@link #valueAt(double)} rounds it to a value the key accepts (integers rounded to the
 * step, names by equal slices), so every measured point is a real setting.
 *
 * @param key      the scenario key ({@code firmware.rxUsecs})
 * @param kind     integer, duration or name
 * @param low      smallest value (integer, or nanoseconds); unused for names
 * @param high     largest value
 * @param step     values are {@code low + k * step}
 * @param logScale positions map to values on a log(1 + v) scale: for ranges over decades, where the small values
 *                 matter as much as the large ones
 * @param choices  for names: the values, in order
 */
public record TuneParameter(String key, Kind kind, long low, long high, long step, boolean logScale,
                            List<String> choices) {

    /** How the key's values are written. */
    public enum Kind { INTEGER, DURATION, CHOICE }

    public TuneParameter {
        choices = List.copyOf(choices);
        if (kind == Kind.CHOICE ? choices.isEmpty() : low > high || step < 1) {
            throw new IllegalArgumentException(key + ": empty range");
        }
    }

    public static TuneParameter integer(String key, long low, long high, boolean logScale) {
        return new TuneParameter(key, Kind.INTEGER, low, high, 1, logScale, List.of());
    }

    public static TuneParameter duration(String key, long lowNanos, long highNanos, long stepNanos, boolean logScale) {
        return new TuneParameter(key, Kind.DURATION, lowNanos, highNanos, stepNanos, logScale, List.of());
    }

    public static TuneParameter choice(String key, List<String> choices) {
        return new TuneParameter(key, Kind.CHOICE, 0, choices.size() - 1, 1, false, choices);
    }

    /** @return this parameter over another range (same kind, step and scale) */
    public TuneParameter withRange(long newLow, long newHigh) {
        return new TuneParameter(key, kind, newLow, newHigh, step, logScale, choices);
    }

    /** @return this parameter over other names */
    public TuneParameter withChoices(List<String> newChoices) {
        return choice(key, newChoices);
    }

    /** @return how many distinct values it takes (saturating at {@link Long#MAX_VALUE}) */
    public long valueCount() {
        if (kind == Kind.CHOICE) {
            return choices.size();
        }
        long span = high - low;
        return span < 0 ? Long.MAX_VALUE : span / step + 1;
    }

    /** @return whether it has one value only (a pinned key: no dimension of the search) */
    public boolean fixed() {
        return valueCount() == 1;
    }

    /** @return the value at position {@code u} (clamped to [0, 1]), as a scenario file writes it */
    public String valueAt(double u) {
        double x = Double.isNaN(u) ? 0 : Math.min(1, Math.max(0, u));
        if (kind == Kind.CHOICE) {
            return choices.get((int) Math.min(choices.size() - 1, Math.floor(x * choices.size())));
        }
        double raw = logScale
                ? Math.expm1(Math.log1p(low) + x * (Math.log1p(high) - Math.log1p(low)))
                : low + x * ((double) high - low);
        long steps = Math.round((raw - low) / step);
        long value = Math.min(high, Math.max(low, low + steps * step));
        return format(value);
    }

    /** @return the {@code index}-th value, 0 to {@link #valueCount()} - 1 */
    public String valueAtIndex(long index) {
        return kind == Kind.CHOICE ? choices.get((int) index) : format(low + index * step);
    }

    /**
     * @param value as a scenario writes it
     * @return its position in [0, 1] (the middle of its slice for a name; clamped if outside the range)
     */
    public double position(String value) {
        if (kind == Kind.CHOICE) {
            int index = Math.max(0, choices.indexOf(value));
            return (index + 0.5) / choices.size();
        }
        if (high == low) {
            return 0.5;
        }
        double v = Math.min(high, Math.max(low, parse(value)));
        double u = logScale ? (Math.log1p(v) - Math.log1p(low)) / (Math.log1p(high) - Math.log1p(low))
                : (v - low) / ((double) high - low);
        return Math.min(1, Math.max(0, u));
    }

    /** @return the value as a number: integer, or nanoseconds */
    public long parse(String value) {
        return kind == Kind.DURATION ? Units.parseDurationNanos(value) : Long.parseLong(value.trim());
    }

    /** @return an integer, or a duration in its largest exact unit */
    public String format(long value) {
        return kind == Kind.DURATION ? Units.formatDuration(value) : Long.toString(value);
    }

    /**
     * @return {@code firmware.rxUsecs 0..128}, {@code firmware.rxFrames 0..128 (log)}, {@code firmware.timerMode
     * eqe|cqe}
     */
    public String describe() {
        if (kind == Kind.CHOICE) {
            return key + " " + String.join("|", choices);
        }
        return key + " " + format(low) + ".." + format(high) + (step > 1 && kind == Kind.INTEGER ? " step " + step : "")
                + (logScale ? " (log)" : "");
    }

    /** @return {@code rxUsecs} */
    public String shortKey() {
        return Sweep.shortKey(key);
    }
}
