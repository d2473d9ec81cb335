package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance as a user meets it, every part a real process on loopback: three {@code nicsim worker}s and a
 * {@code nicsim sweep --cluster} coordinator. An 8-point sweep gives the folder layout and sweep.csv columns of the
 * same sweep run locally, every point once; {@code kill -9} of a worker during a point still gives every point once,
 * the re-run recorded, and the killed worker's point JVM does not outlive it; a coordinator stopped mid-sweep and
 * restarted with the same {@code --out} runs only the points that were missing; no worker listens beyond
 * loopback. Waits are on events (files, process exits, a worker's point JVM appearing), each bounded.
 */
@Tag("run")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepProcessTest {

    /** Eight points over three workers: each runs some, and the restart has points done before it and left after. */
    private static final int POINTS = 8;
    /** The kill needs one point in progress, not twelve: six keep the suite's time down. */
    private static final int KILL_POINTS = 6;
    private static final long EVENT_TIMEOUT_SECONDS = 120;
    private static final List<String> SWEEP = sweep("0,8,16,32");
    private static final List<String> SMALL_SWEEP = sweep("0,8,16");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static final List<Child> WORKERS = Collections.synchronizedList(new ArrayList<>());
    private static String members;

    private static NicsimChildren children;
    private static int started;

    /** A nicsim process and the name its output is kept under ({@link NicsimChildren}). */
    private record Child(Process process, String name) {
        String output() {
            try {
                return children.output(name);
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }
    }

    @BeforeAll
    static void startWorkers() throws Exception {
        children = new NicsimChildren(tmp, EVENT_TIMEOUT_SECONDS);
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        members = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        for (int port : ports) {
            WORKERS.add(worker(port));
        }
    }

    @AfterAll
    static void stopWorkers() throws InterruptedException {
        for (Child worker : WORKERS) {
            worker.process().descendants().forEach(ProcessHandle::destroyForcibly); // their point JVMs
        }
        children.close();
    }

    @Test
    @Order(1)
    void aSweepOverThreeWorkersWritesWhatTheLocalSweepWritesEveryPointOnce() throws Exception {
        Path local = tmp.resolve("local");
        Path cluster = tmp.resolve("cluster");
        Child localRun = nicsim("local", concat(List.of("sweep", "--out", local.toString()), SWEEP));
        Child clusterRun = nicsim("coordinator", concat(List.of("sweep", "--out", cluster.toString(), "--cluster",
                members), SWEEP));
        assertExit(localRun, 0);
        assertExit(clusterRun, 0);

        assertThat(layout(cluster)).isEqualTo(layout(local));
        List<String> localCsv = Files.readAllLines(local.resolve("sweep.csv"));
        List<String> clusterCsv = Files.readAllLines(cluster.resolve("sweep.csv"));
        assertThat(clusterCsv.getFirst()).isEqualTo(localCsv.getFirst());
        assertThat(clusterCsv).hasSize(POINTS + 1);
        assertThat(column(clusterCsv, "folder")).isEqualTo(column(localCsv, "folder"));
        assertThat(column(clusterCsv, "generated")).isEqualTo(column(localCsv, "generated"));
        JsonNode record = JSON.readTree(cluster.resolve("cluster.json").toFile());
        assertEveryPointDoneOnce(record);
        assertThat(doneAttempts(record)).as("every point ran exactly once").isEqualTo(POINTS);
        for (Child worker : WORKERS) {
            assertThat(worker.process().isAlive()).as("worker %s is still up; its output: %s", worker.name(),
                    worker.output()).isTrue();
            List<String> listening = listening(worker.process().pid());
            assertThat(listening).as("a worker listens (Hazelcast, the event bus)").isNotEmpty();
            assertThat(listening).as("and on loopback only").allMatch(address -> address.equals("0100007F")
                    || address.equals("0000000000000000FFFF00000100007F"));
        }
    }

    /**
     * @return the local addresses (hex, as /proc/net/tcp writes them) of the sockets process {@code pid} listens on:
     *         its socket inodes (/proc/PID/fd) looked up in /proc/PID/net/tcp and tcp6, state 0A (LISTEN)
     */
    private static List<String> listening(long pid) throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table)).stream().skip(1)
                    .toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    @Test
    @Order(2)
    void aWorkerKilledDuringAPointHasItsPointRunAgainElsewhere() throws Exception {
        Path out = tmp.resolve("killed");
        Child coordinator = nicsim("coordinator", concat(List.of("sweep", "--out", out.toString(), "--cluster",
                members), SMALL_SWEEP));
        Child victim = await(() -> WORKERS.stream().filter(w -> w.process().descendants().findAny().isPresent())
                .findFirst().orElse(null), "a worker running a point", coordinator);
        List<ProcessHandle> pointJvms = victim.process().descendants().toList();
        victim.process().destroyForcibly(); // SIGKILL: kill -9
        WORKERS.remove(victim);
        assertThat(victim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertExit(coordinator, 0);

        JsonNode record = JSON.readTree(out.resolve("cluster.json").toFile());
        assertEveryPointDoneOnce(record, KILL_POINTS);
        assertThat(record.toString()).as("the re-run is recorded").contains("\"lost\"");
        await(() -> pointJvms.stream().noneMatch(ProcessHandle::isAlive) ? Boolean.TRUE : null,
                "the killed worker's point JVMs to exit", coordinator);
        WORKERS.add(worker(freePort())); // a worker joining for the next test, as one may join mid-sweep
    }

    @Test
    @Order(3)
    void aCoordinatorRestartedWithTheSameOutRunsOnlyTheMissingPoints() throws Exception {
        Path out = tmp.resolve("resumed");
        List<String> args = concat(List.of("sweep", "--out", out.toString(), "--cluster", members), SWEEP);
        Child first = nicsim("coordinator", args);
        await(() -> complete(out).size() >= 3 ? Boolean.TRUE : null, "three points complete", first);
        first.process().destroy(); // SIGTERM, as Ctrl-C
        assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as(first.output()).isTrue();
        Map<String, byte[]> before = new HashMap<>();
        for (String folder : complete(out)) {
            before.put(folder, Files.readAllBytes(out.resolve("points").resolve(folder).resolve("summary.json")));
        }
        assertThat(before.size()).isBetween(3, POINTS);

        Child second = nicsim("coordinator", args);
        assertExit(second, 0);
        assertThat(complete(out)).hasSize(POINTS);
        for (Map.Entry<String, byte[]> kept : before.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve("points").resolve(kept.getKey()).resolve("summary.json")))
                    .as("point %s, complete before the restart, is not run again", kept.getKey())
                    .isEqualTo(kept.getValue());
        }
        JsonNode record = JSON.readTree(out.resolve("cluster.json").toFile());
        assertThat(record.toString().split("\"resumed\"", -1).length - 1).isEqualTo(before.size());
        assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(POINTS + 1);
    }

    private static void assertEveryPointDoneOnce(JsonNode record) {
        assertEveryPointDoneOnce(record, POINTS);
    }

    private static void assertEveryPointDoneOnce(JsonNode record, int points) {
        JsonNode items = record.get("items");
        assertThat(items).as(record.toString()).hasSize(points);
        Set<Integer> indexes = new TreeSet<>();
        for (JsonNode item : items) {
            indexes.add(item.get("index").asInt());
            assertThat(item.get("status").asText()).as(item.toString()).isIn("done", "resumed");
        }
        assertThat(indexes).hasSize(points);
    }

    private static long doneAttempts(JsonNode record) {
        long done = 0;
        for (JsonNode item : record.get("items")) {
            for (JsonNode attempt : item.get("attempts")) {
                done += attempt.get("outcome").asText().equals("done") ? 1 : 0;
            }
        }
        return done;
    }

    /** @return the folders under points/ whose summary.json is written */
    private static List<String> complete(Path out) {
        Path points = out.resolve("points");
        if (!Files.isDirectory(points)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(points)) {
            return folders.filter(f -> Files.exists(f.resolve("summary.json")))
                    .map(f -> f.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** @return every relative path under the folder but the journal and the cluster's own record */
    private static Set<String> layout(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString())
                    .filter(p -> !p.isEmpty() && !p.contains("queues") && !p.equals("cluster.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> column(List<String> csv, String name) {
        int index = List.of(csv.getFirst().split(",")).indexOf(name);
        assertThat(index).as("column %s in %s", name, csv.getFirst()).isNotNegative();
        return csv.stream().skip(1).map(line -> line.split(",")[index]).toList();
    }

    private static Child worker(int port) throws IOException {
        return nicsim("worker", List.of("worker", "--join", members, "--bind", "127.0.0.1:" + port));
    }

    /** Starts {@code nicsim ARGS}, its output kept as {@code ROLE-N.out} and {@code .err}. */
    private static Child nicsim(String role, List<String> args) throws IOException {
        String name = role + "-" + (++started);
        return new Child(children.start(name, args), name);
    }

    private static void assertExit(Child child, int code) throws Exception {
        assertThat(children.exitCode(child.process(), child.name())).as(child.output()).isEqualTo(code);
    }

    /** Polls for the event (it happens in another process) every 5 ms, up to the bound. */
    private static <T> T await(java.util.function.Supplier<T> event, String what, Child coordinator)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_SECONDS);
        T seen;
        while ((seen = event.get()) == null) {
            if (System.nanoTime() > deadline || !coordinator.process().isAlive()) {
                throw new AssertionError("waiting for " + what + "; coordinator: " + coordinator.output());
            }
            Thread.sleep(5);
        }
        return seen;
    }

    private static List<String> sweep(String rxUsecs) {
        return List.of("--quiet", "--set", "firmware.policy=coalesce", "--set", "host.consumer=busy-poll", "--set",
                "run.clock=virtual", "--duration", "50ms", "--set", "run.warmup=10ms", "--param",
                "firmware.rxUsecs=" + rxUsecs, "--param", "firmware.rxFrames=1,8");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
