package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objectives and constraints as the command line writes them, and how a goal scores a point. */
class GoalTest {

    @Test
    void metricsByName() throws ScenarioException {
        assertThat(Metric.parse("p99", "--objective")).isEqualTo(Metric.P99);
        assertThat(Metric.parse("p999", "--objective")).isEqualTo(Metric.P999);
        assertThat(Metric.parse("p99.9", "--objective")).isEqualTo(Metric.P999);
        assertThat(Metric.parse("cpuPerPacket", "--objective")).isEqualTo(Metric.CPU_PER_PACKET);
        Metric p95 = Metric.parse("p95", "--objective");
        assertThat(p95.kind()).isEqualTo(Metric.Kind.LATENCY);
        assertThat(p95.percentile()).isEqualTo(95);
        assertThat(p95.standard()).isFalse();
        assertThat(Metric.parse("p99.99", "--objective").percentile()).isEqualTo(99.99);
        assertThatThrownBy(() -> Metric.parse("p0", "--objective")).hasMessageContaining("unknown metric 'p0'");
        assertThatThrownBy(() -> Metric.parse("cpu", "--objective")).hasMessageStartingWith("--objective: ");
    }

    @Test
    void constraintsWithUnits() throws ScenarioException {
        Constraint latency = Constraint.parse("p99<=40us");
        assertThat(latency.metric()).isEqualTo(Metric.P99);
        assertThat(latency.operator()).isEqualTo(Constraint.Operator.LE);
        assertThat(latency.threshold()).isEqualTo(40_000);
        assertThat(latency.describe()).isEqualTo("p99<=40.0us");
        Constraint rate = Constraint.parse(" interruptsPerSecond < 20kpps ");
        assertThat(rate.operator()).isEqualTo(Constraint.Operator.LT);
        assertThat(rate.threshold()).isEqualTo(20_000);
        assertThat(Constraint.parse("interruptsPerSecond<=20000").threshold()).isEqualTo(20_000);
        assertThat(Constraint.parse("cpuPerPacket>=1.5us").threshold()).isEqualTo(1_500);
        assertThat(Constraint.parse("drops<=0").met(0)).isTrue();
        assertThatThrownBy(() -> Constraint.parse("p99=40us")).hasMessageContaining("expected METRIC<=VALUE");
        assertThatThrownBy(() -> Constraint.parse("p99<=40")).hasMessageContaining("unit");
    }

    @Test
    void feasiblePointsScoreByTheObjectiveAndAlwaysBelowInfeasibleOnes() throws ScenarioException {
        Goal goal = Goal.parse("interruptsPerSecond", List.of("p99<=40us"));
        Map<String, Double> meets = Map.of("p99", 39_000.0, "interruptsPerSecond", 90_000.0);
        Map<String, Double> missesBarely = Map.of("p99", 41_000.0, "interruptsPerSecond", 1_000.0);
        Map<String, Double> missesFar = Map.of("p99", 400_000.0, "interruptsPerSecond", 1_000.0);
        assertThat(goal.feasible(meets)).isTrue();
        assertThat(goal.score(meets)).isEqualTo(90_000);
        assertThat(goal.score(missesBarely)).isGreaterThan(goal.score(meets)).isLessThan(goal.score(missesFar));
        assertThat(goal.feasible(Map.of("interruptsPerSecond", 1.0))).as("a missing figure never meets").isFalse();
        assertThat(goal.describe()).isEqualTo("minimize interruptsPerSecond subject to p99<=40.0us");
        assertThat(goal.tightened(0.1).describe()).isEqualTo("minimize interruptsPerSecond subject to p99<=36.0us");
        assertThat(Goal.parse("p99", List.of("interruptsPerSecond>=1000")).tightened(0.1).constraints().getFirst()
                .threshold()).isCloseTo(1_100, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(goal.tightened(0)).isSameAs(goal);
    }

    @Test
    void budgets() throws ScenarioException {
        BudgetPlan plan = BudgetPlan.of(40, 3, 6);
        assertThat(plan.abRuns()).isEqualTo(12);
        assertThat(plan.repeatRuns()).isEqualTo(6);
        assertThat(plan.searchRuns()).isEqualTo(22);
        assertThat(BudgetPlan.of(4, 2, 1)).isEqualTo(new BudgetPlan(4, 2, 0, 2));
        assertThatThrownBy(() -> BudgetPlan.of(11, 3, 5)).hasMessageContaining("give --budget 12 or more");
    }
}
