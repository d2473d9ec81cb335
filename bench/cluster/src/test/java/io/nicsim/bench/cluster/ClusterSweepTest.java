package io.nicsim.bench.cluster;

import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SweepRunner;
import io.nicsim.bench.run.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sweep over a cluster (a {@link LocalDispatcher} standing in for it) writes the folder a local sweep writes, resumes
 * only the points missing from its folder, refuses a folder of another sweep, writes what finished when stopped, and
 * records in cluster.json which worker ran each point and every try.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterSweepTest {

    private static final List<String> PARAMETERS = List.of("firmware.rxUsecs");

    @TempDir
    Path dir;

    private ClusterSweep.Outcome clusterSweep(LocalDispatcher dispatcher, Fixtures.Lines lines, StopSignal stop,
                                              Path out, List<SweepRunner.Point> points) throws Exception {
        return new ClusterSweep(dispatcher, new ClusterProgress(lines.progress, System::nanoTime), stop, "test-host")
                .run(points.getFirst().scenario(), PARAMETERS, points, out, "nicsim sweep test", List.of());
    }

    private static List<String> rowKeys(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(line -> {
            String[] cells = line.split(",");
            return cells[0] + "," + cells[1] + "," + cells[2] + "," + cells[cells.length - 1];
        }).toList();
    }

    @Test
    void aSweepOverTheClusterWritesTheFolderALocalSweepWrites() throws Exception {
        List<SweepRunner.Point> points = Fixtures.points(8, 24, 64);
        Path local = dir.resolve("local");
        new SweepRunner(SystemNanoClock.INSTANCE, RunOptions.defaults().withKeepJournal(false), 1)
                .run(points.getFirst().scenario(), PARAMETERS, points, local, "nicsim sweep test");
        Path cluster = dir.resolve("cluster");
        Fixtures.Lines lines = new Fixtures.Lines();
        ClusterProgress progress = new ClusterProgress(lines.progress, System::nanoTime);
        ClusterSweep.Outcome outcome;
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 2, progress)) {
            outcome = new ClusterSweep(dispatcher, progress, new StopSignal(), "test-host").run(
                    points.getFirst().scenario(), PARAMETERS, points, cluster, "nicsim sweep test", List.of());
        }
        assertThat(Fixtures.layout(cluster)).isEqualTo(Fixtures.layout(local));
        assertThat(Files.readAllLines(cluster.resolve(Sweep.CSV_FILE)).getFirst())
                .isEqualTo(Files.readAllLines(local.resolve(Sweep.CSV_FILE)).getFirst());
        assertThat(rowKeys(cluster.resolve(Sweep.CSV_FILE))).isEqualTo(rowKeys(local.resolve(Sweep.CSV_FILE)))
                .hasSize(6);
        assertThat(outcome.sweep().interrupted()).isFalse();
        assertThat(outcome.sweep().notes()).contains(ClusterSweep.NOTE);
        assertThat(SummaryWriter.read(cluster.resolve("points/1-rxUsecs=24/summary.json")).command())
                .isEqualTo("nicsim sweep test  # point 2 of 3: firmware.rxUsecs=24");
        assertThat(RunProgress.problem(cluster)).isEmpty();
        assertThat(lines.toString()).contains("platform-thread p99 ").contains("done on local-");
    }

    @Test
    void aRestartedCoordinatorRunsOnlyThePointsMissingFromTheFolder() throws Exception {
        List<SweepRunner.Point> points = Fixtures.points(8, 16, 24, 32);
        Path out = dir.resolve("sweep");
        try (LocalDispatcher first = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            clusterSweep(first, new Fixtures.Lines(), new StopSignal(), out, points);
        }
        Path points2 = out.resolve("points/2-rxUsecs=24");
        Files.delete(points2.resolve(SummaryWriter.FILE_NAME)); // as a coordinator killed while it came back
        Files.writeString(out.resolve("points/3-rxUsecs=32/" + RunProgress.INCOMPLETE), "failed: test\n");
        Files.createDirectories(out.resolve("points/.staging-1234"));
        Files.writeString(out.resolve("points/1-rxUsecs=16.partial"), "half a copy");
        Files.writeString(out.resolve("points/notes.txt"), "the user's");

        Fixtures.Lines lines = new Fixtures.Lines();
        ClusterSweep.Outcome again;
        try (LocalDispatcher second = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            again = clusterSweep(second, lines, new StopSignal(), out, points);
            assertThat(second.submitted()).extracting(WorkItem::index).containsExactlyInAnyOrder(2, 3);
        }
        assertThat(again.results()).extracting(ItemResult::status)
                .containsExactly("resumed", "resumed", "done", "done");
        assertThat(again.sweep().rows()).extracting(Sweep.Row::point).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
        assertThat(out.resolve("points/.staging-1234")).doesNotExist();
        assertThat(out.resolve("points/1-rxUsecs=16.partial")).doesNotExist();
        assertThat(out.resolve("points/notes.txt")).exists();
        assertThat(lines.toString()).contains("resuming: 2 of 4 already complete");
        ClusterRecord record = ClusterRecord.read(out.resolve(ClusterRecord.FILE_NAME));
        assertThat(record.items().getFirst().status()).isEqualTo("resumed");
        assertThat(record.items().getFirst().worker()).startsWith("local-"); // kept from the first coordinator
        assertThat(record.items().getFirst().attempts()).hasSize(1);
    }

    @Test
    void aFolderOfAnotherSweepIsRefusedWithNothingWritten() throws Exception {
        Path out = dir.resolve("sweep");
        try (LocalDispatcher first = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            clusterSweep(first, new Fixtures.Lines(), new StopSignal(), out, Fixtures.points(8, 16));
        }
        List<String> before = Fixtures.layout(out);
        String recordBefore = Files.readString(out.resolve(ClusterRecord.FILE_NAME));
        List<SweepRunner.Point> other = Fixtures.points(8, 20);
        List<WorkItem> items = ClusterSweep.items(other, "nicsim sweep test", List.of());
        assertThat(ClusterFolder.problem(out, ClusterSweep.plan("test-host", items)))
                .startsWith("holds another study (item 2 (firmware.rxUsecs=20) is not the one it holds there");
        try (LocalDispatcher second = new LocalDispatcher(dir.resolve("scratch"), 2, DispatchListener.NONE)) {
            assertThatThrownBy(() -> clusterSweep(second, new Fixtures.Lines(), new StopSignal(), out, other))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds another study");
            assertThat(second.submitted()).isEmpty();
        }
        assertThat(Fixtures.layout(out)).isEqualTo(before);
        assertThat(Files.readString(out.resolve(ClusterRecord.FILE_NAME))).isEqualTo(recordBefore);
    }

    @Test
    void aStopWritesTheSweepOfWhatFinishedMarkedInterrupted() throws Exception {
        List<SweepRunner.Point> points = Fixtures.points(8, 16, 24);
        Path out = dir.resolve("sweep");
        StopSignal stop = new StopSignal();
        ClusterSweep.Outcome outcome;
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 1, DispatchListener.NONE)
                .stopStudyAfter(1, stop)) {
            outcome = clusterSweep(dispatcher, new Fixtures.Lines(), stop, out, points);
            assertThat(dispatcher.stopRequests()).isEqualTo(1);
        }
        Sweep written = Sweep.read(out.resolve(Sweep.JSON_FILE));
        assertThat(written.interrupted()).isTrue();
        assertThat(written.rows()).extracting(Sweep.Row::point).containsOnly(0);
        assertThat(outcome.results()).extracting(ItemResult::status).containsExactly("done", "not-run", "not-run");
        assertThat(out.resolve("report.html")).exists();
        assertThat(RunProgress.problem(out)).isEmpty();
    }

    @Test
    void clusterJsonNamesTheWorkerOfEachPointAndTheReRunAfterALostOne() throws Exception {
        List<SweepRunner.Point> points = Fixtures.points(8, 16, 24);
        Path out = dir.resolve("sweep");
        ClusterSweep.Outcome outcome;
        Fixtures.Lines lines = new Fixtures.Lines();
        ClusterProgress progress = new ClusterProgress(lines.progress, System::nanoTime);
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 2, progress)
                .loseFirstTryOf(1).failAlways(2)) {
            outcome = new ClusterSweep(dispatcher, progress, new StopSignal(), "test-host").run(
                    points.getFirst().scenario(), PARAMETERS, points, out, "nicsim sweep test", List.of());
        }
        ClusterRecord record = ClusterRecord.read(out.resolve(ClusterRecord.FILE_NAME));
        assertThat(record.study()).isEqualTo("sweep");
        assertThat(record.coordinator()).isEqualTo("test-host");
        assertThat(record.nicsimVersion()).isEqualTo(NicsimVersion.current());
        assertThat(record.workers()).extracting(WorkerInfo::name).containsExactly("local-1", "local-2");
        assertThat(record.items()).extracting(ClusterRecord.Item::folder)
                .containsExactly("points/0-rxUsecs=8", "points/1-rxUsecs=16", "points/2-rxUsecs=24");
        ClusterRecord.Item rerun = record.items().get(1);
        assertThat(rerun.status()).isEqualTo("done");
        assertThat(rerun.attempts()).extracting(Attempt::outcome).containsExactly("lost", "done");
        assertThat(rerun.worker()).isEqualTo(rerun.attempts().getLast().worker());
        ClusterRecord.Item failed = record.items().get(2);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.worker()).isNull();
        assertThat(failed.attempts()).extracting(Attempt::reason)
                .containsOnly("nicsim run exited with 1: test failure");
        assertThat(outcome.failed()).hasSize(1);
        assertThat(outcome.sweep().rows()).extracting(Sweep.Row::point).containsExactly(0, 0, 1, 1);
        assertThat(outcome.sweep().notes()).anyMatch(n -> n.startsWith("point 3 (firmware.rxUsecs=24) failed"));
        assertThat(lines.toString()).contains("[2/3] firmware.rxUsecs=16: lost on local-")
                .contains("[3/3] firmware.rxUsecs=24: failed on every try");
    }
}
