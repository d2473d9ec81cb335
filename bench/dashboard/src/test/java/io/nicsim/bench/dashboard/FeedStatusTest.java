package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed's state from its first and last lines, on a feed far longer than what is read at each end. */
class FeedStatusTest {

    @TempDir
    Path study;

    @Test
    void theFirstAndLastLinesAreReadWithoutTheLinesBetween() throws Exception {
        LiveEvent.Started started = TinyRuns.started("s");
        TinyRuns.append(study, started);
        for (int i = 0; i < 2000; i++) { // far more than the 64 KiB read at each end
            TinyRuns.append(study, TinyRuns.second("busy-poll", i));
        }
        Path file = study.resolve(LiveFeed.FILE_NAME);
        assertThat(Files.size(file)).isGreaterThan(256 * 1024);

        assertThat(FeedStatus.read(file, (pid, at) -> true)).isEqualTo(new FeedStatus(started, null, "live"));
        assertThat(FeedStatus.read(file, (pid, at) -> false).state()).isEqualTo(FeedStatus.CUT_SHORT);
        Files.writeString(file, "{\"type\":\"ended\",\"outco", StandardOpenOption.APPEND);
        assertThat(FeedStatus.read(file, (pid, at) -> true).state()).as("half an end line is no end").isEqualTo("live");
        Files.writeString(file, "me\":\"completed\"}\n", StandardOpenOption.APPEND);
        assertThat(FeedStatus.read(file, (pid, at) -> false)).isEqualTo(new FeedStatus(started,
                new LiveEvent.Ended("completed", null), "completed"));
    }
}
