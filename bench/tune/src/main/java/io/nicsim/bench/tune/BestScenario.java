package io.nicsim.bench.tune;

import io.nicsim.bench.results.AtomicFiles;

import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * best.yaml: the best setting found as a complete scenario file ({@link ScenarioYaml}), ready for {@code nicsim run},
 * with the tune's verdict and figures in its opening comments. Its figures are the A/B's, whose rounds ran exactly as
 * {@code nicsim run best.yaml} runs ({@link ReplayRun}: a fresh JVM, this file's warm-up and duration). A fresh JVM
 * needs a longer warm-up and a longer window than the search's runs in a warm one: measured here, 1 s windows after a
 * 2 s warm-up had p99s of 1-2.5 ms for settings whose p99 is 160-250 us in a warm JVM (the fresh JVM's compiler and
 * its other threads preempt the measured ones now and then), while 5 s after a 5 s warm-up gave 187 and 241 us. So
 * warm-up and duration are at least {@value #DEFAULT_REPLAY_TEXT} each unless {@code tune --replay-length} says
 * otherwise.
 */
public final class BestScenario {

    public static final String FILE_NAME = "best.yaml";
    /**
     * Shortest warm-up, and shortest measured time, best.yaml and the A/B's replays get by default: a fresh JVM needs
     * about this long to warm up, and a window this long lets its odd second weigh less.
     */
    public static final long DEFAULT_REPLAY_NANOS = 5_000_000_000L;
    public static final String DEFAULT_REPLAY_TEXT = "5s";

    private BestScenario() {
    }

    /**
     * @param best         the tuned scenario with the best found's values
     * @param replayNanos  the shortest warm-up and measured time the A/B's replays had ({@code --replay-length})
     */
    public static void write(Path tuneDir, Scenario best, TuneResult result, long replayNanos) throws IOException {
        AtomicFiles.write(tuneDir.resolve(FILE_NAME), render(best, result, replayNanos)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String render(Scenario best, TuneResult result, long replayNanos) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("nicsim tune: the best setting found for " + result.scenario() + " (" + result.policy() + ", "
                + result.consumer() + "): " + ParameterSpace.label(result.best()));
        lines.add("goal: " + result.goal());
        lines.add("verdict: " + result.verdict().sentence());
        if (!result.ab().isEmpty()) {
            Map<String, Spread> spreads = AbTest.spreads(result.ab(), true);
            List<String> figures = new ArrayList<>();
            for (Metric m : TuneTables.abMetrics(result)) {
                Spread s = spreads.get(m.name());
                if (s != null) {
                    figures.add(m.name() + " " + s.format(m));
                }
            }
            lines.add("its figures over the A/B's " + result.ab().size() + " rounds, median (range): "
                    + String.join("; ", figures));
        }
        lines.add("start: " + ParameterSpace.label(result.start()) + "; replay: nicsim run best.yaml (longer runs:"
                + " --duration 10s)");
        String replay = Units.formatDuration(replayNanos);
        lines.add("run.warmup and run.duration are at least " + replay + " each here (the search ran "
                + Units.formatDuration(best.run().warmupNanos()) + " + "
                + Units.formatDuration(best.run().durationNanos())
                + " in a JVM that stayed warm): the A/B ran each round as this file runs, in a fresh JVM, which needs"
                + " them for figures that hold");
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(wrap(line));
        }
        Map<String, Object> effective = new LinkedHashMap<>(ReplayRun.asReplayed(best, replayNanos));
        effective.put("name", best.name() + "-best");
        return out + ScenarioYaml.render(effective);
    }

    /** @return the text as comment lines of at most about 118 characters */
    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 118 && line.length() > 1) {
                out.append(line).append('\n');
                line = new StringBuilder("#  ");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
