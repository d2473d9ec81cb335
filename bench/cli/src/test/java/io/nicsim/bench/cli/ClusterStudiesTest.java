package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cluster.ClusterRecord;
import io.nicsim.bench.cluster.Coordinator;
import io.nicsim.bench.cluster.LocalDispatcher;
import io.nicsim.bench.results.Sweep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sweep, compare and tune with {@code --cluster} as a user runs them, a {@link LocalDispatcher} standing in for the
 * cluster: the same folder and tables as without it, cluster.json beside them, which worker ran each run.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterStudiesTest {

    private static final List<String> SHORT = List.of("--set", "run.clock=virtual", "--duration", "50ms", "--set",
            "run.warmup=10ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void aLocalCluster() {
        ClusterStudy.join = (options, listener, timeout) -> new LocalDispatcher(dir.resolve("scratch"), 2, listener);
    }

    @AfterEach
    void realJoin() {
        ClusterStudy.join = Coordinator::join;
    }

    private static List<String> args(List<String> head, Path out, String... more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(SHORT);
        all.addAll(List.of("--out", out.toString()));
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> layout(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString()).filter(p -> !p.contains("queues"))
                    .filter(p -> !p.equals(ClusterRecord.FILE_NAME)).sorted().toList();
        }
    }

    /** @return the table a sweep prints, up to the line under it */
    private static String table(String out) {
        return out.substring(out.indexOf("\nrxUsecs"), out.indexOf("\nnotification latency"));
    }

    @Test
    void aSweepOnTheClusterPrintsAndWritesWhatALocalOneDoes() throws Exception {
        List<String> sweep = List.of("sweep", "--set", "host.consumer=platform-thread", "--set",
                "firmware.policy=coalesce", "--param", "firmware.rxUsecs=8,16,24");
        CliOutcome local = CliOutcome.of(args(sweep, dir.resolve("local"), "--quiet"));
        CliOutcome cluster = CliOutcome.of(args(sweep, dir.resolve("cluster"), "--cluster", "127.0.0.1:5701"));
        assertThat(cluster.code()).as(cluster.err()).isEqualTo(ExitCodes.OK);
        assertThat(local.code()).as(local.err()).isEqualTo(ExitCodes.OK);
        assertThat(layout(dir.resolve("cluster"))).isEqualTo(layout(dir.resolve("local")));
        assertThat(Files.readAllLines(dir.resolve("cluster").resolve(Sweep.CSV_FILE)).getFirst())
                .isEqualTo(Files.readAllLines(dir.resolve("local").resolve(Sweep.CSV_FILE)).getFirst());
        assertThat(cluster.out()).contains("worker joined: local-1").contains("firmware.rxUsecs=16: done on local-")
                .contains("Cluster: local-").contains(table(local.out()));
        JsonNode record = JSON.readTree(dir.resolve("cluster").resolve(ClusterRecord.FILE_NAME).toFile());
        assertThat(record.get("items")).hasSize(3).allMatch(item -> item.get("status").asText().equals("done"));

        CliOutcome again = CliOutcome.of(args(sweep, dir.resolve("cluster"), "--cluster", "127.0.0.1:5701"));
        assertThat(again.code()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("resuming: 3 of 3 already complete").contains("3 resumed from the folder");
    }

    @Test
    void aComparisonOnTheClusterWritesOneCompareFolder() throws Exception {
        List<String> compare = List.of("compare", "--consumers", "platform-thread,event-loop");
        CliOutcome local = CliOutcome.of(args(compare, dir.resolve("local"), "--quiet"));
        CliOutcome cluster = CliOutcome.of(args(compare, dir.resolve("cluster"), "--cluster", "127.0.0.1:5701",
                "--quiet"));
        assertThat(cluster.code()).as(cluster.err()).isEqualTo(ExitCodes.OK);
        assertThat(layout(dir.resolve("cluster"))).isEqualTo(layout(dir.resolve("local")));
        assertThat(local.code()).as(local.err()).isEqualTo(ExitCodes.OK);
        assertThat(cluster.out()).contains(local.out().substring(local.out().indexOf("ratios to platform-thread")))
                .contains("Cluster: local-").doesNotContain("worker joined"); // --quiet
        assertThat(cluster.err()).isEmpty();
    }

    @Test
    void aTuneSendsItsSearchToTheCluster() throws Exception {
        // drops is 0 at every point: the start ranks first, so there is no A/B to replay here
        CliOutcome tune = CliOutcome.of(args(List.of("tune", "--clock", "virtual", "--set",
                "firmware.policy=coalesce", "--set", "host.consumer=platform-thread", "--objective", "drops",
                "--budget", "8", "--ab-rounds", "1", "--range", "firmware.rxUsecs=8..64"), dir.resolve("tune"),
                "--cluster", "127.0.0.1:5701"));
        assertThat(tune.code()).as(tune.out() + tune.err()).isEqualTo(ExitCodes.OK);
        assertThat(tune.out()).contains("the A/B runs here, both arms on this machine")
                .contains("search rxUsecs=").contains("running on local-").contains("Cluster: local-");
        JsonNode record = JSON.readTree(dir.resolve("tune").resolve(ClusterRecord.FILE_NAME).toFile());
        assertThat(record.get("study").asText()).isEqualTo("tune");
        assertThat(record.get("items").get(0).get("folder").asText()).isEqualTo("points/001-start");
        assertThat(dir.resolve("tune/points/001-start/summary.json")).exists();
        assertThat(dir.resolve("tune/best.yaml")).exists();
    }
}
