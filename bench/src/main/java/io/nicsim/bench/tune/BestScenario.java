package io.nicsim.bench.tune;

import io.nicsim.bench.report.ScenarioYaml;
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
 * with the tune's verdict and figures in its opening comments. It keeps the tune's measured run length, so running it
 * reproduces the conditions the figures were measured under, except the warm-up: the tune's runs follow an
 * unrecorded warm-up run in a JVM that stays warm, while {@code nicsim run best.yaml} starts a fresh one, whose JIT
 * compiler is still at work in its first seconds (measured here: after a 200 ms warm-up p50 and p90 differ from the
 * tune's; after 1 s they match but the first measured second's p99 is still over 1 ms, against 56-199 µs in the
 * seconds after it). So the warm-up is at least {@value #MIN_WARMUP_TEXT}.
 */
public final class BestScenario {

    public static final String FILE_NAME = "best.yaml";
    /** Shortest warm-up best.yaml gets: a fresh JVM's JIT compiler needs about this long. */
    static final long MIN_WARMUP_NANOS = 2_000_000_000L;
    static final String MIN_WARMUP_TEXT = "2s";

    private BestScenario() {
    }

    /** @param best the tuned scenario with the best found's values */
    public static void write(Path tuneDir, Scenario best, TuneResult result) throws IOException {
        TuneFiles.writeAtomically(tuneDir.resolve(FILE_NAME), render(best, result).getBytes(StandardCharsets.UTF_8));
    }

    static String render(Scenario best, TuneResult result) throws IOException {
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
        boolean longerWarmup = best.run().warmupNanos() < MIN_WARMUP_NANOS;
        if (longerWarmup) {
            lines.add("run.warmup is " + MIN_WARMUP_TEXT + " here, " + Units.formatDuration(best.run().warmupNanos())
                    + " in the tune: its runs followed an unrecorded warm-up run in a JVM that stayed warm; a fresh JVM"
                    + " needs about " + MIN_WARMUP_TEXT + " before its figures are comparable");
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(wrap(line));
        }
        Map<String, Object> effective = new LinkedHashMap<>(best.effective());
        effective.put("name", best.name() + "-best");
        if (longerWarmup && effective.get("run") instanceof Map<?, ?> run) {
            Map<Object, Object> section = new LinkedHashMap<>(run);
            section.put("warmup", MIN_WARMUP_TEXT);
            effective.put("run", section);
        }
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
