package io.nicsim.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cli.ExitCodes;
import io.nicsim.bench.cli.NicsimChildren;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-process mode with real processes: {@code nicsim nic} and {@code nicsim host} each in a JVM of its own (this
 * JVM's java and class path, the flags of jvm.options) over one folder. The NIC and the host run a short scenario
 * and the host's summary.json balances; a host killed mid-run (SIGKILL) and started again resumes, reports the
 * restart and still balances; a NIC killed mid-run leaves the host to report a stall, exit 3 and write a partial
 * summary. The waits are liveness bounds, not timings; the device and interrupt path back off when idle so the
 * tests leave the machine's cores to others.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoProcessTest {

    /** Surefire runs with the module folder as working directory; the root is its parent. */
    private static final Path SCENARIO = NicsimChildren.repository("scenarios/two-process.yaml");
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern HANDLED = Pattern.compile("handled ([0-9,]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private NicsimChildren children;

    @BeforeEach
    void children() {
        children = new NicsimChildren(tmp, TIMEOUT_SECONDS);
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        children.close();
    }

    /** Settings every test adds: short, gentle on the cores, and liveness bounds far above the run. */
    private static List<String> settings(String duration) {
        return List.of("--duration", duration, "--set", "run.warmup=50ms", "--set", "traffic.ratePerSecond=20kpps",
                "--set", "host.deviceIdle=backoff", "--set", "host.dispatcherIdle=backoff",
                "--set", "run.memoryProbeWaiters=0", "--set", "run.attachTimeout=60s");
    }

    private Process start(String name, String role, Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(role, SCENARIO.toString(), "--dir", dir.toString()));
        command.addAll(args);
        return children.start(name, command);
    }

    private String output(String name) throws IOException {
        return children.output(name);
    }

    /**
     * Waits until {@code name}'s latest progress line ({@code host: 1.0s  handled 19,874 ...}, one a second) says it
     * handled at least {@code packets}: the kill that follows is driven by what the host did, not by a delay.
     */
    private void awaitHandled(Process process, String name, long packets) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            Matcher handled = HANDLED.matcher(Files.readString(tmp.resolve(name + ".out")));
            long latest = -1;
            while (handled.find()) {
                latest = Long.parseLong(handled.group(1).replace(",", ""));
            }
            if (latest >= packets) {
                return;
            }
            assertThat(process.isAlive()).as("%s died early: %s", name, output(name)).isTrue();
            assertThat(System.nanoTime()).as("%s handled fewer than %d packets: %s", name, packets, output(name))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonNode balancedRun(JsonNode summary) {
        assertThat(summary.get("runs")).hasSize(1);
        JsonNode run = summary.get("runs").get(0);
        JsonNode packets = run.get("packets");
        long dropReasons = 0;
        for (JsonNode count : packets.get("dropReasons")) {
            dropReasons += count.asLong();
        }
        assertThat(packets.get("dropped").asLong()).as("drops by reason add up").isEqualTo(dropReasons);
        assertThat(packets.get("generated").asLong()).isPositive()
                .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
        assertThat(run.get("consumer").asText()).isEqualTo("platform-thread");
        assertThat(run.get("journal").asText()).endsWith("queues/" + TwoProcessDir.RUN_NAME);
        return run;
    }

    @Test
    void nicAndHostInTwoJvmsWriteABalancedSummaryWhicheverStartsFirst() throws Exception {
        Path dir = tmp.resolve("d");
        Process host = start("host", "host", dir, settings("200ms")); // the host first: it waits for the NIC
        children.awaitOutput(host, "host", "waiting for the NIC");
        Process nic = start("nic", "nic", dir, settings("200ms"));

        assertThat(children.exitCode(host, "host")).as(output("host")).isZero();
        assertThat(children.exitCode(nic, "nic")).as(output("nic")).isZero();

        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode run = balancedRun(summary);
        assertThat(run.get("packets").get("dropped").asLong()).as("every packet delivered").isZero();
        assertThat(run.get("packets").get("generated").asLong()).as("20 kpps for 250 ms, give or take").isBetween(
                2_000L, 10_000L);
        assertThat(run.get("interrupts").asLong()).as("napi raised at least one interrupt").isPositive();
        assertThat(run.get("latencyNanos").get("notification").get("count").asLong()).isPositive();
        assertThat(run.get("placement").get("mode").asText()).isEqualTo("two-process");
        assertThat(summary.get("stalled").asBoolean()).isFalse();
        assertThat(summary.get("interrupted").asBoolean()).isFalse();
        JsonNode twoProcess = summary.get("twoProcess");
        assertThat(twoProcess.get("restarted").asBoolean()).isFalse();
        assertThat(twoProcess.get("hostAttach").asLong()).isEqualTo(1);
        assertThat(twoProcess.get("nicEnd").asText()).isEqualTo("host-done");
        assertThat(dir.resolve("report.html")).isRegularFile();
        assertThat(dir.resolve("0-platform-thread/notification.hgrm")).isRegularFile();
        assertThat(output("nic")).contains("nic: ended:").contains("the host rang DONE");
        assertThat(output("host")).contains("accounting: ");
    }

    @Test
    void aHostKilledMidRunAndStartedAgainResumesAndTheAccountingBalances() throws Exception {
        Path dir = tmp.resolve("d");
        // a long drain timeout: the NIC waits for the second host's DONE, however long its JVM takes to start;
        // write-back bursts of 8: the second host counts a burst the first one had read as the first one's, whole
        List<String> args = new ArrayList<>(settings("3s"));
        args.addAll(List.of("--set", "run.drainTimeout=60s", "--set", "nic.writeBackDescriptors=8", "--set",
                "nic.writeBackNanos=200us"));
        Process nic = start("nic", "nic", dir, args);
        Process first = start("host1", "host", dir, args);
        awaitHandled(first, "host1", 1_000);

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no summary, its named readers stop where they were
        assertThat(first.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("summary.json")).as("the killed host wrote nothing").doesNotExist();
        Process second = start("host2", "host", dir, args);

        assertThat(children.exitCode(second, "host2")).as(output("host2")).isZero();
        assertThat(children.exitCode(nic, "nic")).as(output("nic")).isZero();

        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode run = balancedRun(summary);
        JsonNode twoProcess = summary.get("twoProcess");
        assertThat(twoProcess.get("restarted").asBoolean()).isTrue();
        assertThat(twoProcess.get("hostAttach").asLong()).isEqualTo(2);
        long earlier = twoProcess.get("packetsReadByEarlierHosts").asLong();
        assertThat(earlier).as("the first host had handled packets").isPositive();
        assertThat(run.get("packets").get("dropReasons").get("read-by-earlier-host").asLong())
                .isEqualTo(earlier);
        assertThat(run.get("packets").get("delivered").asLong()).as("the second host resumed and delivered the rest")
                .isPositive();
        assertThat(twoProcess.get("nicEnd").asText()).isEqualTo("host-done");
        assertThat(summary.get("stalled").asBoolean()).isFalse();
        assertThat(output("host2")).contains("as host #2").contains("a restart");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Restarted: host process #2");
    }

    @Test
    void aNicKilledMidRunLeavesTheHostToReportAStallWithAPartialSummary() throws Exception {
        Path dir = tmp.resolve("d");
        List<String> args = new ArrayList<>(settings("20s"));
        args.addAll(List.of("--set", "run.stallTimeout=500ms"));
        Process nic = start("nic", "nic", dir, args);
        Process host = start("host", "host", dir, args);
        awaitHandled(host, "host", 1_000);

        nic.destroyForcibly();

        assertThat(children.exitCode(host, "host")).as(output("host")).isEqualTo(ExitCodes.STALLED).isEqualTo(3);
        String stderr = Files.readString(tmp.resolve("host.err"));
        assertThat(stderr.lines().toList()).as("one clear line").hasSize(1);
        assertThat(stderr).startsWith("error: stalled: no heartbeat from the NIC").contains("run.stallTimeout");
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode run = balancedRun(summary);
        assertThat(summary.get("stalled").asBoolean()).isTrue();
        assertThat(summary.get("twoProcess").get("nicEnd").asText()).isEqualTo("stalled");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Stalled: the NIC process went silent");
        assertThat(run.get("packets").get("generated").asLong()).as("partial: far fewer than 20 s of traffic")
                .isLessThan(20_000L * 20);
    }
}
