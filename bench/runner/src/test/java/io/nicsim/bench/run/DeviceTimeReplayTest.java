package io.nicsim.bench.run;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.record.InterruptRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A real paced run (device thread, Chronicle queues, a real consumer) replayed from its journal: the interrupts the
 * device raised, the packets each covers and its model raise time, equal the firmware-model decisions recomputed
 * offline from the journal's completions and the doorbells' model times ({@link OfflineFirmware}). Whatever the host's
 * noise did to the device thread, its decisions are those of the model (docs/semantics.md#device-time).
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DeviceTimeReplayTest {

    static Stream<Arguments> policies() {
        return Stream.of(
                arguments("per-packet", List.of("firmware.policy=per-packet")),
                arguments("coalesce frames", List.of("firmware.policy=coalesce", "firmware.rxUsecs=0",
                        "firmware.rxFrames=8")),
                arguments("coalesce EQE timer", List.of("firmware.policy=coalesce", "firmware.rxUsecs=20",
                        "firmware.rxFrames=1000", "firmware.timerMode=eqe")),
                arguments("coalesce CQE timer", List.of("firmware.policy=coalesce", "firmware.rxUsecs=20",
                        "firmware.rxFrames=1000", "firmware.timerMode=cqe")),
                arguments("coalesce timer and frames", List.of("firmware.policy=coalesce", "firmware.rxUsecs=20",
                        "firmware.rxFrames=16")),
                arguments("coalesce ITR", List.of("firmware.policy=coalesce", "firmware.rxUsecs=0",
                        "firmware.rxFrames=1", "firmware.itrNanos=20000")),
                arguments("dim", List.of("firmware.policy=dim")),
                arguments("adaptive-itr", List.of("firmware.policy=adaptive-itr")),
                arguments("napi", List.of("firmware.policy=napi")),
                arguments("napi-defer", List.of("firmware.policy=napi-defer")),
                arguments("irq-suspend", List.of("firmware.policy=irq-suspend")),
                arguments("hybrid-poll", List.of("firmware.policy=hybrid-poll")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void theDeviceRaisedExactlyTheModelsInterrupts(String name, List<String> firmware, @TempDir Path dir)
            throws Exception {
        List<String> keys = new ArrayList<>(List.of("run.duration=300ms", "run.warmup=0s", "run.drainTimeout=20s",
                "traffic.kind=poisson", "traffic.ratePerSecond=100kpps", "host.consumer=platform-thread",
                "run.queueStaging=none"));
        keys.addAll(firmware);
        Scenario scenario = ScenarioLoader.load(null, keys);
        Path queues = dir.resolve("queues");

        RunResult result = ConsumerRun.run(scenario, "platform-thread", queues, SystemNanoClock.INSTANCE);

        assertThat(result.packets().dropped()).as("drops %s", result.packets().dropReasons()).isZero();
        List<OfflineFirmware.Completion> completions = new ArrayList<>();
        List<OfflineFirmware.Doorbell> doorbells = new ArrayList<>();
        List<OfflineFirmware.Interrupt> raised = new ArrayList<>();
        read(queues, completions, doorbells, raised);
        assertThat(completions).as("packets").hasSizeGreaterThan(20_000);
        assertThat(raised).as("interrupts the device raised").hasSize((int) result.interrupts());

        List<OfflineFirmware.Interrupt> model = OfflineFirmware.decide(
                PolicyFactory.create(scenario.firmware()).device(), completions, doorbells);

        assertThat(raised).as("%s: the device's interrupts against the model's", name).isEqualTo(model);
    }

    private static void read(Path dir, List<OfflineFirmware.Completion> completions,
                             List<OfflineFirmware.Doorbell> doorbells, List<OfflineFirmware.Interrupt> raised) {
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DescriptorReader descriptorReader = queues.newDescriptorReader();
             DoorbellReader doorbellReader = queues.newExecutedDoorbellReader();
             InterruptReader interruptReader = queues.newInterruptReader()) {
            for (DescriptorRecord d = descriptorReader.poll(); d != null; d = descriptorReader.poll()) {
                completions.add(new OfflineFirmware.Completion(d.packetId, d.frameBytes, d.writtenNanos));
            }
            for (DoorbellRecord b = doorbellReader.poll(); b != null; b = doorbellReader.poll()) {
                doorbells.add(new OfflineFirmware.Doorbell(b.kind, b.consumedPacketId, b.writtenNanos));
            }
            for (InterruptRecord i = interruptReader.poll(); i != null; i = interruptReader.poll()) {
                raised.add(new OfflineFirmware.Interrupt(i.firstPacketId, i.lastPacketId, i.raisedNanos));
            }
        }
    }
}
