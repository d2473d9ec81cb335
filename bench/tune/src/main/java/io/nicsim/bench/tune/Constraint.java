package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.Quote;
import io.nicsim.bench.scenario.ScenarioException;

/**
 * A bound a tuned setting must meet, as {@code --constraint} writes it: {@code interruptsPerSecond<=20000},
 * {@code p99<=40us}, {@code cpuPerPacket<2us}.
 *
 * @param metric    what is bounded
 * @param operator  how
 * @param threshold the bound, in the metric's unit (nanoseconds, per second, packets)
 * @param text      as given
 */
public record Constraint(Metric metric, Operator operator, double threshold, String text) {

    /** Where constraint errors point. */
    public static final String FLAG = "--constraint";

    /** A comparison; two-character operators first, so {@code <=} is not read as {@code <}. */
    public enum Operator {
        LE("<="), GE(">="), LT("<"), GT(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case LE -> value <= threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case GT -> value > threshold;
            };
        }

        boolean upperBound() {
            return this == LE || this == LT;
        }
    }

    /** @throws ScenarioException naming {@value #FLAG}, the text and what was expected */
    public static Constraint parse(String text) throws ScenarioException {
        String trimmed = text.trim();
        for (Operator operator : Operator.values()) {
            int at = trimmed.indexOf(operator.symbol);
            if (at < 0) {
                continue;
            }
            String left = trimmed.substring(0, at).trim();
            String right = trimmed.substring(at + operator.symbol.length()).trim();
            if (left.isEmpty() || right.isEmpty()) {
                break;
            }
            Metric metric = Metric.parse(left, FLAG + " " + trimmed);
            double threshold;
            try {
                threshold = metric.parseValue(right);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(FLAG + " " + trimmed, metric.name(), e.getMessage());
            }
            return new Constraint(metric, operator, threshold, metric.name() + operator.symbol + right);
        }
        throw new ScenarioException(FLAG, null, "expected METRIC<=VALUE (or <, >=, >), e.g. 'p99<=40us' or"
                + " 'interruptsPerSecond<=20000', found " + Quote.of(trimmed));
    }

    /** @return whether {@code value} meets the bound (a missing value, NaN, never does) */
    public boolean met(double value) {
        return !Double.isNaN(value) && operator.holds(value, threshold);
    }

    /** @return how far {@code value} misses the bound, relative to it (0 when met; 1 for a missing value) */
    public double violation(double value) {
        if (Double.isNaN(value)) {
            return 1;
        }
        if (met(value)) {
            return 0;
        }
        double scale = Math.max(Math.abs(threshold), 1);
        return Math.max(1e-9, operator.upperBound() ? (value - threshold) / scale : (threshold - value) / scale);
    }

    /** @return {@code interruptsPerSecond<=20,000/s} */
    public String describe() {
        return metric.name() + operator.symbol + metric.format(threshold).replace(" ", "");
    }
}
