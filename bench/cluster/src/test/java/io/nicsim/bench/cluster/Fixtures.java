package io.nicsim.bench.cluster;

import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.SweepRunner;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Short virtual-time scenarios and what the cluster tests compare of the folders they write. */
final class Fixtures {

    /** A virtual run of 50 ms after 10 ms: a fraction of a second each. */
    static final List<String> SHORT = List.of("run.clock=virtual", "run.duration=50ms", "run.warmup=10ms");

    private Fixtures() {
    }

    static Path scenarioFile() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("scenarios/tune-coalesce.yaml"))) {
            at = at.getParent();
        }
        return at.resolve("scenarios/tune-coalesce.yaml");
    }

    /** @return the short virtual scenario with {@code more} set on top */
    static Scenario scenario(String... more) throws Exception {
        List<String> overrides = new ArrayList<>(SHORT);
        overrides.addAll(List.of(more));
        return ScenarioLoader.load(scenarioFile(), overrides);
    }

    /** @return a sweep's points over firmware.rxUsecs, each running platform-thread and event-loop */
    static List<SweepRunner.Point> points(int... usecs) throws Exception {
        List<SweepRunner.Point> points = new ArrayList<>();
        for (int i = 0; i < usecs.length; i++) {
            Scenario scenario = scenario("host.consumer=platform-thread,event-loop", "firmware.rxUsecs=" + usecs[i]);
            points.add(new SweepRunner.Point(Map.of("firmware.rxUsecs", String.valueOf(usecs[i])), scenario,
                    i + "-rxUsecs=" + usecs[i]));
        }
        return points;
    }

    /** @return every path under {@code root}, relative, sorted, leaving out queues/ and cluster.json */
    static List<String> layout(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.isEmpty() && !p.equals("queues") && !p.startsWith("queues/")
                            && !p.contains("/queues/") && !p.endsWith("/queues") && !p.equals(ClusterRecord.FILE_NAME))
                    .sorted().toList();
        }
    }

    /** Progress lines written to a string. */
    static final class Lines {
        final StringWriter text = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(text, true), Progress.Mode.PLAIN);

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
