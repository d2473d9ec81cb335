package io.nicsim.bench.cluster;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real clustered Vert.x nodes (Hazelcast on loopback, one JVM): a coordinator and workers whose runner writes a tiny
 * run folder ({@link FakeRunner}). Every item done exactly once; a worker whose member dies mid-item has it requeued;
 * a worker that stops abandons its items at once; a failing run tried once more elsewhere; a node with another secret
 * kept out and forged messages refused; a worker of another version refused; stop cancels. Each test has a cluster
 * of its own (a random secret: a cluster name of its own, so runs of this test beside it do not mix); the tests
 * wait on events, with timeouts.
 */
@Tag("run")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterRunTest {

    private static final Timing FAST = new Timing(200, 2_000, 500, 1_000);
    private static final Duration JOIN = Duration.ofSeconds(30);
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path tmp;

    private final byte[] secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16))
            .getBytes(StandardCharsets.UTF_8);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private String coordinatorAddress;

    @AfterEach
    void closeAll() throws Exception {
        lines.forEach(System.out::println); // what the workers said, in the test's output
        List<CompletableFuture<Void>> nodes = new ArrayList<>();
        for (AutoCloseable closeable : open.reversed()) {
            if (closeable instanceof ClusterNode node) {
                nodes.add(CompletableFuture.runAsync(node::close)); // members leave together: quicker than in turn
            } else {
                closeable.close();
            }
        }
        CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private Coordinator coordinator() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClusterNode node = node(new ClusterOptions(List.of("127.0.0.1:" + port), "127.0.0.1", port, secret));
        coordinatorAddress = node.address();
        return coordinator(node, listener);
    }

    private Coordinator coordinator(ClusterNode node, DispatchListener told) throws Exception {
        Coordinator coordinator = Coordinator.start(node, false, told, FAST);
        open.add(coordinator);
        return coordinator;
    }

    private ClusterNode node(ClusterOptions options) throws ClusterException {
        ClusterNode node = ClusterNode.start(options, JOIN);
        open.add(node);
        return node;
    }

    private Worker worker(String name, FakeRunner runner) throws Exception {
        return worker(name, runner, NicsimVersion.current());
    }

    private Worker worker(String name, FakeRunner runner, String version) throws Exception {
        ClusterNode node = node(new ClusterOptions(List.of(coordinatorAddress), "127.0.0.1", 0, secret));
        Worker worker = Worker.start(node, runner, new Worker.Settings(name, version, 1, 2,
                Files.createDirectories(tmp.resolve("work")), FAST), line -> lines.add(name + ": " + line));
        open.add(() -> {
            worker.shutdown("the test ended");
            worker.ended().handle((done, error) -> done).get(WAIT_SECONDS, TimeUnit.SECONDS);
        });
        return worker;
    }

    private static WorkItem item(int index) {
        return new WorkItem(index, "p" + index, "p" + index, "name: tiny\n", List.of("--set", "run.clock=virtual"),
                "nicsim sweep tiny.yaml --point " + index, false);
    }

    private static void await(BooleanSupplier condition, Object what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("never happened: %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static ItemResult result(CompletableFuture<ItemResult> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void everyItemIsDoneExactlyOnceByWorkersThatJoinAfterItWasSubmitted() throws Exception {
        Coordinator coordinator = coordinator();
        assertThat(coordinator.slots(false)).as("before any worker").isEqualTo(1);
        Path dest = tmp.resolve("study");
        List<CompletableFuture<ItemResult>> futures = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            futures.add(coordinator.submit(item(i), dest));
        }
        List<FakeRunner> runners = List.of(new FakeRunner(), new FakeRunner(), new FakeRunner());
        for (int w = 0; w < runners.size(); w++) {
            worker("w" + w, runners.get(w));
        }
        for (int i = 0; i < futures.size(); i++) {
            ItemResult result = result(futures.get(i));
            assertThat(result.status()).as("item %d: %s", i, result).isEqualTo(ItemResult.DONE);
            assertThat(result.attempts()).singleElement().extracting(Attempt::outcome).isEqualTo(Attempt.DONE);
            assertThat(Files.readString(dest.resolve("p" + i).resolve("summary.json")))
                    .contains("nicsim sweep tiny.yaml --point " + i);
        }
        List<Integer> started = runners.stream().flatMap(r -> r.started.stream()).map(s -> s.item().index())
                .sorted().toList();
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        try (var entries = Files.list(dest)) {
            assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
        }
        await(() -> coordinator.workers().size() == 3, "three workers met");
        assertThat(coordinator.slots(false)).isEqualTo(3);
        assertThat(coordinator.slots(true)).isEqualTo(6);
        assertThat(listener.refusals).isEmpty();
    }

    @Test
    void aWorkerWhoseMemberDiesMidItemHasItRequeuedAndTheLostTryRecorded() throws Exception {
        Coordinator coordinator = coordinator();
        Path dest = tmp.resolve("study");
        Map<String, FakeRunner> runners = Map.of("w0", new FakeRunner().hold(0), "w1", new FakeRunner().hold(0));
        Map<String, Worker> workers = Map.of("w0", worker("w0", runners.get("w0")), "w1",
                worker("w1", runners.get("w1")));
        CompletableFuture<ItemResult> held = coordinator.submit(item(0), dest);
        await(() -> runners.values().stream().anyMatch(r -> !r.started.isEmpty()), "item 0 started");
        String first = runners.get("w0").started.isEmpty() ? "w1" : "w0";
        String second = first.equals("w0") ? "w1" : "w0";
        CompletableFuture<ItemResult> other = coordinator.submit(item(1), dest);
        ClusterNode dying = nodeOf(workers.get(first));
        dying.hazelcast().getLifecycleService().terminate();
        await(() -> runners.get(second).started.stream().anyMatch(s -> s.item().index() == 0), "item 0 again");
        runners.get(second).release(0);
        ItemResult result = result(held);
        assertThat(result.status()).isEqualTo(ItemResult.DONE);
        assertThat(result.worker()).isEqualTo(second);
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.LOST, Attempt.DONE);
        assertThat(result.attempts().getFirst().reason()).contains("worker " + first + " left the cluster");
        assertThat(result(other).status()).isEqualTo(ItemResult.DONE);
        assertThat(listener.events).contains("left " + first + ": left the cluster (its process ended, or the network"
                + " parted)");
    }

    private ClusterNode nodeOf(Worker worker) {
        return open.stream().filter(ClusterNode.class::isInstance).map(ClusterNode.class::cast)
                .filter(n -> n.memberId().equals(worker.info().id())).findFirst().orElseThrow();
    }

    @Test
    void aWorkerThatStopsAbandonsItsItemsWhichRunElsewhereAtOnce() throws Exception {
        Coordinator coordinator = coordinator();
        FakeRunner first = new FakeRunner().hold(0);
        Worker stopping = worker("w0", first);
        CompletableFuture<ItemResult> future = coordinator.submit(item(0), tmp.resolve("study"));
        first.started.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        FakeRunner second = new FakeRunner();
        worker("w1", second);
        stopping.shutdown("Ctrl-C");
        stopping.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first.stopped).containsExactly(0);
        ItemResult result = result(future);
        assertThat(result.worker()).isEqualTo("w1");
        assertThat(result.attempts()).extracting(Attempt::reason).first().asString()
                .isEqualTo("worker w0 stopped (Ctrl-C)");
        assertThat(lines).contains("w0: stopping: 1 item in progress abandoned (their coordinators run them"
                + " elsewhere)");
        try (var left = Files.list(tmp.resolve("work"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("w0 removed its work folder").hasSize(1);
        }
    }

    @Test
    void aFailingRunIsTriedOnceMoreOnAnotherWorkerThenFailsWithItsLastLine() throws Exception {
        Coordinator coordinator = coordinator();
        worker("w0", new FakeRunner().fail(0));
        worker("w1", new FakeRunner().fail(0));
        await(() -> coordinator.workers().size() == 2, "two workers");
        ItemResult result = result(coordinator.submit(item(0), tmp.resolve("study")));
        assertThat(result.status()).isEqualTo(ItemResult.FAILED);
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.FAILED, Attempt.FAILED);
        assertThat(result.attempts()).extracting(Attempt::worker).containsExactlyInAnyOrder("w0", "w1");
        assertThat(result.attempts().getLast().reason()).isEqualTo("exit 1: error: the fake run of item 0 failed");
        assertThat(tmp.resolve("study").resolve("p0")).doesNotExist();
    }

    @Test
    void aNodeWithAnotherSecretIsKeptOutAndForgedMessagesAreRefused() throws Exception {
        Coordinator coordinator = coordinator();
        ClusterNode stranger = node(new ClusterOptions(List.of(coordinatorAddress), "127.0.0.1", 0,
                "another secret, just as long".getBytes(StandardCharsets.UTF_8)));
        assertThat(stranger.members()).isEqualTo(1);
        assertThatThrownBy(stranger::checkAdmitted).isInstanceOf(ClusterRefusal.class)
                .hasMessage("the cluster at " + coordinatorAddress + " did not take this node: its nodes hold another"
                        + " secret (--secret-file), or none, or it is no nicsim node");
        ClusterNode ours = nodeOf(worker("w0", new FakeRunner()));
        var bus = ours.vertx().eventBus();
        MessageSeal other = new MessageSeal("another secret, just as long".getBytes(StandardCharsets.UTF_8));
        String address = Protocol.job(coordinator.jobId());
        var forged = bus.request(address, other.seal(Protocol.header(Protocol.T_ASK, coordinator.jobId(), "x"), null));
        var unsigned = bus.request(address, Buffer.buffer("{\"type\":\"ask\"}"));
        var replayed = bus.request(address, ours.seal().seal(Protocol.header(Protocol.T_ASK, "another-job",
                ours.memberId()), null));
        for (var reply : List.of(forged, unsigned, replayed)) {
            assertThat(reply.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(WAIT_SECONDS));
        }
        assertThat(listener.refusals).containsExactlyInAnyOrder(
                "refused a message to job " + coordinator.jobId() + ": its signature does not match (a node with"
                        + " another secret, or an altered message)",
                "refused a message to job " + coordinator.jobId() + ": not a signed nicsim message (" + 14 + " bytes)",
                "refused a message to job " + coordinator.jobId() + " that names job 'another-job' (a replay?)");
        assertThat(result(coordinator.submit(item(0), tmp.resolve("study"))).status()).isEqualTo(ItemResult.DONE);
    }

    @Test
    void twoCoordinatorsOnOneClusterEachGetTheirOwnItemsBack() throws Exception {
        Coordinator first = coordinator();
        RecordingListener secondListener = new RecordingListener();
        Coordinator second = coordinator(node(new ClusterOptions(List.of(coordinatorAddress), "127.0.0.1", 0,
                secret)), secondListener);
        worker("w0", new FakeRunner());
        List<CompletableFuture<ItemResult>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(first.submit(item(i), tmp.resolve("first")));
            futures.add(second.submit(item(i), tmp.resolve("second")));
        }
        for (CompletableFuture<ItemResult> future : futures) {
            assertThat(result(future).status()).isEqualTo(ItemResult.DONE);
        }
        for (String study : List.of("first", "second")) {
            try (var entries = Files.list(tmp.resolve(study))) {
                assertThat(entries.map(p -> p.getFileName().toString()).sorted()).containsExactly("p0", "p1", "p2");
            }
        }
        assertThat(listener.finished).hasSize(3);
        assertThat(secondListener.finished).hasSize(3);
    }

    @Test
    void aBindAddressThatCannotBeListenedOnAndABadFolderNameAreOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ClusterNode.start(new ClusterOptions(List.of("127.0.0.1:" + port), "127.0.0.1",
                    port, secret), JOIN)).isInstanceOf(ClusterRefusal.class)
                    .hasMessageStartingWith("--bind 127.0.0.1:" + port + ": cannot listen there (");
        }
        Coordinator coordinator = coordinator();
        assertThatThrownBy(() -> coordinator.submit(new WorkItem(0, "bad", "../bad", "", List.of(), "", false), tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 0: folder name '../bad' is not one"
                        + " segment of [A-Za-z0-9._=-]");
    }

    @Test
    void aWorkerOfAnotherVersionIsRefusedWithOneLineOnBothSides() throws Exception {
        Coordinator coordinator = coordinator();
        Worker old = worker("old", new FakeRunner(), "0.0.1/protocol-0");
        String coordinatorName = WorkerIdentity.hostName() + ":" + ProcessHandle.current().pid();
        assertThat(old.ended()).failsWithin(Duration.ofSeconds(WAIT_SECONDS)).withThrowableThat()
                .havingCause().isInstanceOf(ClusterRefusal.class).withMessage("refused by coordinator "
                        + coordinatorName + ": it runs nicsim " + NicsimVersion.current()
                        + ", this worker 0.0.1/protocol-0");
        assertThat(listener.refusals).containsExactly("refused worker old: it runs nicsim 0.0.1/protocol-0, this"
                + " coordinator " + NicsimVersion.current());
        assertThat(coordinator.workers()).isEmpty();
    }

    @Test
    void stopCancelsTheItemsInProgressAndSettlesEveryItemNotRun() throws Exception {
        Coordinator coordinator = coordinator();
        FakeRunner runner = new FakeRunner().hold(0);
        worker("w0", runner);
        Path dest = tmp.resolve("study");
        CompletableFuture<ItemResult> running = coordinator.submit(item(0), dest);
        CompletableFuture<ItemResult> waiting = coordinator.submit(item(1), dest);
        runner.started.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        coordinator.stop();
        assertThat(result(running).status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(result(running).attempts()).singleElement().extracting(Attempt::outcome)
                .isEqualTo(Attempt.CANCELLED);
        assertThat(result(waiting).status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(runner.stopped.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isZero();
        await(() -> lines.contains("w0: stopped item 1 (p0): its coordinator stopped the study"), lines);
        assertThat(result(coordinator.submit(item(2), dest)).status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(dest).doesNotExist();
    }
}
