package io.nicsim.bench.cluster;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.UnusableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * cluster.json: the plan a coordinator writes first and keeps up to date, read back by a restarted coordinator to tell
 * its own study from another; and the folders a cluster study may run in.
 */
class ClusterRecordTest {

    @TempDir
    Path dir;

    private static WorkItem item(int index, String scenario) {
        return new WorkItem(index, "p" + index, index + "-p", scenario, List.of(), "nicsim sweep", true);
    }

    private static final List<WorkItem> ITEMS = List.of(item(0, "a: 1"), item(1, "a: 2"));

    @Test
    void itIsWrittenAndReadBackWithEveryTry() throws Exception {
        ClusterRecord plan = ClusterRecord.planned("sweep", "coord (127.0.0.1)", ITEMS, "points/");
        WorkerInfo worker = new WorkerInfo("id", "host:1", NicsimVersion.current(), 1, 2, "cpu");
        ClusterRecord record = plan.with(new ItemResult(ITEMS.get(1), ItemResult.DONE, dir, "host:1", List.of(
                new Attempt(1, "other:2", Attempt.LOST, "worker left", 1_000, 1.5),
                new Attempt(2, "host:1", Attempt.DONE, null, 3_000, 2.0)))).withWorkers(List.of(worker));
        record.write(dir);
        ClusterRecord read = ClusterRecord.read(dir.resolve(ClusterRecord.FILE_NAME));
        assertThat(read).isEqualTo(record);
        assertThat(read.items()).extracting(ClusterRecord.Item::status).containsExactly("pending", "done");
        assertThat(read.items().get(1).folder()).isEqualTo("points/1-p");
        assertThat(read.workers()).containsExactly(worker);
        assertThat(read.differsFrom(plan)).isNull();
    }

    @Test
    void anotherStudyDiffersByItsKindItsItemsOrWhatAnItemRuns() {
        ClusterRecord plan = ClusterRecord.planned("sweep", "c", ITEMS, "points/");
        assertThat(plan.differsFrom(ClusterRecord.planned("compare", "c", ITEMS, ""))).contains("not a compare");
        assertThat(plan.differsFrom(ClusterRecord.planned("sweep", "c", ITEMS.subList(0, 1), "points/")))
                .contains("of 2 items, not 1");
        assertThat(plan.differsFrom(ClusterRecord.planned("sweep", "c", List.of(item(0, "a: 1"), item(1, "a: 3")),
                "points/"))).startsWith("item 2 (p1) is not the one it holds there");
        assertThat(plan.differsFrom(ClusterRecord.planned("sweep", "other coordinator", ITEMS, "points/"))).isNull();
    }

    @Test
    void aBrokenRecordIsOneLineNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(ClusterRecord.FILE_NAME), "{\"study\": \"sweep\", \"items\": [{\"index\": 3}]}");
        assertThatThrownBy(() -> ClusterRecord.read(dir.resolve(ClusterRecord.FILE_NAME)))
                .isInstanceOf(UnusableFile.class).hasMessageContaining("cluster.json: items[0]: expected index 0");
    }

    @Test
    void aStudyRunsInANewFolderOrItsOwnButNotInAnotherStudysOrALiveCoordinators() throws Exception {
        ClusterRecord plan = ClusterRecord.planned("sweep", "c", ITEMS, "points/");
        assertThat(ClusterFolder.problem(dir.resolve("new"), plan)).isNull();
        Path marked = RunFolder.create(dir.resolve("marked"));
        Files.writeString(marked.resolve(RunProgress.INCOMPLETE), "failed: test\n");
        assertThat(ClusterFolder.problem(marked, plan)).isNull();
        Path local = RunFolder.create(dir.resolve("local"));
        Files.writeString(local.resolve("sweep.json"), "{}");
        assertThat(ClusterFolder.problem(local, plan)).startsWith("holds a study that did not run over a cluster");
        Path own = dir.resolve("own");
        assertThat(ClusterFolder.begin(own, plan)).isEqualTo(plan);
        assertThat(ClusterFolder.problem(own, plan)).isNull();
        Path live = dir.resolve("live");
        ClusterFolder.begin(live, plan);
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        new ProcessStamp(parent.pid(), parent.info().startInstant().orElseThrow().toEpochMilli())
                .write(live.resolve(RunProgress.IN_PROGRESS));
        assertThat(ClusterFolder.problem(live, plan)).startsWith("a coordinator (nicsim pid " + parent.pid());
    }
}
