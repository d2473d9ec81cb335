package io.nicsim.bench.scenario;

import io.nicsim.nic.device.NicConfig;
import io.nicsim.nic.traffic.TrafficConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The traffic kinds' and the NIC's keys: parsed into TrafficConfig and NicConfig, a trace file resolved against
 * the scenario file's folder (the working folder for --set) and kept absolute so the effective scenario replays
 * from anywhere, and a udp scenario validated without opening its port.
 */
class TrafficKeysTest {

    @TempDir
    Path dir;

    @Test
    void everyKindsKeysReachTheTrafficConfig() throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("traffic.kind=mmpp", "traffic.ratePerSecond=50kpps",
                "traffic.mmppRate2PerSecond=2Mpps", "traffic.mmppSojourn1Nanos=3ms", "traffic.mmppSojourn2Nanos=40us",
                "traffic.burstNanos=7us", "traffic.idleNanos=0", "traffic.udpPort=4000", "traffic.traceSpeedup=2.5",
                "traffic.traceRepeat=once"));

        TrafficConfig traffic = scenario.traffic();
        assertThat(traffic).isEqualTo(new TrafficConfig("mmpp", 50_000, 1, 1, 64, 7_000, 0, 2_000_000, 3_000_000,
                40_000, "", 2.5, "once", 4000, TrafficConfig.DEFAULT_HIGH_PRIORITY_SHARE));
    }

    @Test
    void nicKeysReachTheNicConfig() throws Exception {
        assertThat(ScenarioLoader.load(null, List.of()).nic()).isEqualTo(NicConfig.DEFAULTS);
        assertThat(ScenarioLoader.load(null, List.of("nic.linkGbps=2.5", "nic.dmaNanos=527ns",
                "nic.dmaPicosPerByte=302")) .nic()).isEqualTo(new NicConfig(2.5, 527, 302));
    }

    @Test
    void aTraceFileIsReadFromTheScenarioFilesFolderAndKeptAbsolute() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("study"));
        Files.createDirectories(folder.resolve("traces"));
        Files.writeString(folder.resolve("traces/t.csv"), "0,0,64\n10,1,64\n");
        Path file = Files.writeString(folder.resolve("s.yaml"), "traffic:\n  kind: trace\n  traceFile: traces/t.csv\n");

        Scenario scenario = ScenarioLoader.load(file, List.of());

        assertThat(scenario.traffic().traceFile()).isEqualTo(folder.resolve("traces/t.csv").toAbsolutePath()
                .toString());
        Path saved = dir.resolve("elsewhere/effective.yaml");
        Files.createDirectories(saved.getParent());
        new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .writeValue(saved.toFile(), scenario.effective());
        assertThat(ScenarioLoader.load(saved, List.of()).traffic()).as("replays from another folder")
                .isEqualTo(scenario.traffic());
    }

    @Test
    void aTraceFileGivenWithSetIsReadFromTheWorkingFolder() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "0,0,64\n5,0,64\n");
        Path relative = Path.of("").toAbsolutePath().relativize(csv.toAbsolutePath());

        Scenario scenario = ScenarioLoader.load(null, List.of("traffic.kind=trace", "traffic.traceFile=" + relative));

        assertThat(scenario.traffic().traceFile()).isEqualTo(csv.toAbsolutePath().normalize().toString());
        assertThatThrownBy(() -> ScenarioLoader.load(null, List.of("traffic.kind=trace", "traffic.traceFile=nope.csv")))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("--set: traffic.traceFile: " + Path.of("nope.csv").toAbsolutePath() + ": no such file");
    }

    @Test
    void aUdpScenarioValidatesWithoutOpeningItsPort() throws Exception {
        try (java.nio.channels.DatagramChannel taken = java.nio.channels.DatagramChannel.open()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = ((java.net.InetSocketAddress) taken.getLocalAddress()).getPort();
            assertThat(ScenarioLoader.load(null, List.of("traffic.kind=udp", "traffic.udpPort=" + port)).traffic()
                    .udpPort()) .isEqualTo(port);
        }
    }
}
