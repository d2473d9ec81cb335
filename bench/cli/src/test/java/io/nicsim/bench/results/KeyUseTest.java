package io.nicsim.bench.results;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which runs read a key: firmware keys by policy, traffic keys by kind, a shape's keys by consumer. */
class KeyUseTest {

    private static Scenario load(String... overrides) throws ScenarioException {
        return ScenarioLoader.load(null, List.of(overrides));
    }

    @Test
    void aFirmwareKeyIsReadOnlyByThePoliciesThatUseIt() throws ScenarioException {
        Scenario perPacket = load("firmware.policy=per-packet");
        assertThat(KeyUse.unused("firmware.rxUsecs", List.of(perPacket)))
                .isEqualTo("not used by policy per-packet (used by: coalesce)");
        assertThat(KeyUse.unused("firmware.rxUsecs", List.of(perPacket, load("firmware.policy=coalesce")))).isNull();
        assertThat(KeyUse.unused("firmware.budget", List.of(load("firmware.policy=coalesce"))))
                .startsWith("not used by policy coalesce (used by: ").contains("napi", "irq-suspend");
        assertThat(KeyUse.unused("firmware.busyPollNanos", List.of(load("firmware.policy=irq-suspend")))).isNull();
        // read by every policy, or not a firmware parameter at all
        assertThat(KeyUse.unused("firmware.pollIntervalNanos", List.of(perPacket))).isNull();
        assertThat(KeyUse.unused("firmware.policy", List.of(perPacket))).isNull();
        assertThat(KeyUse.policiesUsing("firmware.timerMode")).containsExactly("coalesce");
    }

    @Test
    void trafficAndShapeKeysAreReadByTheirKindsAndConsumers() throws ScenarioException {
        Scenario poisson = load("traffic.kind=poisson", "host.consumer=busy-poll,platform-thread");
        assertThat(KeyUse.unused("traffic.burstNanos", List.of(poisson)))
                .isEqualTo("not used by traffic kind poisson (used by: on-off)");
        assertThat(KeyUse.unused("traffic.burstNanos", List.of(load("traffic.kind=on-off")))).isNull();
        assertThat(KeyUse.unused("host.workers", List.of(poisson)))
                .isEqualTo("not used by consumer busy-poll, platform-thread (used by: platform-pool, event-loops,"
                        + " virtual-thread-verticles)");
        assertThat(KeyUse.unused("host.socketSlots", List.of(load("host.consumer=busy-poll,platform-pool"))))
                .isNull();
        assertThat(KeyUse.unused("traffic.flows", List.of(poisson))).isNull();
        assertThat(KeyUse.unused("run.duration", List.of(poisson))).isNull();
    }
}
