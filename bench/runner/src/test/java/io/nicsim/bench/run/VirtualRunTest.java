package io.nicsim.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.Consumers;
import io.nicsim.nic.traffic.UdpSource;
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
import static org.assertj.core.api.Assertions.within;

/** Virtual time: deterministic, closed forms with a host that costs nothing, every shipped scenario. */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class VirtualRunTest {

    /** The repository's scenarios folder, found from the working folder up. */
    private static final Path SCENARIOS = findScenarios();

    @TempDir
    Path dir;

    private static Path findScenarios() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null && !Files.isRegularFile(at.resolve("scenarios/default-study.yaml"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException("no scenarios folder above " + Path.of("").toAbsolutePath());
        }
        return at.resolve("scenarios");
    }

    private Path zeroCostModel() throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\nsource: zero-cost\ncores: 2\ndeliverNanos: 0\nirqNanos: 0\n"
                + "contextSwitchNanos: 0\nemptyPollNanos: 100\nconsumers:\n");
        for (String consumer : Consumers.NAMES) {
            yaml.append("  ").append(consumer)
                    .append(": {wakeNanos: 0, perPacketNanos: 0, perPollNanos: 0, handoffNanos: 0}\n");
        }
        Path file = dir.resolve("zero-cost.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private RunResult run(List<String> overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("run.clock=virtual", "run.warmup=10ms",
                "firmware.pollIntervalNanos=0", "run.hostModel=" + zeroCostModel()));
        all.addAll(overrides);
        Scenario scenario = ScenarioLoader.load(null, all);
        String consumer = scenario.host().consumers().getFirst();
        RunResult result = ConsumerRun.run(scenario.withConsumer(consumer), consumer, consumer, dir.resolve("q"),
                null, null, RunOptions.defaults());
        return result;
    }

    @Test
    void countCoalescingHoldsTheFramesClosedForm() throws Exception {
        RunResult result = run(List.of("traffic.kind=poisson", "traffic.ratePerSecond=1Mpps", "run.duration=1s",
                "firmware.policy=coalesce", "firmware.rxFrames=8", "firmware.rxUsecs=0", "host.consumer=busy-poll",
                "host.consumer=platform-thread"));
        // (n - 1) / (2 lambda) = 7 / 2e6 s = 3500 ns
        assertThat(result.latencyNanos().stages().get("hold").mean()).isCloseTo(3500.0, within(35.0));
        assertThat(result.packets().measured()).isGreaterThan(990_000);
        // no timer: the last packets (fewer than rx-frames) never get an interrupt and stay in the ring
        assertThat(result.packets().dropped()).isLessThan(8);
    }

    @Test
    void absoluteTimerHoldsTheTimerClosedForm() throws Exception {
        RunResult result = run(List.of("traffic.kind=poisson", "traffic.ratePerSecond=200kpps", "run.duration=5s",
                "firmware.policy=coalesce", "firmware.rxUsecs=10", "firmware.rxFrames=100000",
                "firmware.timerMode=eqe", "firmware.itrNanos=0", "host.consumer=platform-thread"));
        // T (1 + lambda T / 2) / (1 + lambda T), T = 10 us, lambda T = 2: 10000 * 2 / 3 = 6666.7 ns
        assertThat(result.latencyNanos().stages().get("hold").mean()).isCloseTo(6666.7, within(66.7));
        assertThat(result.packets().dropped()).isZero();
    }

    @Test
    void busyPollWithHandlerWorkIsAnMd1Queue() throws Exception {
        RunResult result = run(List.of("traffic.kind=poisson", "traffic.ratePerSecond=500kpps", "run.duration=2s",
                "firmware.policy=per-packet", "host.consumer=busy-poll", "host.handlerWorkNanos=1us"));
        // lambda D^2 / (2 (1 - rho)), lambda = 5e5/s, D = 1 us, rho = 0.5: 5e5 * 1e-12 / 1 s = 500 ns
        assertThat(result.latencyNanos().notification().mean()).isCloseTo(500.0, within(10.0));
        assertThat(result.packets().dropped()).isZero();
    }

    @Test
    void aSpinningPollerSeesADescriptorItsWakeFigureAfterTheWrite() throws Exception {
        Path model = dir.resolve("visible-after-800ns.yaml");
        Files.writeString(model, Files.readString(zeroCostModel()).replace(
                "  busy-poll: {wakeNanos: 0,", "  busy-poll: {wakeNanos: 800,"));
        RunResult result = run(List.of("traffic.kind=poisson", "traffic.ratePerSecond=10kpps", "run.duration=1s",
                "firmware.policy=per-packet", "host.consumer=busy-poll", "run.hostModel=" + model));
        // found 800 ns after the write, nothing queued (a packet every 100 us on average, none takes any CPU)
        assertThat(result.latencyNanos().notification().mean()).isCloseTo(800.0, within(5.0));
        assertThat(result.latencyNanos().stages().get("hold").mean()).isCloseTo(800.0, within(5.0));
    }

    @Test
    void aLonePacketWaitsTheWriteBackTimerAndAPollerSeesItThen() throws Exception {
        RunResult result = run(List.of("traffic.kind=constant", "traffic.ratePerSecond=50kpps", "run.duration=200ms",
                "firmware.policy=poll-mode", "host.consumer=busy-poll", "nic.writeBackDescriptors=64",
                "nic.writeBackNanos=10us"));
        // a packet every 20 us: each is alone in its burst, written back 10 us after its DMA and read then
        // (HdrHistogram keeps 3 significant digits: 10 us is recorded within 10 ns)
        assertThat(result.latencyNanos().stages().get("writeBack").mean()).isCloseTo(10_000.0, within(10.0));
        assertThat(result.latencyNanos().notification().mean()).isCloseTo(10_000.0, within(10.0));
        assertThat(result.latencyNanos().stages().get("hold").max()).isZero();
        assertThat(result.packets().dropped()).isZero();
    }

    @Test
    void aHandlersTimedWaitCostsItsKindsTimedWaitCpu() throws Exception {
        Path model = dir.resolve("timed-wait-7us.yaml");
        Files.writeString(model, Files.readString(zeroCostModel()).replace(
                "  platform-thread: {wakeNanos: 0, perPacketNanos: 0, perPollNanos: 0, handoffNanos: 0}",
                "  platform-thread: {wakeNanos: 0, perPacketNanos: 0, perPollNanos: 0, handoffNanos: 0,"
                        + " timedWaitNanos: 7000}"));
        RunResult result = run(List.of("traffic.kind=poisson", "traffic.ratePerSecond=1kpps", "run.duration=1s",
                "firmware.policy=per-packet", "host.consumer=platform-thread", "host.handlerBlockNanos=50us",
                "run.hostModel=" + model));
        // one 50 us wait per packet, nothing else costs anything: 7 us of CPU per packet
        assertThat(result.costs().consumerCpuNanosPerPacket()).isCloseTo(7000.0, within(70.0));
    }

    @Test
    void interruptWorkAboveACoreLivelocksPerPacketInterruptsButNotNapi() throws Exception {
        String builtIn;
        try (var in = VirtualRunTest.class.getResourceAsStream("/io/nicsim/host/model/default-host-model.yaml")) {
            builtIn = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path heavy = dir.resolve("heavy-irq.yaml");
        // 3 us of interrupt work per interrupt at 500 kpps: 1.5 cores of interrupt work on the consumer's core
        Files.writeString(heavy, builtIn.replace("irqNanos: 500", "irqNanos: 3000"));
        List<String> common = List.of("run.clock=virtual", "run.hostModel=" + heavy, "run.duration=300ms",
                "run.warmup=50ms", "run.drainTimeout=50ms", "traffic.ratePerSecond=500kpps", "nic.ringSlots=1024",
                "host.consumer=platform-thread", "host.handlerWorkNanos=1us");
        RunResult perPacket = runScenario(common, "firmware.policy=per-packet");
        RunResult napi = runScenario(common, "firmware.policy=napi");
        assertThat(perPacket.packets().dropReasons().get("ring-full"))
                .isGreaterThan(perPacket.packets().generated() / 4);
        assertThat(napi.packets().dropped()).isZero();
    }

    private RunResult runScenario(List<String> common, String more) throws Exception {
        List<String> overrides = new ArrayList<>(common);
        overrides.add(more);
        Scenario scenario = ScenarioLoader.load(null, overrides);
        return ConsumerRun.run(scenario, "x", "platform-thread", dir.resolve("q"), null, null, RunOptions.defaults());
    }

    @Test
    void journalHoldsWhatTheRunCounted() throws Exception {
        RunResult result = run(List.of("traffic.ratePerSecond=50kpps", "run.duration=200ms", "run.keepJournal=always",
                "firmware.policy=napi", "host.consumer=virtual-thread"));
        JournalCounts journal = JournalCounts.read(dir.resolve("q"));
        assertThat(result.journal()).isEqualTo(dir.resolve("q").toString());
        assertThat(journal.descriptors()).isEqualTo(result.packets().delivered()).isPositive();
        assertThat(journal.interrupts()).isEqualTo(result.interrupts());
        assertThat(journal.packetIdsInOrder()).isTrue();
        assertThat(journal.stampsOrdered()).isTrue();
    }

    @Test
    void journalHoldsEveryDescriptorOfEveryBurstOnce() throws Exception {
        RunResult result = run(List.of("traffic.ratePerSecond=500kpps", "run.duration=100ms",
                "run.keepJournal=always", "firmware.policy=coalesce", "host.consumer=platform-thread",
                "nic.writeBackDescriptors=16", "nic.writeBackNanos=4us"));
        JournalCounts journal = JournalCounts.read(dir.resolve("q"));
        assertThat(journal.descriptors()).isEqualTo(result.packets().delivered()).isPositive();
        assertThat(journal.interrupts()).isEqualTo(result.interrupts());
        assertThat(journal.packetIdsInOrder()).isTrue();
        assertThat(journal.stampsOrdered()).isTrue();
        assertThat(result.latencyNanos().stages().get("writeBack").max()).as("the timer, to HdrHistogram's precision")
                .isBetween(1L, 4_004L);
    }

    @Test
    void sameScenarioAndSeedGiveTheSameSummary() throws Exception {
        String first = study("a");
        String second = study("b");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void sameScenarioAndSeedGiveTheSameSummaryWithWriteBackBursts() throws Exception {
        List<String> bursts = List.of("run.duration=100ms", "nic.writeBackDescriptors=16", "nic.writeBackNanos=3us",
                "host.consumer=event-loop", "firmware.policy=napi");
        String first = study("a", bursts);
        String second = study("b", bursts);
        assertThat(second).isEqualTo(first).contains("\"writeBackDescriptors\":16");
    }

    private String study(String name) throws Exception {
        return study(name, List.of());
    }

    private String study(String name, List<String> more) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("run.clock=virtual", "run.duration=300ms", "run.warmup=50ms"));
        overrides.addAll(more);
        Scenario scenario = ScenarioLoader.load(SCENARIOS.resolve("default-study.yaml"), overrides);
        Path runDir = dir.resolve(name);
        long start = System.nanoTime();
        new StudyRunner(null, RunOptions.defaults()).run(scenario, runDir, "test");
        System.out.printf("default study, virtual, 350 ms of traffic x 4 consumers: %d ms wall%n",
                (System.nanoTime() - start) / 1_000_000);
        ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        summary.remove("environment");
        summary.remove("command");
        for (JsonNode run : summary.get("runs")) {
            ((ObjectNode) run).remove("files");
        }
        assertThat(summary.get("runs")).hasSize(scenario.host().consumers().size());
        assertThat(summary.get("runs").get(0).get("clock").asText()).isEqualTo("virtual");
        assertThat(summary.get("runs").get(0).get("hostModel").asText()).startsWith("built-in: ");
        return summary.toString();
    }

    @Test
    void everyScenarioRunsInVirtualTimeWithBalancedAccounting() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            Scenario scenario = ScenarioLoader.load(file, List.of("run.clock=virtual", "run.duration=100ms",
                    "run.warmup=20ms"));
            if (UdpSource.KIND.equals(scenario.traffic().kind())) {
                continue; // live traffic needs a sender: liveUdpTrafficRunsInVirtualTime
            }
            for (String consumer : scenario.host().consumers()) {
                RunResult result = ConsumerRun.run(scenario.withConsumer(consumer), consumer, consumer,
                        dir.resolve("q"), null, null, RunOptions.defaults());
                RunResult.PacketCounts packets = result.packets();
                assertThat(packets.generated()).as(file + " " + consumer)
                        .isEqualTo(packets.delivered() + packets.dropped()).isPositive();
                assertThat(packets.dropReasons().values().stream().mapToLong(Long::longValue).sum())
                        .as(file + " " + consumer).isEqualTo(packets.dropped());
            }
        }
    }

    /**
     * Live datagrams in virtual time: model time follows the wall clock (they arrive in real time) and the host is the
     * model. Every datagram sent is generated and delivered.
     */
    @Test
    void liveUdpTrafficRunsInVirtualTime(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Scenario scenario = ScenarioLoader.load(SCENARIOS.resolve("traffic-udp.yaml"), List.of("run.clock=virtual",
                "traffic.udpPort=" + port, "run.duration=3s", "run.warmup=0s", "run.drainTimeout=5s"));
        java.util.concurrent.CompletableFuture<RunResult> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return ConsumerRun.run(scenario, "udp", scenario.host().consumers().getFirst(),
                                dir.resolve("q"), null, null, RunOptions.defaults());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!listening(port)) { // the event that starts the sender: the run holds the port
            assertThat(run.isDone() || System.nanoTime() - deadline > 0).as("the run never listened").isFalse();
            Thread.sleep(1);
        }

        io.nicsim.bench.send.UdpSender.Result sent = io.nicsim.bench.send.UdpSender.send(
                new io.nicsim.bench.send.UdpSender.Options("127.0.0.1", port, 5_000, 1_000_000_000L, 64, 2),
                () -> false);

        RunResult result = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
        RunResult.PacketCounts packets = result.packets();
        assertThat(sent.sent()).isEqualTo(5_000);
        assertThat(packets.generated()).isEqualTo(5_000).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).as("drops %s", packets.dropReasons()).isZero();
        assertThat(result.output().clock()).isEqualTo("virtual");
    }

    /** @return whether something listens on 127.0.0.1:port, from the kernel's socket table (no probing bind) */
    private static boolean listening(int port) throws java.io.IOException {
        String local = String.format("0100007F:%04X", port);
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/udp"))) {
            return lines.skip(1).map(line -> line.strip().split("\\s+")[1]).anyMatch(local::equals);
        }
    }
}
