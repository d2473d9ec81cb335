package io.nicsim.bench.run.calibrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Timed waits on the three kinds of thread: every wait is measured, and its CPU where /proc tells it. */
class TimedWaitsTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void measuresEveryWaitOnEachKindOfThread() throws Exception {
        TimedWaits waits = TimedWaits.measure(50, 20_000);
        for (TimedWaits.Wait wait : List.of(waits.platform(), waits.virtual(), waits.loop())) {
            assertThat(wait.lateness().getTotalCount()).as(wait.threads()).isEqualTo(50);
            if (Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))) {
                assertThat(wait.cpuNanosPerWait()).as(wait.threads()).isPositive();
            }
        }
        assertThat(waits.loop().threads()).contains("event loop");
    }
}
