package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    @TempDir
    Path dir;

    @Test
    void aReaderSeesEachWholeLineOnceAndWaitsForAnUnfinishedOne() throws Exception {
        LiveFeedReader reader = new LiveFeedReader(dir.resolve(LiveFeed.FILE_NAME));
        assertThat(reader.poll()).as("no file yet").isEmpty();
        LiveEvent started = new LiveEvent.Started("run", "default-study", "per-packet", List.of("busy-poll"), "paced",
                42, "2026-12-06T10:00:00Z", 1);
        LiveEvent second = new LiveEvent.Second(null, "busy-poll", 3, false, 200_000, 5_000, 20_000, 90_000, 200_000,
                0, 0.98, null);
        try (LiveFeed feed = LiveFeed.open(dir)) {
            feed.write(started);
            assertThat(reader.poll()).containsExactly(started);
            feed.write(second);
        }
        Files.writeString(dir.resolve(LiveFeed.FILE_NAME), "{\"type\":\"point\",\"ind", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(reader.poll()).containsExactly(second);
        Files.writeString(dir.resolve(LiveFeed.FILE_NAME), "ex\":2,\"count\":3,\"label\":\"rxUsecs=8\",\"folder\":"
                + "\"points/2\",\"headline\":{\"p99Nanos\":7}}\nnot json\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(reader.poll()).containsExactly(new LiveEvent.PointDone(2, 3, "rxUsecs=8", "points/2",
                Map.of("p99Nanos", 7L)));
        assertThat(reader.badLines()).isEqualTo(1);
        assertThat(reader.poll()).isEmpty();
    }

    @Test
    void nullFiguresAreLeftOutOfTheLine() {
        String line = LiveFeed.line(new LiveEvent.Ended("completed", null));
        assertThat(line).isEqualTo("{\"type\":\"ended\",\"outcome\":\"completed\"}");
    }

    @Test
    void noneWritesNothing() {
        LiveFeed.NONE.write(new LiveEvent.Ended("completed", null));
        assertThat(LiveFeed.NONE.live()).isFalse();
        assertThat(dir).isEmptyDirectory();
    }
}
