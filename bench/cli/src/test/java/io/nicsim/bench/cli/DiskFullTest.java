package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.run.FreeSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault injection: a small tmpfs, mounted by the test, that fills during a run and during a sweep (another process's
 * file, written once the run's journal exists, leaves less than the floor free). The JVM does not die of SIGBUS: the
 * traffic stops, summary.json is written, parses and balances with disk-full drops, and the exit code is 4. A tmpfs
 * too small for the estimate is refused before anything starts (exit 2, nothing written).
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiskFullTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        Path small = dir.resolve("small");
        String whyNot = Tmpfs.mount(small, "size=48m");
        assumeTrue(whyNot == null, whyNot);
        mount = small;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            Tmpfs.unmount(mount);
        }
    }

    @Test
    void aRunWhoseFilesystemFillsStopsWithABalancedSummaryAndExitFour() throws Exception {
        Path out = mount.resolve("run");
        Thread filler = fillOnce(out);
        StringWriter stderr = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(stderr)).execute(
                "run", "--quiet", "--out", out.toString(), "--set", "host.consumer=platform-thread",
                "--set", "traffic.ratePerSecond=50000", "--set", "run.duration=2s", "--set", "run.warmup=0s",
                "--set", "run.rounds=1", "--set", "run.jitWarmup=0s", "--set", "run.queueStaging=none");
        filler.join();

        assertThat(code).as("stderr: %s", stderr).isEqualTo(ExitCodes.CUT_SHORT);
        assertThat(stderr.toString()).contains("cut short (disk-full: " + out);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("cutShort").get("reason").asText()).isEqualTo("disk-full");
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        assertBalancedWithDiskFullDrops(summary.get("runs").get(0));
    }

    @Test
    void aSweepWhoseFilesystemFillsStopsAndStartsNoLaterPoint() throws Exception {
        Path out = mount.resolve("sweep");
        Thread filler = fillOnce(out);
        StringWriter stderr = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(stderr)).execute(
                "sweep", "--quiet", "--out", out.toString(), "--set", "host.consumer=platform-thread",
                "--set", "run.duration=1s", "--set", "run.warmup=0s", "--set", "run.rounds=1",
                "--set", "run.jitWarmup=0s", "--set", "run.queueStaging=none",
                "--param", "traffic.ratePerSecond=40000,20000");
        filler.join();

        assertThat(code).as("stderr: %s", stderr).isEqualTo(ExitCodes.CUT_SHORT);
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertThat(sweep.get("cutShort").get("reason").asText()).isEqualTo("disk-full");
        assertThat(sweep.get("rows")).hasSize(1);
        JsonNode point = new ObjectMapper().readTree(out.resolve(sweep.get("rows").get(0).get("folder").asText())
                .resolve("summary.json").toFile());
        assertBalancedWithDiskFullDrops(point.get("runs").get(0));
    }

    @Test
    void aFilesystemTooSmallForTheEstimateIsRefusedBeforeAnythingIsWritten() {
        Path out = mount.resolve("refused");
        StringWriter stderr = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(stderr)).execute(
                "run", "--quiet", "--out", out.toString(), "--set", "host.consumer=platform-thread",
                "--set", "traffic.ratePerSecond=200000", "--set", "run.duration=10s", "--set", "run.rounds=1",
                "--set", "run.queueStaging=none");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(stderr.toString()).startsWith("error: not enough disk space: 1 run(s) need about")
                .contains(out + " (output)").contains("MB free").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    private static void assertBalancedWithDiskFullDrops(JsonNode run) {
        JsonNode packets = run.get("packets");
        assertThat(packets.get("generated").asLong())
                .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
        assertThat(packets.get("dropReasons").get("disk-full").asLong()).isPositive();
        assertThat(run.get("cutShort").get("reason").asText()).isEqualTo("disk-full");
        assertThat(run.get("interrupted").asBoolean()).isTrue();
    }

    /**
     * Another process filling the disk: once a descriptors queue appears under {@code out} (the first run's journal is
     * being written), a file takes all but 9 MiB of the filesystem, below the floor (8 MB reserve and what 100 ms of
     * the run write).
     */
    private Thread fillOnce(Path out) {
        Thread filler = Thread.ofPlatform().name("filler").start(() -> {
            try {
                while (!journalWritten(out)) {
                    Thread.sleep(5);
                }
                long fill = FreeSpace.SYSTEM.usableBytes(mount) - 9 * MIB;
                byte[] block = new byte[(int) MIB];
                try (OutputStream file = Files.newOutputStream(mount.resolve("filler"))) {
                    for (long written = 0; written < fill; written += block.length) {
                        file.write(block, 0, (int) Math.min(block.length, fill - written));
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return filler;
    }

    private static boolean journalWritten(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (var paths = Files.walk(out)) {
            return paths.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        } catch (java.io.UncheckedIOException e) {
            return false; // a folder moved while walked: look again
        }
    }
}
