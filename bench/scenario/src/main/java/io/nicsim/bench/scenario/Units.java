package io.nicsim.bench.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsing of quantities with units, as scenario files and flags write them: durations
 * ({@code 10us}, {@code 1.5ms}, {@code 2s}; a bare number is nanoseconds) and rates ({@code 50kpps},
 * {@code 1.5Mpps}; a bare number is packets per second). Anything else is rejected with a message saying
 * what was expected.
 */
public final class Units {

    private static final Pattern QUANTITY =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]{1,4})?)\\s*([a-zA-Zµ]*)");

    /** Digits a quantity may have before (and after) its decimal point: far beyond any real value. */
    private static final int MAX_INTEGER_DIGITS = 40;

    private Units() {
    }

    /** @throws IllegalArgumentException with "expected ..., found ..." for anything but a non-negative duration */
    public static long parseDurationNanos(String text) {
        Matcher m = match(text, "a duration such as 500ns, 10us, 1.5ms, 2s or 1m");
        long unitNanos = switch (m.group(2)) {
            case "", "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            default -> throw expected("a duration unit ns, us, ms, s or m", text);
        };
        return toLong(number(m.group(1), text).multiply(BigDecimal.valueOf(unitNanos)), text);
    }

    /** @throws IllegalArgumentException for anything but a non-negative rate in packets per second */
    public static double parseRatePerSecond(String text) {
        Matcher m = match(text, "a rate such as 50000, 50kpps or 1.5Mpps");
        double unit = switch (m.group(2)) {
            case "", "pps" -> 1;
            case "kpps" -> 1e3;
            case "Mpps" -> 1e6;
            default -> throw expected("a rate unit pps, kpps or Mpps", text);
        };
        double rate = number(m.group(1), text).doubleValue() * unit;
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("expected a finite rate, found " + Quote.of(text));
        }
        return rate;
    }

    /**
     * A plain decimal number such as {@code 10}, {@code 2.5} or {@code 1e2}: no unit, finite.
     *
     * @param positive whether 0 is refused too
     * @throws IllegalArgumentException for anything else, or a negative number
     */
    public static double parseNumber(String text, boolean positive) {
        Matcher m = match(text, "a number such as 10 or 2.5");
        if (!m.group(2).isEmpty()) {
            throw expected("a number without a unit", text);
        }
        double value = number(m.group(1), text).doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expected a finite number, found " + Quote.of(text));
        }
        if (positive && !(value > 0)) {
            throw new IllegalArgumentException("expected a number above 0, found " + Quote.of(text));
        }
        return value;
    }

    /** @throws IllegalArgumentException for anything but an integer in [min, max] */
    public static long parseInteger(String text, long min, long max) {
        String trimmed = text.trim();
        long value;
        try {
            value = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw expected("an integer", text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("expected an integer in [" + min + ", " + max + "], found "
                    + Quote.of(trimmed));
        }
        return value;
    }

    /** @return a rate in packets per second in 3 significant digits: {@code 200k}, {@code 1.50M}, {@code 800} */
    public static String formatRate(double ratePerSecond) {
        return ratePerSecond >= 1e6 ? String.format(java.util.Locale.ROOT, "%.3gM", ratePerSecond / 1e6)
                : ratePerSecond >= 1e3 ? String.format(java.util.Locale.ROOT, "%.3gk", ratePerSecond / 1e3)
                : String.format(java.util.Locale.ROOT, "%.3g", ratePerSecond);
    }

    /** Formats nanoseconds the way the parser reads them back, in the largest exact unit. */
    public static String formatDuration(long nanos) {
        if (nanos != 0 && nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos != 0 && nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos != 0 && nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    /**
     * @return a duration to read, exact when it is a whole number of a unit ({@link #formatDuration}), else to three
     *         significant digits: {@code 1.67s}, {@code 333ms}
     */
    public static String describeDuration(long nanos) {
        String exact = formatDuration(nanos);
        if (!exact.endsWith("ns") || nanos < 1_000L) {
            return exact;
        }
        String[] units = {"us", "ms", "s"};
        long[] scale = {1_000L, 1_000_000L, 1_000_000_000L};
        int u = nanos >= scale[2] ? 2 : nanos >= scale[1] ? 1 : 0;
        return new java.math.BigDecimal(nanos).divide(java.math.BigDecimal.valueOf(scale[u]))
                .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString() + units[u];
    }

    private static Matcher match(String text, String expected) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            throw expected(expected, text);
        }
        return m;
    }

    /** Parses a decimal, refusing magnitudes no quantity here can have (and that would be slow to compute). */
    private static BigDecimal number(String digits, String text) {
        BigDecimal value = new BigDecimal(digits);
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("expected a number of at most " + MAX_INTEGER_DIGITS
                    + " digits before and after the point, found " + Quote.of(text));
        }
        return value;
    }

    private static long toLong(BigDecimal value, String text) {
        try {
            return value.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a whole number of nanoseconds below 2^63, found "
                    + Quote.of(text));
        }
    }

    private static IllegalArgumentException expected(String what, String found) {
        return new IllegalArgumentException("expected " + what + ", found " + Quote.of(found));
    }
}
