package io.nicsim.bench.cluster;

import io.nicsim.bench.results.ProcessStamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's work folder: made and stamped; those of dead workers removed at the next start, live ones kept. */
class WorkFolderTest {

    @TempDir
    Path root;

    @Test
    void theFoldersOfWorkersThatAreGoneAreRemovedAndTheOthersKept() throws Exception {
        Path mine = WorkFolder.create(root, "abc");
        assertThat(mine.getFileName().toString()).isEqualTo("nicsim-worker-" + ProcessHandle.current().pid() + "-abc");
        assertThat(ProcessStamp.read(mine.resolve(WorkFolder.OWNER))).contains(ProcessStamp.current());
        Path dead = Files.createDirectories(root.resolve("nicsim-worker-1-dead").resolve("job-0-1"));
        ProcessStamp current = ProcessStamp.current();
        new ProcessStamp(current.pid(), current.startEpochMillis() - 60_000)
                .write(dead.getParent().resolve(WorkFolder.OWNER)); // this pid, started another time: gone
        Path unstamped = Files.createDirectories(root.resolve("nicsim-worker-2-starting"));
        Path other = Files.createDirectories(root.resolve("someone-else"));
        assertThat(WorkFolder.cleanStale(root)).containsExactly(dead.getParent());
        assertThat(dead.getParent()).doesNotExist();
        assertThat(mine).isDirectory();
        assertThat(unstamped).as("a worker that has not stamped its folder yet").isDirectory();
        assertThat(other).isDirectory();
    }
}
