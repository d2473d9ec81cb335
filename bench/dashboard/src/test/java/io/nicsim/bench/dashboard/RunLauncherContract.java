package io.nicsim.bench.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RunLauncher} promises: a started command runs until stopped, and then says how it ended. */
abstract class RunLauncherContract {

    static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    /** @return the launcher under test */
    abstract RunLauncher launcher();

    @Test
    void aLaunchedCommandRunsUntilStoppedThenHasAnExitCode() throws Exception {
        RunLauncher.Launched launched = launcher().launch(List.of("run", "s.yaml", "--live"), dir.resolve("log"));

        assertThat(launched.pid()).isPositive();
        assertThat(launched.exitCode()).as("running").isNull();
        launched.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (launched.exitCode() == null) {
            assertThat(System.nanoTime()).as("stopped within %d s", WAIT_SECONDS).isLessThan(deadline);
            Thread.sleep(10);
        }
        launched.stop(); // stopping an ended command does nothing
        assertThat(launched.exitCode()).isNotNull();
    }
}
