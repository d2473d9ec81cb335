package io.nicsim.bench.cli;

import io.nicsim.bench.run.TwoProcessDir;
import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DeviceStatusQueue;
import io.nicsim.nic.queue.DeviceStatusWriter;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.record.DeviceStatusRecord;
import io.nicsim.nic.record.DoorbellRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to {@code nicsim nic} and {@code nicsim host} exits 2 with one "error: " line naming what and where, and
 * writes nothing; a side whose counterpart never comes gives up after {@code run.attachTimeout} with exit 3.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoProcessErrorsTest {

    private static final String SCENARIO = "../scenarios/two-process.yaml";
    private static final List<String> CHEAP = List.of("--duration", "10ms", "--set", "run.warmup=0",
            "--set", "run.memoryProbeWaiters=0", "--set", "run.attachTimeout=200ms", "--quiet");

    @TempDir
    Path parent;

    record Outcome(int code, String out, String err) {
    }

    private static Outcome execute(List<String> head, String... tail) {
        List<String> args = new ArrayList<>(head);
        args.addAll(List.of(tail));
        args.addAll(CHEAP);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }

    private void assertRejected(Outcome outcome, List<String> listingBefore, String... errSays) throws IOException {
        assertThat(outcome.code()).as("exit code; stderr: %s", outcome.err()).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = outcome.err().lines().toList();
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines.getFirst()).startsWith("error: ");
        for (String fragment : errSays) {
            assertThat(lines.getFirst()).contains(fragment);
        }
        assertThat(listing(parent)).as("nothing written").isEqualTo(listingBefore);
    }

    @Test
    void missingDir() throws IOException {
        List<String> before = listing(parent);
        assertRejected(execute(List.of("host", SCENARIO)), before, "--dir");
        assertRejected(execute(List.of("nic", SCENARIO)), before, "--dir");
    }

    @Test
    void moreThanOneConsumer() throws IOException {
        Path dir = parent.resolve("d");
        List<String> before = listing(parent);
        assertRejected(execute(List.of("host", SCENARIO, "--dir", dir.toString()),
                "--set", "host.consumer=platform-thread,event-loop"), before,
                "host.consumer", "exactly one consumer", "2 (platform-thread, event-loop)");
    }

    @Test
    void moreThanOneRxQueue() throws IOException {
        Path dir = parent.resolve("d");
        List<String> before = listing(parent);
        assertRejected(execute(List.of("host", SCENARIO, "--dir", dir.toString()), "--set", "nic.queues=2"), before,
                "nic.queues", "one RX queue");
        assertRejected(execute(List.of("nic", SCENARIO, "--dir", dir.toString()), "--set", "nic.queues=2"), before,
                "nic.queues", "one RX queue");
    }

    @Test
    void dirThatIsAFileOrSomeoneElsesFolder() throws IOException {
        Path file = Files.writeString(parent.resolve("file"), "x");
        Path foreign = Files.createDirectories(parent.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "mine");
        List<String> before = listing(parent);
        assertRejected(execute(List.of("nic", SCENARIO, "--dir", file.toString())), before, "--dir " + file,
                "expected a folder");
        assertRejected(execute(List.of("host", SCENARIO, "--dir", foreign.toString())), before, "--dir " + foreign,
                "not empty");
        assertRejected(execute(List.of("host", SCENARIO, "--dir", parent.resolve("d").toString(), "--out",
                foreign.toString())), before, "--out " + foreign, "not empty");
    }

    @Test
    void dirOfAnotherScenario() throws IOException {
        Path dir = parent.resolve("d");
        // a NIC of 30 kpps gave up waiting for a host: D holds its scenario
        Outcome nic = execute(List.of("nic", SCENARIO, "--dir", dir.toString()), "--set",
                "traffic.ratePerSecond=30kpps");
        assertThat(nic.code()).as(nic.err()).isEqualTo(ExitCodes.STALLED);
        List<String> before = listing(parent);

        assertRejected(execute(List.of("host", SCENARIO, "--dir", dir.toString())), before, "--dir " + dir,
                "another scenario", "traffic.ratePerSecond is 30000.0 there, 50000.0 here");
        assertRejected(execute(List.of("host", "../scenarios/policy-napi.yaml", "--dir", dir.toString()), "--set",
                "host.consumer=platform-thread"), before, "'two-process'", "'policy-napi'");
    }

    @Test
    void hostOnAFinishedRunAndNicOnAStartedOne() throws IOException {
        Path dir = parent.resolve("d");
        Outcome host = execute(List.of("host", SCENARIO, "--dir", dir.toString()));
        assertThat(host.code()).as("no NIC came: %s", host.err()).isEqualTo(ExitCodes.STALLED);
        assertThat(host.err()).contains("no NIC started").contains("run.attachTimeout");
        Path queues = TwoProcessDir.queueDir(dir);
        try (DeviceStatusQueue status = DeviceStatusQueue.open(queues);
             DeviceStatusWriter writer = status.newWriter(new ManualNanoClock(1))) {
            DeviceStatusRecord start = new DeviceStatusRecord();
            start.kind = DeviceStatusRecord.START;
            writer.write(start);
        }
        List<String> before = listing(parent);
        assertRejected(execute(List.of("nic", SCENARIO, "--dir", dir.toString())), before, "--dir " + dir,
                "a NIC already ran there", "cannot resume");

        try (DeviceQueues device = DeviceQueues.open(queues);
             DoorbellWriter doorbells = device.newDoorbellWriter(new ManualNanoClock(2))) {
            doorbells.ring(0, DoorbellRecord.DONE, 10);
        }
        before = listing(parent);
        assertRejected(execute(List.of("host", SCENARIO, "--dir", dir.toString())), before, "--dir " + dir,
                "holds a finished run");
    }

    @Test
    void stallTimeoutMustBePositive() throws IOException {
        List<String> before = listing(parent);
        assertRejected(execute(List.of("host", SCENARIO, "--dir", parent.resolve("d").toString()),
                "--set", "run.stallTimeout=0"), before, "run.stallTimeout", "above 0");
    }

    @Tag("run")
    @Test
    void aNicWithoutHostGivesUpAfterTheAttachTimeout() {
        Outcome nic = execute(List.of("nic", SCENARIO, "--dir", parent.resolve("d").toString()));
        assertThat(nic.code()).as(nic.err()).isEqualTo(ExitCodes.STALLED);
        assertThat(nic.err().lines().toList()).hasSize(1);
        assertThat(nic.err()).contains("no host attached").contains("run.attachTimeout")
                .contains("no traffic was sent");
    }
}
