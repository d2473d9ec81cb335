package io.nicsim.bench.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The udp acceptance, end to end in one JVM: {@code nicsim run scenarios/traffic-udp.yaml} listens while the
 * {@code nicsim send} sender class sends 10k datagrams per second for 2 s from 4 source ports; every datagram
 * sent is generated (read from the socket during the run) and accounted for: generated = delivered + dropped, over
 * 4 flows, each packet in packets.csv. No timing is asserted; the run lasts long enough for the sender to finish.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UdpRunTest {

    private static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /**
     * @return whether something (the run) listens on 127.0.0.1:port, from the kernel's socket table: probing by
     * binding the port would hold it for an instant and could make the run's own bind fail
     */
    private static boolean listening(int port) throws IOException {
        String local = String.format("0100007F:%04X", port);
        try (var lines = java.nio.file.Files.lines(Path.of("/proc/net/udp"))) {
            return lines.skip(1).map(line -> line.strip().split("\\s+")[1]).anyMatch(local::equals);
        }
    }

    @Test
    void sendAt10kppsFor2sArrivesWithAccountingIntact(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path out = dir.resolve("run");
        StringWriter stderr = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> NicsimCli.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(stderr)).execute("run",
                "../scenarios/traffic-udp.yaml", "--set", "traffic.udpPort=" + port, "--set", "run.duration=4s",
                "--set", "run.drainTimeout=20s", "--quiet", "--export-packets", "--out", out.toString()));
        // the event that starts the sender: the run holds the port (a liveness bound, not a delay)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listening(port)) {
            if (run.isDone() || System.nanoTime() - deadline > 0) {
                fail("the run never listened on port %d: exit %s, stderr %s", port, run.getNow(null), stderr);
            }
            Thread.sleep(1);
        }

        UdpSender.Result sent = UdpSender.send(new UdpSender.Options("127.0.0.1", port, 10_000, 2_000_000_000L, 64, 4),
                () -> false);

        assertThat(run.get(60, TimeUnit.SECONDS)).as("stderr: %s", stderr).isZero();
        assertThat(sent.sent()).isEqualTo(20_000);
        JsonNode packets = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs").get(0)
                .get("packets");
        assertThat(packets.get("generated").asLong()).as("every datagram sent was read during the run")
                .isEqualTo(sent.sent())
                .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
        assertThat(packets.get("dropped").asLong()).as("drops %s", packets.get("dropReasons")).isZero();
        assertThat(packets.get("measured").asLong()).isEqualTo(sent.sent());
        try (var files = java.nio.file.Files.walk(out)) {
            Path csv = files.filter(f -> f.getFileName().toString().equals("packets.csv")).findFirst().orElseThrow();
            var rows = java.nio.file.Files.readAllLines(csv);
            assertThat(rows).hasSize(20_001);
            assertThat(rows.stream().skip(1).map(r -> r.split(",")[2]).distinct()).as("flows: one per source port")
                    .containsExactlyInAnyOrder("0", "1", "2", "3");
            assertThat(rows.get(1)).startsWith("0,0,").contains(",64,").endsWith(",delivered");
        }
    }

    @Test
    void aPortInUseFailsWithOneLineBeforeWritingAnything(@TempDir Path dir) throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            Path out = dir.resolve("run");
            StringWriter stderr = new StringWriter();

            int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(stderr))
                    .execute("run",
                    "../scenarios/traffic-udp.yaml", "--set", "traffic.udpPort=" + port, "--out", out.toString());

            assertThat(code).isEqualTo(1);
            // a loaded machine adds a warning about its load before the run: only the error counts here
            assertThat(stderr.toString().lines().filter(line -> !line.startsWith("warning: ")).toList()).hasSize(1)
                    .first().asString()
                    .startsWith("error: traffic.udpPort: cannot listen on 127.0.0.1:" + port + ": ");
            assertThat(out).as("nothing written").doesNotExist();
        }
    }
}
