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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault injection in two-process mode: {@code nicsim nic} and {@code nicsim host} in JVMs of their own on a small
 * tmpfs the test mounts, which another writer fills once the host has handled packets. Neither JVM dies of SIGBUS:
 * the NIC's watch stops its traffic, the host drains and writes a balanced summary.json (packets due and not sent
 * are disk-full drops, never stopped-on-wire) that says it was cut short, and both exit 4 with one line. The
 * waits are liveness bounds, not timings.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TwoProcessDiskFullTest {

    private static final long MIB = 1 << 20;
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path tmp;
    private Path mount;
    private NicsimChildren children;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        Path small = tmp.resolve("small");
        String whyNot = Tmpfs.mount(small, "size=64m");
        assumeTrue(whyNot == null, whyNot);
        mount = small;
        children = new NicsimChildren(tmp, TIMEOUT_SECONDS);
    }

    @AfterEach
    void killLeftoversAndUnmount() throws Exception {
        if (children != null) {
            children.close();
        }
        if (mount != null) {
            Tmpfs.unmount(mount);
        }
    }

    @Test
    void aFillingDiskStopsTheNicAndBothExitFourWithABalancedSummary() throws Exception {
        Path dir = mount.resolve("d");
        Process nic = start("nic", dir);
        Process host = start("host", dir);
        children.awaitOutput(host, "host", "handled "); // the first progress line: traffic flows, the journal grows
        fill();

        assertThat(children.exitCode(host, "host")).as(children.output("host")).isEqualTo(ExitCodes.CUT_SHORT);
        assertThat(children.exitCode(nic, "nic")).as(children.output("nic")).isEqualTo(ExitCodes.CUT_SHORT);
        assertThat(children.errors("nic")).startsWith("cut short (disk-full: " + dir).hasLineCount(1);
        assertThat(children.errors("host")).startsWith("cut short (disk-full: ").hasLineCount(1);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("cutShort").get("reason").asText()).isEqualTo("disk-full");
        JsonNode run = summary.get("runs").get(0);
        JsonNode packets = run.get("packets");
        long byReason = 0;
        for (JsonNode count : packets.get("dropReasons")) {
            byReason += count.asLong();
        }
        assertThat(packets.get("dropped").asLong()).isEqualTo(byReason);
        assertThat(packets.get("generated").asLong())
                .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
        // the traffic stopped early: the rest of the 4 s schedule (about 200,000 in all) is disk-full, never
        // stopped-on-wire
        assertThat(packets.get("dropReasons").get("disk-full").asLong()).isPositive();
        assertThat(packets.get("generated").asLong()).isGreaterThan(190_000);
        assertThat(packets.get("dropReasons").has("stopped-on-wire")).isFalse();
        assertThat(summary.get("interrupted").asBoolean()).isTrue();
        assertThat(run.get("cutShort").get("reason").asText()).isEqualTo("disk-full");
    }

    private Process start(String role, Path dir) throws IOException {
        return children.start(role, List.of(role, NicsimChildren.repository("scenarios/two-process.yaml").toString(),
                "--dir", dir.toString(), "--duration", "4s", "--set", "run.warmup=0s",
                "--set", "traffic.ratePerSecond=50kpps", "--set", "host.deviceIdle=backoff",
                "--set", "host.dispatcherIdle=backoff", "--set", "run.memoryProbeWaiters=0",
                "--set", "run.attachTimeout=60s"));
    }

    /**
     * Another process filling the disk: a file takes all but 9 MiB of the filesystem, below the NIC's floor (the
     * 8 MB reserve and what 100 ms of its traffic write) and above the host's (the reserve).
     */
    private void fill() throws IOException {
        long fill = FreeSpace.SYSTEM.usableBytes(mount) - 9 * MIB;
        byte[] block = new byte[(int) MIB];
        try (OutputStream file = Files.newOutputStream(mount.resolve("filler"))) {
            for (long written = 0; written < fill; written += block.length) {
                file.write(block, 0, (int) Math.min(block.length, fill - written));
            }
        }
    }
}
