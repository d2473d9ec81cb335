package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStampTest {

    @Test
    void thisProcessIsAliveAndAnotherStartTimeOfItsPidIsNot() {
        ProcessStamp me = ProcessStamp.current();
        assertThat(me.alive()).isTrue();
        assertThat(me.startEpochMillis()).as("Linux says when a process started").isPositive();
        // the same pid, started an hour earlier: a process that died and whose pid this JVM reused
        assertThat(new ProcessStamp(me.pid(), me.startEpochMillis() - 3_600_000).alive()).isFalse();
    }

    @Test
    void aProcessThatEndedIsNotAlive() throws Exception {
        assertThat(DeadProcess.stamp().alive()).isFalse();
    }

    @Test
    void readsWhatItWroteAndNothingFromAFileThatIsNotAStamp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("owner");
        ProcessStamp.current().write(file);
        assertThat(ProcessStamp.read(file)).contains(ProcessStamp.current());

        Files.writeString(file, "pid=twelve\n");
        assertThat(ProcessStamp.read(file)).isEmpty();
        Files.write(file, new byte[] {0, (byte) 0xff, 3});
        assertThat(ProcessStamp.read(file)).isEmpty();
        assertThat(ProcessStamp.read(dir.resolve("missing"))).isEmpty();
    }
}
