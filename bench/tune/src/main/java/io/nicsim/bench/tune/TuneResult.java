package io.nicsim.bench.tune;

import io.nicsim.bench.results.AtomicFiles;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nicsim.bench.results.Environment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tune's results as tune.json holds them (and the report is made from): the goal, the space, every point with the
 * spread of its runs, every run, the Pareto front, the A/B's rounds and the verdict. Latency and CPU in nanoseconds.
 *
 * @param scenario    the scenario's name
 * @param command     how the tune was started
 * @param environment the machine
 * @param interrupted whether Ctrl-C ended it early
 * @param policy      the firmware policy tuned
 * @param consumer    the consumer measured
 * @param goal        the goal in words
 * @param objective   the metric minimized
 * @param constraints the constraints, as parsed
 * @param space       the searched keys and their ranges
 * @param optimizer   the search strategy
 * @param budget      how the runs were planned
 * @param runsUsed    runs made
 * @param repeats     runs each promising point should have
 * @param abRounds    rounds of the A/B planned
 * @param marginPercent the guard band the search ranked points with (constraints moved this far inside)
 * @param latencyAxis the front's latency metric
 * @param costAxis    the front's cost metric
 * @param startPoint  the start's point number
 * @param bestPoint   the best found's point number
 * @param start       the start's values
 * @param best        the best found's values
 * @param points      every point met, in order
 * @param paretoFront point numbers on the front, cheapest first
 * @param runs        every run, in order
 * @param ab          the A/B's rounds
 * @param verdict     the conclusion
 * @param searchClock the clock the start, search and repeats ran on: {@code virtual} (the A/B then confirms their
 *                    predictions paced, hardware in the loop) or {@code paced}
 */
public record TuneResult(String scenario, String command, Environment environment, boolean interrupted, String policy,
                         String consumer, String goal, String objective, List<String> constraints, List<String> space,
                         String optimizer, BudgetPlan budget, int runsUsed, int repeats, int abRounds,
                         double marginPercent, String latencyAxis, String costAxis, int startPoint, int bestPoint,
                         Map<String, String> start, Map<String, String> best, List<PointSummary> points,
                         List<Integer> paretoFront, List<Evaluation> runs, List<AbRound> ab, Verdict verdict,
                         String searchClock) {

    /** The search's clock when the start, search and repeats ran in virtual time. */
    public static final String VIRTUAL = "virtual";

    /** @return whether the search ran in virtual time (its figures are predictions the A/B measured paced) */
    public boolean virtualSearch() {
        return VIRTUAL.equals(searchClock);
    }

    public static final String JSON_FILE = "tune.json";

    /**
     * A point and what its runs measured.
     *
     * @param point            its number
     * @param parameters       its values
     * @param refusal          why the simulator refused it (never run), or null
     * @param runs             its search and repeat runs
     * @param rank             its place by median score, from 1 (0: never run)
     * @param meetsConstraints whether its medians meet every constraint
     * @param metrics          metric name to spread over its runs
     * @param folders          its runs' folders
     */
    public record PointSummary(int point, Map<String, String> parameters, String refusal, int runs, int rank,
                               boolean meetsConstraints, Map<String, Spread> metrics, List<String> folders) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What a tune was, besides its outcome. */
    public record Context(String scenario, String command, Environment environment, String policy, String consumer,
                          Goal goal, ParameterSpace space, Tuner.Settings settings, String searchClock) {

        public Context(String scenario, String command, Environment environment, String policy, String consumer,
                       Goal goal, ParameterSpace space, Tuner.Settings settings) {
            this(scenario, command, environment, policy, consumer, goal, space, settings, "paced");
        }
    }

    public static TuneResult of(Context context, Tuner.Outcome outcome) {
        Trials trials = outcome.trials();
        List<PointRecord> ranked = trials.ranked();
        List<PointSummary> points = new ArrayList<>();
        List<ParetoFront.Entry> entries = new ArrayList<>();
        ParetoFront.Axes axes = ParetoFront.Axes.of(context.goal());
        for (PointRecord p : trials.points()) {
            Map<String, Spread> metrics = new LinkedHashMap<>();
            for (String name : p.medians().keySet()) {
                Spread s = Spread.of(p.runs().stream().map(r -> r.values().get(name)).toList());
                if (s.n() > 0) {
                    metrics.put(name, s);
                }
            }
            points.add(new PointSummary(p.id(), p.parameters(), p.refusal(), p.n(), ranked.indexOf(p) + 1,
                    trials.feasible(p), metrics, p.runs().stream().map(Measurement::folder).toList()));
            if (p.n() > 0 && p.refusal() == null) {
                Map<String, Double> medians = p.medians();
                entries.add(new ParetoFront.Entry(p.id(), Goal.value(medians, axes.latency()),
                        Goal.value(medians, axes.cost())));
            }
        }
        List<Integer> front = ParetoFront.of(entries).stream().map(ParetoFront.Entry::point).toList();
        Goal goal = context.goal();
        return new TuneResult(context.scenario(), context.command(), context.environment(), outcome.interrupted(),
                context.policy(), context.consumer(), goal.describe(), goal.objective().name(),
                goal.constraints().stream().map(Constraint::describe).toList(), context.space().describe(),
                outcome.optimizer(), outcome.plan(), trials.used(), context.settings().repeats(),
                context.settings().abRounds(), context.settings().marginPercent(), axes.latency().name(), axes.cost()
                        .name(), outcome.start().id(),
                outcome.best().id(), outcome.start().parameters(), outcome.best().parameters(), points, front,
                trials.runs(), outcome.rounds(), outcome.verdict(), context.searchClock());
    }

    /** @return the point with this number */
    public PointSummary point(int id) {
        return points.get(id - 1);
    }

    /** @return a metric by name, parsed again (for the report) */
    public static Metric metric(String name) {
        try {
            return Metric.parse(name, "tune.json");
        } catch (io.nicsim.bench.scenario.ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public void write(Path dir) throws IOException {
        byte[] json = JSON.writeValueAsBytes(this);
        AtomicFiles.write(dir.resolve(JSON_FILE), json);
    }

    public static TuneResult read(Path tuneJson) throws IOException {
        return JSON.readValue(tuneJson.toFile(), TuneResult.class);
    }
}
