package io.nicsim.bench.tune;

import io.nicsim.bench.report.ScenarioYaml;
import io.nicsim.bench.scenario.Scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * best.yaml: the best setting found as a complete scenario file ({@link ScenarioYaml}), ready for {@code nicsim run},
 * with the tune's verdict and figures in its opening comments. It keeps the tune's run length, so running it
 * reproduces the conditions the figures were measured under.
 */
public final class BestScenario {

    public static final String FILE_NAME = "best.yaml";

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
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(wrap(line));
        }
        Map<String, Object> effective = new LinkedHashMap<>(best.effective());
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
