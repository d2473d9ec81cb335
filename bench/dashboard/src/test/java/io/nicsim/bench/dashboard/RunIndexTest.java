package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.Sweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run list from feeds and sweep files (summary.json rows, which need a real run, are DashboardApiTest's), with a
 * process check the test decides: pid 1 runs, any other is gone.
 */
class RunIndexTest {

    @TempDir
    Path runs;

    private RunIndex index;

    @BeforeEach
    void index() throws Exception {
        index = new RunIndex(new RunsPathGuard(runs), (pid, startedAt) -> pid == 1);
    }

    private static LiveEvent.Started started(String command, long pid) {
        return new LiveEvent.Started(command, "study-" + command, "coalesce", List.of("busy-poll", "event-loop"),
                "virtual", pid, "2026-12-06T10:00:00Z", 3);
    }

    @Test
    void aFeedTellsLiveCutShortOrItsOutcome() throws Exception {
        TinyRuns.append(Files.createDirectories(runs.resolve("20261206-100000-live")), started("sweep", 1));
        TinyRuns.append(Files.createDirectories(runs.resolve("20261206-110000-dead")), started("run", 2),
                TinyRuns.second("busy-poll", 0));
        TinyRuns.append(Files.createDirectories(runs.resolve("20261206-090000-ended")), started("tune", 2),
                new LiveEvent.Ended("interrupted", "SIGINT"));
        Files.createDirectories(runs.resolve("20261206-080000-starting"));
        Files.writeString(runs.resolve("20261206-080000-starting/live.jsonl"), "");

        List<RunEntry> entries = index.list();

        assertThat(entries).extracting(RunEntry::path).containsExactly("20261206-110000-dead",
                "20261206-100000-live", "20261206-090000-ended", "20261206-080000-starting");
        assertThat(entries).extracting(RunEntry::state).containsExactly(FeedStatus.CUT_SHORT, FeedStatus.LIVE,
                "interrupted", FeedStatus.STARTING);
        RunEntry live = entries.get(1);
        assertThat(live.kind()).isEqualTo("sweep");
        assertThat(live.scenario()).isEqualTo("study-sweep");
        assertThat(live.policy()).isEqualTo("coalesce");
        assertThat(live.consumers()).containsExactly("busy-poll", "event-loop");
        assertThat(live.date()).isEqualTo("2026-12-06 10:00:00");
        assertThat(live.live()).isTrue();
    }

    @Test
    void foldersUpToThreeDeepAreListedUnderTheirParentAndQueuesAndDotFoldersAreNot() throws Exception {
        Path sweep = Files.createDirectories(runs.resolve("20261206-100000-sweep"));
        new Sweep("napi-sweep", false, "nicsim sweep", List.of("firmware.budget"), 2, List.of(),
                new Environment("jdk", 2, "linux", "cpu"), List.of(new Sweep.Row(0, "points/budget=8",
                Map.of("firmware.budget", "8"), "busy-poll", "napi", 1, 2, 3, 4, 5, 6, 7, 8, 8, 0, false, 1)))
                .write(sweep);
        TinyRuns.append(Files.createDirectories(sweep.resolve("points/budget=8")), started("run", 2),
                new LiveEvent.Ended("completed", null));
        TinyRuns.append(Files.createDirectories(sweep.resolve("points/budget=8/deeper")), started("run", 1));
        TinyRuns.append(Files.createDirectories(runs.resolve(".dashboard/hidden")), started("run", 1));
        TinyRuns.append(Files.createDirectories(runs.resolve("20261206-090000-q/queues/0-busy-poll")),
                started("run", 1));
        Files.createDirectories(runs.resolve("notes"));

        List<RunEntry> entries = index.list();

        assertThat(entries).extracting(RunEntry::path).containsExactly("20261206-100000-sweep",
                "20261206-100000-sweep/points/budget=8");
        assertThat(entries.getFirst().kind()).isEqualTo("sweep");
        assertThat(entries.getFirst().scenario()).isEqualTo("napi-sweep");
        assertThat(entries.getFirst().state()).isEqualTo("completed");
        assertThat(entries.getFirst().live()).isFalse();
        assertThat(entries.get(1).state()).isEqualTo("completed");
    }

    @Test
    void aFolderIsReadAgainWhenItsFilesChange() throws Exception {
        Path study = Files.createDirectories(runs.resolve("20261206-100000-s"));
        TinyRuns.append(study, started("run", 1));
        assertThat(index.list().getFirst().state()).isEqualTo(FeedStatus.LIVE);
        TinyRuns.append(study, new LiveEvent.Ended("failed", "a simulator thread died"));
        assertThat(index.list().getFirst().state()).isEqualTo("failed");
        Files.writeString(study.resolve("summary.json"), "{not json");
        RunEntry broken = index.list().getFirst();
        assertThat(broken.problem()).startsWith("20261206-100000-s/summary.json:1:");
        assertThat(broken.problem()).doesNotContain(runs.toString());
    }
}
