package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The trade-off a tune shows: of the points measured, those no other point beats on both latency and cost (interrupt
 * rate or CPU per packet), by their medians. Along the front, less latency costs more interrupts (or CPU); anything
 * off it is worse on both than some point on it.
 */
public final class ParetoFront {

    /** Which latency and which cost the front trades. */
    public record Axes(Metric latency, Metric cost) {

        /**
         * @return the objective (if a latency) or the first constrained latency, else p99; against the objective or
         *         the first constrained metric if it is a rate or CPU, else interrupts per second
         */
        public static Axes of(Goal goal) {
            Metric latency = null;
            Metric cost = null;
            List<Metric> metrics = new ArrayList<>(goal.metrics());
            for (Metric m : metrics) {
                if (latency == null && m.kind() == Metric.Kind.LATENCY) {
                    latency = m;
                }
                if (cost == null && (m.kind() == Metric.Kind.RATE || m.kind() == Metric.Kind.CPU)) {
                    cost = m;
                }
            }
            return new Axes(latency != null ? latency : Metric.P99, cost != null ? cost : Metric.INTERRUPTS_PER_SECOND);
        }
    }

    /**
     * One point's place on the trade-off.
     *
     * @param point    the point's number
     * @param latency  its median latency (nanoseconds)
     * @param cost     its median cost
     */
    public record Entry(int point, double latency, double cost) {
    }

    private ParetoFront() {
    }

    /** @return the entries no other entry dominates (lower or equal on both, lower on one), cheapest first */
    public static List<Entry> of(List<Entry> entries) {
        List<Entry> front = new ArrayList<>();
        for (Entry e : entries) {
            if (Double.isNaN(e.latency()) || Double.isNaN(e.cost())) {
                continue;
            }
            boolean dominated = false;
            for (Entry other : entries) {
                if (other != e && !Double.isNaN(other.latency()) && !Double.isNaN(other.cost())
                        && other.latency() <= e.latency() && other.cost() <= e.cost()
                        && (other.latency() < e.latency() || other.cost() < e.cost())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && front.stream().noneMatch(f -> f.latency() == e.latency() && f.cost() == e.cost())) {
                front.add(e);
            }
        }
        front.sort(Comparator.comparingDouble(Entry::cost).thenComparingDouble(Entry::latency));
        return front;
    }
}
