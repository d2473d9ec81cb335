package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.ScenarioException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a tune looks for: the setting with the lowest {@code objective} among those meeting every constraint. A
 * setting's {@link #score(Map) score} orders them for the optimizer: feasible settings by their objective, all
 * below every infeasible one, and infeasible ones by how far they miss.
 *
 * @param objective   minimized
 * @param constraints each must hold
 */
public record Goal(Metric objective, List<Constraint> constraints) {

    /** Added to the score of a setting that misses a constraint: above any objective value a run can have. */
    public static final double INFEASIBLE = 1e15;
    /** Score of a setting the simulator refuses (a combination the policy rejects): worse than any measured one. */
    public static final double INVALID = 1e18;

    public Goal {
        constraints = List.copyOf(constraints);
    }

    /** @throws ScenarioException for a bad --objective or --constraint, naming which */
    public static Goal parse(String objective, List<String> constraints) throws ScenarioException {
        Metric metric = Metric.parse(objective, "--objective");
        List<Constraint> parsed = new ArrayList<>();
        for (String text : constraints) {
            parsed.add(Constraint.parse(text));
        }
        return new Goal(metric, parsed);
    }

    /** @return the objective and every constrained metric, each once */
    public Set<Metric> metrics() {
        Set<Metric> metrics = new LinkedHashSet<>();
        metrics.add(objective);
        constraints.forEach(c -> metrics.add(c.metric()));
        return metrics;
    }

    /** @param values metric name to value */
    public boolean feasible(Map<String, Double> values) {
        for (Constraint c : constraints) {
            if (!c.met(value(values, c.metric()))) {
                return false;
            }
        }
        return true;
    }

    /** @return the objective if feasible, else {@link #INFEASIBLE} plus the relative violations; lower is better */
    public double score(Map<String, Double> values) {
        double violation = 0;
        for (Constraint c : constraints) {
            violation += c.violation(value(values, c.metric()));
        }
        if (violation > 0) {
            return INFEASIBLE * (1 + Math.min(violation, 100));
        }
        double objectiveValue = value(values, objective);
        return Double.isNaN(objectiveValue) ? INFEASIBLE : objectiveValue;
    }

    /**
     * A guard band: the same goal with every constraint moved {@code margin} (a fraction) inside, e.g. p99<=36us for
     * p99<=40us at 0.1. The search ranks by it, so the best found does not sit on the edge where half of a re-measure's
     * runs fall outside; the verdict still uses the goal as given.
     */
    public Goal tightened(double margin) {
        if (margin == 0) {
            return this;
        }
        List<Constraint> tighter = new ArrayList<>();
        for (Constraint c : constraints) {
            double factor = c.operator() == Constraint.Operator.LE || c.operator() == Constraint.Operator.LT
                    ? 1 - margin : 1 + margin;
            tighter.add(new Constraint(c.metric(), c.operator(), c.threshold() * factor, c.text()));
        }
        return new Goal(objective, tighter);
    }

    /** @return {@code minimize p99 subject to interruptsPerSecond<=20,000/s} */
    public String describe() {
        return "minimize " + objective.name() + (constraints.isEmpty() ? ""
                : " subject to " + String.join(", ", constraints.stream().map(Constraint::describe).toList()));
    }

    /** @return the metric's value in {@code values}, NaN if absent */
    public static double value(Map<String, Double> values, Metric metric) {
        Double value = values.get(metric.name());
        return value == null ? Double.NaN : value;
    }
}
