package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs started for the page, with a fake launcher and a fixed clock: their command, folder, log, stop and list. */
class RunStartsTest {

    @TempDir
    Path dir;

    private final FakeLauncher launcher = new FakeLauncher();

    private RunStarts starts() {
        return new RunStarts(dir.resolve("runs"), launcher, Clock.fixed(Instant.parse("2026-12-06T10:15:30Z"),
                ZoneOffset.UTC));
    }

    @Test
    void aRunStartsAsNicsimRunLiveIntoATimestampedFolderThatStopsWithTheServer() throws Exception {
        RunStarts starts = starts();
        Path runs = dir.resolve("runs");

        RunStarts.View first = starts.start(Path.of("scenarios/policy-napi.yaml"), "policy napi");
        RunStarts.View second = starts.start(Path.of("scenarios/policy-napi.yaml"), "policy napi");

        assertThat(launcher.launched.getFirst().args).containsExactly("run", "scenarios/policy-napi.yaml", "--live",
                "--out", runs.resolve("20261206-101530-policy_napi").toString(), "--exit-with-parent");
        assertThat(first.folder()).isEqualTo("20261206-101530-policy_napi");
        assertThat(second.folder()).as("a second start in the same second").isEqualTo("20261206-101530-policy_napi-2");
        assertThat(launcher.launched.getFirst().log).isEqualTo(runs.resolve(
                ".dashboard/logs/20261206-101530-policy_napi.log"));
        assertThat(first.exitCode()).isNull();
    }

    @Test
    void stopAsksAStartedRunToStopAndTheListSaysHowItEnded() throws Exception {
        RunStarts starts = starts();
        RunStarts.View view = starts.start(Path.of("s.yaml"), "s");
        Files.writeString(launcher.last().log, "nicsim run: s ...\n\ninterrupted: 1 of 1 runs ran\n");

        assertThat(starts.stop(view.id())).isTrue();
        assertThat(starts.stop("99")).isFalse();

        assertThat(launcher.last().stopped).isTrue();
        assertThat(starts.list()).singleElement().satisfies(run -> {
            assertThat(run.exitCode()).isEqualTo(130);
            assertThat(run.lastLine()).isEqualTo("interrupted: 1 of 1 runs ran");
        });
    }

    @Test
    void anEditedScenarioIsSavedUnderTheDashboardsFolderByThePickedFilesName() throws Exception {
        RunStarts starts = starts();
        Path file = starts.editedFile("scenarios/hosts/no timer slack.yaml");
        assertThat(file).isEqualTo(dir.resolve("runs/.dashboard/no_timer_slack.yaml"));
        assertThat(starts.editedFile(null)).isEqualTo(dir.resolve("runs/.dashboard/scenario.yaml"));
        starts.save(file, "name: x\n");
        starts.save(file, "name: y\n");
        assertThat(file).hasContent("name: y\n");
        assertThat(List.of(dir.resolve("runs/.dashboard").toFile().list())).containsExactly("no_timer_slack.yaml");
    }
}
