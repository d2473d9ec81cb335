package io.nicsim.bench.cli;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.LiveFeedReader;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --live} around a study: Started first and Ended last however the study ends (its exit code, or its error's
 * one line when it throws), an earlier study's feed replaced; without {@code --live} nothing is written.
 */
class LiveOptionTest {

    @TempDir
    Path dir;

    private final StopSignal stop = new StopSignal();
    private final StringWriter shown = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(shown), Progress.Mode.PLAIN);

    private static LiveOption live(boolean on) {
        LiveOption option = new LiveOption();
        option.live = on;
        return option;
    }

    private LiveEvent.Started started() throws Exception {
        return LiveOption.started("sweep", ScenarioLoader.load(null, List.of()), List.of("coalesce", "coalesce"),
                List.of("platform-thread", "event-loop", "platform-thread"), "paced", 3);
    }

    private List<LiveEvent> feed() throws Exception {
        return new LiveFeedReader(dir.resolve(LiveFeed.FILE_NAME)).poll();
    }

    @Test
    void aStudyThatThrowsEndsFailedWithItsErrorsOneLine() throws Exception {
        assertThatThrownBy(() -> live(true).run(dir, started(), stop, progress, feed -> {
            feed.write(new LiveEvent.PointDone(1, 3, "rxUsecs=8", "points/0", java.util.Map.of()));
            throw new IllegalStateException("simulator thread failed:\nboom");
        })).hasMessageContaining("boom");
        List<LiveEvent> events = feed();
        assertThat(events).hasSize(3);
        LiveEvent.Started started = (LiveEvent.Started) events.getFirst();
        assertThat(started.policy()).isEqualTo("coalesce");
        assertThat(started.consumers()).containsExactly("platform-thread", "event-loop");
        assertThat(started.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(events.getLast()).isEqualTo(new LiveEvent.Ended(LiveOption.FAILED,
                "simulator thread failed:\\nboom"));
        assertThat(shown.toString()).contains("live feed: " + dir.resolve(LiveFeed.FILE_NAME));
    }

    @Test
    void theExitCodeSaysHowItEndedAndANewStudyReplacesTheOldFeed() throws Exception {
        assertThat(live(true).run(dir, started(), stop, progress, feed -> StudyOptions.INTERRUPTED))
                .isEqualTo(StudyOptions.INTERRUPTED);
        assertThat(feed().getLast()).isEqualTo(new LiveEvent.Ended(LiveOption.INTERRUPTED,
                "stopped (Ctrl-C or SIGTERM)"));
        assertThat(live(true).run(dir, started(), stop, progress, feed -> ExitCodes.OK)).isZero();
        assertThat(feed()).as("one study's feed").hasSize(2).last()
                .isEqualTo(new LiveEvent.Ended(LiveOption.COMPLETED, null));
        assertThat(LiveOption.ended(ExitCodes.CUT_SHORT, stop).outcome()).isEqualTo(LiveOption.INTERRUPTED);
        assertThat(LiveOption.ended(ExitCodes.FAILED, stop).outcome()).isEqualTo(LiveOption.FAILED);
    }

    @Test
    void withoutLiveNothingIsWritten() throws Exception {
        Path out = dir.resolve("out");
        LiveFeed[] given = new LiveFeed[1];
        assertThat(live(false).run(out, started(), stop, progress, feed -> {
            given[0] = feed;
            return ExitCodes.OK;
        })).isZero();
        assertThat(given[0]).isSameAs(LiveFeed.NONE);
        assertThat(Files.exists(out)).isFalse();
        assertThat(shown.toString()).isEmpty();
    }
}
