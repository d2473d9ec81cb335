package io.nicsim.bench.run;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What dead nicsim processes left: removed or marked, and nothing else touched. */
class LeftoversTest {

    private static ProcessStamp dead() throws Exception {
        Process process = new ProcessBuilder("true").start();
        ProcessStamp stamp = new ProcessStamp(process.pid(), process.toHandle().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(0L));
        process.waitFor();
        return stamp;
    }

    private static Path staging(Path shm, long pid, int n, ProcessStamp owner) throws Exception {
        Path dir = Files.createDirectories(shm.resolve("nicsim-" + pid + "-" + n).resolve("descriptors"));
        Files.write(dir.resolve("20260101.cq4"), new byte[4096]);
        if (owner != null) {
            owner.write(dir.getParent().resolve(QueueStaging.OWNER_FILE));
        }
        return dir.getParent();
    }

    @Test
    void removesTheStagingOfDeadProcessesOnlyAndKeepsLiveOnesAndOthers(@TempDir Path shm) throws Exception {
        ProcessStamp me = ProcessStamp.current();
        ProcessStamp dead = dead();
        Path deadOwned = staging(shm, dead.pid(), 1, dead);
        Path deadOlder = staging(shm, dead.pid(), 2, null); // an older nicsim's: no owner file, its pid gone
        Path reused = staging(shm, me.pid(), 1, new ProcessStamp(me.pid(), me.startEpochMillis() - 3_600_000));
        Path live = staging(shm, me.pid(), 2, me);
        Path liveBeingMade = staging(shm, me.pid(), 3, null);
        Path notNicsims = Files.createDirectories(shm.resolve("nicsim-cache"));
        Path otherNamed = Files.createDirectories(shm.resolve("other-" + dead.pid() + "-1"));
        Path usersDir = staging(shm, dead.pid(), 3, null); // a folder a user named like ours: a two-process --dir
        Files.writeString(usersDir.resolve("scenario.yaml"), "name: mine\n");
        Path deadMidOwner = staging(shm, dead.pid(), 4, null); // killed between creating its owner file and writing it
        Files.createFile(deadMidOwner.resolve(QueueStaging.OWNER_FILE));
        Path liveMidOwner = staging(shm, me.pid(), 4, null); // writing its owner file now
        Files.writeString(liveMidOwner.resolve(QueueStaging.OWNER_FILE), "pi");

        Leftovers.Removed removed = Leftovers.removeStaleStaging(shm);

        assertThat(removed.removed()).containsExactlyInAnyOrder(deadOwned, deadOlder, reused, deadMidOwner);
        assertThat(removed.freedBytes()).isBetween(0L, 4 * 4096L + 200);
        assertThat(deadOwned).doesNotExist();
        assertThat(deadOlder).doesNotExist();
        assertThat(reused).as("its pid is this JVM's now, but not its start time").doesNotExist();
        assertThat(live).isDirectory();
        assertThat(liveBeingMade).isDirectory();
        assertThat(notNicsims).isDirectory();
        assertThat(otherNamed).isDirectory();
        assertThat(usersDir).isDirectory();
        assertThat(liveMidOwner).isDirectory();
    }

    @Test
    void marksTheRunFoldersAndPointsOfDeadProcessesIncomplete(@TempDir Path runs) throws Exception {
        ProcessStamp dead = dead();
        Path abandoned = RunFolder.create(runs.resolve("a"));
        dead.write(abandoned.resolve(RunProgress.IN_PROGRESS));
        Path sweep = RunFolder.create(runs.resolve("b-sweep"));
        Path point = RunFolder.create(sweep.resolve(SweepRunner.POINTS).resolve("0-x=1"));
        dead.write(point.resolve(RunProgress.IN_PROGRESS));
        Path running = RunFolder.create(runs.resolve("c"));
        RunProgress.begin(running);
        Path foreign = Files.createDirectories(runs.resolve("d")); // no .nicsim-run: not nicsim's
        dead.write(foreign.resolve(RunProgress.IN_PROGRESS));

        StringWriter err = new StringWriter();
        Leftovers.clean(runs, new PrintWriter(err));

        assertThat(RunProgress.problem(abandoned)).hasValueSatisfying(p -> assertThat(p).startsWith("incomplete"));
        assertThat(RunProgress.problem(point)).hasValueSatisfying(p -> assertThat(p).startsWith("incomplete"));
        assertThat(RunProgress.problem(running)).hasValueSatisfying(p -> assertThat(p).startsWith("run in progress"));
        assertThat(foreign.resolve(RunProgress.IN_PROGRESS)).exists();
        assertThat(foreign.resolve(RunProgress.INCOMPLETE)).doesNotExist();
        assertThat(err.toString()).contains("marked incomplete: 2 run folders whose nicsim process ended before the"
                + " run finished: " + abandoned + ", " + point);
    }

    @Test
    void aStagingFolderCarriesItsOwnerWhileLiveAndNotIntoTheRunFolder(@TempDir Path tmp) throws Exception {
        QueueStaging staging = QueueStaging.of(QueueStaging.AUTO, tmp.resolve("queues"));
        org.junit.jupiter.api.Assumptions.assumeTrue(staging.staged(), "needs a writable /dev/shm to stage in");
        try {
            assertThat(ProcessStamp.read(staging.liveDir().resolve(QueueStaging.OWNER_FILE)))
                    .contains(ProcessStamp.current());
            assertThat(Leftovers.isStale(staging.liveDir())).isFalse();
            Files.writeString(staging.liveDir().resolve("data"), "x");
            staging.finish();
            assertThat(tmp.resolve("queues").resolve("data")).exists();
            assertThat(tmp.resolve("queues").resolve(QueueStaging.OWNER_FILE)).doesNotExist();
            assertThat(staging.liveDir()).doesNotExist();
        } finally {
            staging.discard();
        }
    }

    @Test
    void aPidThatCameRoundAgainAsAThreadOrAYoungerProcessDoesNotKeepAFolder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nicsim-1-1"));
        long pid = ProcessHandle.current().pid();
        assertThat(Leftovers.ownerGone(pid, dir)).as("this JVM, started before the folder").isFalse();
        long thread;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            thread = tasks.map(t -> Long.parseLong(t.getFileName().toString())).filter(t -> t != pid).findFirst()
                    .orElseThrow();
        }
        assertThat(ProcessHandle.of(thread)).as("the JDK answers for a thread id").isPresent();
        assertThat(Leftovers.ownerGone(thread, dir)).as("a thread of this JVM").isTrue();
        Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 60_000));
        Process younger = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Leftovers.ownerGone(younger.pid(), dir)).as("a process younger than the folder").isTrue();
        } finally {
            younger.destroyForcibly();
        }
    }
}
