package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.Attempt;
import io.nicsim.bench.cluster.ClusterOptions;
import io.nicsim.bench.cluster.Coordinator;
import io.nicsim.bench.cluster.DispatchListener;
import io.nicsim.bench.cluster.ItemResult;
import io.nicsim.bench.cluster.WorkItem;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code nicsim worker} in a child JVM, with a coordinator in this JVM: one tiny virtual-time point runs as a
 * real {@code nicsim run} and comes back as a whole run folder; then {@code kill -9} of the worker during a point:
 * its run stops by itself ({@code --exit-with-parent}) and the coordinator records the try lost.
 */
@Tag("run")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WorkerCommandTest {

    private static final long WAIT_SECONDS = 120;

    @Test
    void aWorkerRunsARealPointAndItsRunDoesNotOutliveAKillNine(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), HexFormat.of().formatHex(new SecureRandom()
                .generateSeed(16)));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        Path dest = tmp.resolve("study");
        try (NicsimChildren children = new NicsimChildren(tmp, WAIT_SECONDS);
             Coordinator coordinator = Coordinator.join(ClusterOptions.parse("--cluster", address, address, secret),
                     DispatchListener.NONE, Duration.ofSeconds(60))) {
            Process worker = children.start("worker", List.of("worker", "--join", address, "--secret-file",
                    secret.toString(), "--work", Files.createDirectories(tmp.resolve("work")).toString()));
            children.awaitOutput(worker, "worker", "joined the study of coordinator");
            ItemResult done = coordinator.submit(item(0, "50ms"), dest).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(done.status()).as("%s%n%s", done, children.output("worker")).isEqualTo(ItemResult.DONE);
            Summary summary = SummaryWriter.read(dest.resolve("p0").resolve("summary.json"));
            assertThat(summary.command()).isEqualTo("nicsim sweep tiny --point 0");
            assertThat(summary.runs()).isNotEmpty();
            assertThat(dest.resolve("p0").resolve("report.html")).isRegularFile();
            assertThat(dest.resolve("p0").resolve("queues")).doesNotExist();
            assertThat(coordinator.workers()).hasSize(1);

            CompletableFuture<ItemResult> killed = coordinator.submit(item(1, "120s"), dest);
            children.awaitOutput(worker, "worker", "started item 2 "); // index 1: counted from 1, as the coordinator
            ProcessHandle run = worker.toHandle().children().filter(p -> p.info().commandLine().orElse("")
                    .contains("run")).findFirst().orElseThrow();
            worker.toHandle().destroyForcibly(); // kill -9
            assertThat(run.onExit()).as("the worker's run JVM stops by itself")
                    .succeedsWithin(Duration.ofSeconds(WAIT_SECONDS));
            coordinator.stop();
            ItemResult stopped = killed.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(stopped.status()).isEqualTo(ItemResult.NOT_RUN);
            assertThat(stopped.attempts()).first().extracting(Attempt::outcome).isEqualTo(Attempt.LOST);
        }
        try (Stream<Path> work = Files.list(tmp.resolve("work"))) {
            assertThat(work.toList()).as("the killed worker's work folder is left for the next worker").hasSize(1);
        }
    }

    private static WorkItem item(int index, String duration) throws Exception {
        String scenario = Files.readString(NicsimChildren.repository("scenarios/consumer-busy-poll.yaml"));
        return new WorkItem(index, "p" + index, "p" + index, scenario, List.of("--set", "run.clock=virtual",
                "--duration", duration), "nicsim sweep tiny --point " + index, true);
    }
}
