package io.nicsim.bench.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ItemRunner} does: a run that ends well leaves a run folder with its summary.json and says it ran;
 * a run stopped ends and says it did not; a run that fails says so with its last line.
 */
abstract class ItemRunnerContract {

    @TempDir
    Path tmp;

    /** @return the runner under test, whose runs hold on when their run arguments say "forever" and fail on "fail" */
    abstract ItemRunner runner();

    static WorkItem item(int index, String duration) {
        return new WorkItem(index, "p" + index, "p" + index, "name: tiny\n", List.of("--duration", duration),
                "nicsim sweep tiny --point " + index, true);
    }

    @Test
    void aRunThatEndsWellLeavesItsRunFolder() throws Exception {
        ItemRunner.Running running = runner().start(item(0, "50ms"), Files.createDirectories(tmp.resolve("i0")));
        ItemRunner.Outcome outcome = running.exited().get();
        assertThat(outcome.ran()).as("%s", outcome).isTrue();
        assertThat(Files.readString(running.runDir().resolve("summary.json"))).contains("nicsim sweep tiny --point 0");
    }

    @Test
    void aRunStoppedEndsWithoutHavingRun() throws Exception {
        ItemRunner.Running running = runner().start(item(1, "forever"), Files.createDirectories(tmp.resolve("i1")));
        running.stop();
        running.stop();
        assertThat(running.exited()).succeedsWithin(Duration.ofSeconds(60))
                .satisfies(outcome -> assertThat(outcome.ran()).isFalse());
    }

    @Test
    void aRunThatFailsSaysWhyInItsLastLine() throws Exception {
        ItemRunner.Running running = runner().start(item(2, "fail"), Files.createDirectories(tmp.resolve("i2")));
        ItemRunner.Outcome outcome = running.exited().get();
        assertThat(outcome.ran()).isFalse();
        assertThat(outcome.lastLine()).contains("failed");
    }
}
