package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunProgressTest {

    @Test
    void aFolderIsInProgressBetweenBeginAndEndThenFinished(@TempDir Path dir) throws Exception {
        assertThat(RunProgress.problem(dir)).isEmpty();
        RunProgress.begin(dir);
        assertThat(RunProgress.problem(dir)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("run in progress (nicsim pid " + ProcessHandle.current().pid()));
        assertThat(RunProgress.markIfAbandoned(dir)).as("this process is alive").isFalse();
        RunProgress.end(dir);
        assertThat(RunProgress.problem(dir)).isEmpty();
        RunProgress.fail(dir, "late failure");
        assertThat(RunProgress.problem(dir)).as("a finished folder is not marked by a later failure").isEmpty();
    }

    @Test
    void aFailedRunMarksItsFolderIncompleteWithWhyOnOneLine(@TempDir Path dir) throws Exception {
        RunProgress.begin(dir);
        RunProgress.fail(dir, "failed: disk on fire\n\tat Some.frame");
        assertThat(RunProgress.problem(dir)).contains("incomplete run folder (failed: disk on fire): its files are"
                + " partial; run the scenario again");
        RunProgress.begin(dir);
        assertThat(RunProgress.problem(dir)).as("a new run into the folder drops the old mark").isPresent()
                .hasValueSatisfying(p -> assertThat(p).startsWith("run in progress"));
    }

    @Test
    void aFolderWhoseWriterDiedIsIncompleteAndMarkedSoOnce(@TempDir Path dir) throws Exception {
        ProcessStamp dead = DeadProcess.stamp();
        dead.write(dir.resolve(RunProgress.IN_PROGRESS));
        String expected = "incomplete run folder (its nicsim process (pid " + dead.pid()
                + ") ended before the run finished): its files are partial; run the scenario again";
        assertThat(RunProgress.problem(dir)).contains(expected);
        assertThat(RunProgress.markIfAbandoned(dir)).isTrue();
        assertThat(dir.resolve(RunProgress.IN_PROGRESS)).doesNotExist();
        assertThat(RunProgress.problem(dir)).contains(expected);
        assertThat(RunProgress.markIfAbandoned(dir)).as("already marked").isFalse();
    }
}
