package io.nicsim.bench.run;

import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep whose points all run in virtual time runs them in parallel, and writes what the same sweep run one point
 * after another writes: the same folders and files, and sweep.csv with the same rows in the same order.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ParallelSweepTest {

    private static final List<String> FILES = List.of("summary.json", "report.html");

    @TempDir
    Path dir;

    private static Path scenarioFile() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("scenarios/tune-coalesce.yaml"))) {
            at = at.getParent();
        }
        return at.resolve("scenarios/tune-coalesce.yaml");
    }

    private static List<SweepRunner.Point> points() throws Exception {
        List<SweepRunner.Point> points = new ArrayList<>();
        int[] usecs = {8, 24, 50, 96, 128};
        for (int i = 0; i < usecs.length; i++) {
            Scenario scenario = ScenarioLoader.load(scenarioFile(), List.of("run.clock=virtual", "run.duration=100ms",
                    "run.warmup=20ms", "host.consumer=platform-thread,event-loop",
                    "firmware.rxUsecs=" + usecs[i]));
            points.add(new SweepRunner.Point(Map.of("firmware.rxUsecs", String.valueOf(usecs[i])), scenario,
                    i + "-rxUsecs=" + usecs[i]));
        }
        return points;
    }

    private Sweep sweep(Path out, int threads) throws Exception {
        List<SweepRunner.Point> points = points();
        return new SweepRunner(SystemNanoClock.INSTANCE, RunOptions.defaults().withKeepJournal(false), threads)
                .run(points.getFirst().scenario(), List.of("firmware.rxUsecs"), points, out, "test");
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aVirtualSweepInParallelWritesWhatASequentialOneWrites() throws Exception {
        Path sequential = dir.resolve("sequential");
        Path parallel = dir.resolve("parallel");
        Sweep one = sweep(sequential, 1);
        Sweep many = sweep(parallel, 3);
        assertThat(many.rows()).hasSize(10);
        assertThat(files(parallel)).isEqualTo(files(sequential));
        assertThat(Files.readString(parallel.resolve(Sweep.CSV_FILE)))
                .isEqualTo(Files.readString(sequential.resolve(Sweep.CSV_FILE)));
        assertThat(many.rows().stream().map(Sweep.Row::point).toList())
                .isEqualTo(one.rows().stream().map(Sweep.Row::point).toList()).isSorted();
        for (String file : files(sequential)) {
            Path s = sequential.resolve(file);
            if (Files.isRegularFile(s) && file.endsWith(".hgrm")) {
                assertThat(Files.readString(parallel.resolve(file))).as(file).isEqualTo(Files.readString(s));
            }
        }
        assertThat(FILES).allMatch(f -> Files.exists(parallel.resolve("points/0-rxUsecs=8").resolve(f)));
    }
}
