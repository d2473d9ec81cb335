package io.nicsim.bench.cli;

import io.nicsim.bench.run.JournalProgress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C in a real {@code nicsim run}: a child JVM (this JVM's java and class path, the flags of jvm.options) gets
 * SIGINT once its first run has written a given number of descriptors (the test follows the child's live journal in
 * /dev/shm). It stops the traffic, drains, writes summary.json with interrupted true and balanced accounting, moves
 * the journal into the run folder and exits 130. A second SIGINT exits at once. The waits are liveness bounds, not
 * timings: every signal follows an event (packets written, a line printed), never a delay.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InterruptTest {

    /** Surefire runs with the module folder as working directory; the root is its parent. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long EXIT_TIMEOUT_SECONDS = 60;
    private static final Duration BOUND = Duration.ofSeconds(START_TIMEOUT_SECONDS);

    @TempDir
    Path dir;

    private Process start(Path out, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "@" + ROOT.resolve("jvm.options"), "-cp",
                System.getProperty("java.class.path"), NicsimCli.class.getName(), "run", "--out", out.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Waits until the child printed {@code text} (its first run has started). */
    private void awaitOutput(Process child, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!Files.readString(dir.resolve("stdout.txt")).contains(text)) {
            assertThat(child.isAlive()).as("child died early; stderr: %s", Files.readString(dir.resolve("stderr.txt")))
                    .isTrue();
            assertThat(System.nanoTime()).as("child never printed %s", text).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void sigint(Process child) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private int exitCode(Process child) throws Exception {
        if (!child.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not exit; stderr: " + Files.readString(dir.resolve("stderr.txt")));
        }
        return child.exitValue();
    }

    @Test
    void ctrlCStopsDrainsWritesTheSummaryAndExits130() throws Exception {
        Path out = dir.resolve("run");
        Process child = start(out, List.of("--set", "host.consumer=platform-thread,busy-poll", "--duration", "60s",
                "--set", "run.warmup=0s", "--set", "traffic.ratePerSecond=20kpps", "--set", "run.drainTimeout=20s",
                "--set", "run.rounds=1", "--set", "run.jitWarmup=0")); // the run's own journal, from its start
        awaitOutput(child, "[1/2] platform-thread");
        // 10,000 packets written: half a second of traffic at 20 kpps, in the first of two 60 s runs
        JournalProgress.awaitDescriptors(JournalProgress.awaitStagedQueueDir(child.pid(), child::isAlive, BOUND),
                10_000,
                child::isAlive, BOUND);

        sigint(child);

        int code = exitCode(child);
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(code).as("stderr: %s", stderr).isEqualTo(130);
        assertThat(stderr).contains("interrupted");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        JsonNode runs = summary.get("runs");
        assertThat(runs).as("the second run never started").hasSize(1);
        for (JsonNode run : runs) {
            JsonNode packets = run.get("packets");
            assertThat(packets.get("generated").asLong()).isPositive()
                    .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong())
                    .isGreaterThanOrEqualTo(10_000L)
                    .as("stopped long before 60 s of traffic").isLessThan(1_200_000L); // 60 s at 20 kpps
            assertThat(run.get("interrupted").asBoolean()).isTrue();
            assertThat(out.resolve("queues/0-platform-thread/descriptors")).as("journal in the run folder")
                    .isDirectory();
        }
        assertThat(out.resolve("report.html")).isRegularFile();
        try (Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
            String staged = "nicsim-" + child.pid() + "-";
            assertThat(shm.map(p -> p.getFileName().toString())).as("no staged queue left behind")
                    .noneMatch(name -> name.startsWith(staged));
        }
    }

    @Test
    void aSecondCtrlCExitsAtOnce() throws Exception {
        // coalescing on 1000 frames without a timer strands the last packets in the ring (999 times in 1000), so the
        // drain after the first Ctrl-C would wait out its 10 minutes: only the second one ends the process in time
        Path out = dir.resolve("run");
        Process child = start(out, List.of("--set", "host.consumer=platform-thread", "--duration", "60s",
                "--set", "run.warmup=0s", "--set", "run.drainTimeout=10m",
                "--set", "firmware.policy=coalesce", "--set", "firmware.rxUsecs=0", "--set", "firmware.rxFrames=1000",
                "--set", "traffic.kind=constant", "--set", "traffic.ratePerSecond=20500", "--set", "run.rounds=1",
                "--set", "run.jitWarmup=0"));
        awaitOutput(child, "[1/1] platform-thread");
        // 2,500 packets written: at least two whole interrupts of 1000 frames, and packets stranded behind them
        JournalProgress.awaitDescriptors(JournalProgress.awaitStagedQueueDir(child.pid(), child::isAlive, BOUND), 2_500,
                child::isAlive, BOUND);

        sigint(child);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!Files.readString(dir.resolve("stderr.txt")).contains("again to exit at once")) {
            assertThat(System.nanoTime()).as("no notice of the first Ctrl-C").isLessThan(deadline);
            Thread.sleep(20);
        }
        sigint(child);

        try {
            assertThat(exitCode(child)).as("ended within the bound by the second Ctrl-C, not by the drain")
                    .isEqualTo(130);
        } finally {
            removeStagedQueues(child.pid()); // exiting at once leaves the live queues where they were staged
        }
    }

    private static void removeStagedQueues(long pid) throws IOException {
        try (Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
            for (Path staged : shm.filter(p -> p.getFileName().toString().startsWith("nicsim-" + pid + "-")).toList()) {
                try (Stream<Path> files = Files.walk(staged)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}
