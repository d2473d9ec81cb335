package io.nicsim.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which folders a run may write into: new, empty or nicsim's, whatever another process is checking there. */
class RunFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFolderHoldingSomeoneElsesFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThat(RunFolder.problem(dir)).startsWith("folder is not empty and was not written by nicsim");
    }

    @Test
    void anotherProcesssProbeOfTheSameNewFolderDoesNotMakeItSomeonesElse() throws IOException {
        // a NIC and a host given one new --dir: one probes it while the other looks
        Files.writeString(dir.resolve(".nicsim-probe-123.tmp"), "nicsim checks it can write here");
        assertThat(RunFolder.problem(dir)).isNull();
    }

    @Test
    void aFolderNicsimMarkedMayHoldAnything() throws IOException {
        RunFolder.create(dir);
        Files.writeString(dir.resolve("summary.json"), "{}");
        assertThat(RunFolder.problem(dir)).isNull();
    }
}
