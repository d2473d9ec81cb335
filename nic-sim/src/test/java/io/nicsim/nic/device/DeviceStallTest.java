package io.nicsim.nic.device;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;
import io.nicsim.nic.traffic.TrafficConfig;
import org.agrona.concurrent.AgentInvoker;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A device whose thread stalls for milliseconds at random makes exactly the decisions of one that never stalls
 * (docs/semantics.md#device-time): same descriptors with the same model stamps, same interrupts covering the same
 * packets raised at the same model times, for every policy whose decisions do not depend on the host. The device
 * runs on real Chronicle queues; its turns come on a manual clock, every 250 ns for the reference run and at random
 * with stalls of 1 to 5 ms for the stalled one.
 */
class DeviceStallTest {

    private static final long START = 1_000_000_000L;
    private static final long SCHEDULE_NANOS = 30_000_000L;
    private static final TrafficConfig POISSON = new TrafficConfig("poisson", 200_000, 42, 8, 256);

    @TempDir
    Path dir;

    private record Descriptor(long packetId, long intended, long injected, long detected, long written) {
    }

    private record Interrupt(long first, long last, long raised) {
    }

    private record Run(List<Descriptor> descriptors, List<Interrupt> interrupts) {
    }

    static Stream<Arguments> hostIndependentPolicies() {
        FirmwareConfig base = FirmwareConfig.DEFAULTS;
        return Stream.of(
                arguments("per-packet", base.withPolicy("per-packet")),
                arguments("per-packet, MAC polled every 2 us", base.withPolicy("per-packet").withPollIntervalNanos(
                        2_000)),
                arguments("coalesce rx-frames 8", base.withPolicy("coalesce").withCoalescing(0, 8)),
                arguments("coalesce rx-usecs 20 rx-frames 16 (EQE)", base.withPolicy("coalesce").withCoalescing(20,
                        16)),
                arguments("coalesce rx-usecs 20 (CQE)", withTimerMode(base.withPolicy("coalesce")
                        .withCoalescing(20, 64), "cqe")),
                arguments("dim", base.withPolicy("dim")),
                arguments("adaptive-itr", base.withPolicy("adaptive-itr")));
    }

    private static FirmwareConfig withTimerMode(FirmwareConfig c, String mode) {
        return new FirmwareConfig(c.policy(), c.rxUsecs(), c.rxFrames(), mode, c.itrNanos(), c.pollIntervalNanos(),
                c.budget(), c.deferHardIrqs(), c.groFlushTimeoutNanos(), c.irqSuspendTimeoutNanos(), c.dimMode(),
                c.itrMode(), c.burst(), c.hybridPauseAfterEmptyPolls(), c.hybridSleepAfterEmptyPolls(),
                c.hybridPauseNanos(), c.hybridSleepTimeoutNanos());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostIndependentPolicies")
    void randomMillisecondStallsChangeNoDecision(String name, FirmwareConfig firmware) {
        Run steady = run(dir.resolve("steady"), firmware, new SplittableRandom(1), false);
        Run stalled = run(dir.resolve("stalled"), firmware, new SplittableRandom(7), true);

        assertThat(steady.descriptors()).as("packets in %,d ns of Poisson 200k pps", SCHEDULE_NANOS)
                .hasSizeGreaterThan(5_000);
        assertThat(steady.interrupts()).isNotEmpty();
        assertThat(stalled.descriptors()).isEqualTo(steady.descriptors());
        assertThat(stalled.interrupts()).isEqualTo(steady.interrupts());
    }

    /** @param stalls whether turns come at random with stalls of 1-5 ms (else every 250 ns) */
    private static Run run(Path queueDir, FirmwareConfig firmware, SplittableRandom random, boolean stalls) {
        ManualNanoClock clock = new ManualNanoClock(START);
        try (DeviceQueues queues = DeviceQueues.open(queueDir)) {
            Device device = DeviceFactory.create(POISSON, PolicyFactory.create(firmware).device(),
                    firmware.pollIntervalNanos(), SCHEDULE_NANOS, clock, queues);
            device.start(START);
            AtomicReference<Throwable> error = new AtomicReference<>();
            try (AgentInvoker invoker = new AgentInvoker(error::set, null, device)) {
                invoker.start();
                long end = START + SCHEDULE_NANOS + 10_000_000L;
                long stallsSoFar = 0;
                for (long t = START; t <= end; ) {
                    clock.setNanos(t);
                    invoker.invoke();
                    if (stalls && random.nextInt(2_000) == 0) {
                        t += random.nextLong(1_000_000, 5_000_000); // the device thread loses its core for ms
                        stallsSoFar++;
                    } else {
                        t += stalls ? random.nextLong(50, 2_000) : 250;
                    }
                }
                clock.setNanos(end + 1);
                invoker.invoke();
                if (stalls) {
                    assertThat(stallsSoFar).as("stalls injected").isGreaterThanOrEqualTo(3);
                }
            }
            assertThat(error.get()).as("agent error").isNull();
            return new Run(descriptors(queues), interrupts(queues));
        }
    }

    private static List<Descriptor> descriptors(DeviceQueues queues) {
        List<Descriptor> out = new ArrayList<>();
        try (DescriptorReader reader = queues.newDescriptorReader()) {
            for (DescriptorRecord d = reader.poll(); d != null; d = reader.poll()) {
                out.add(new Descriptor(d.packetId, d.intendedNanos, d.injectedNanos, d.detectedNanos, d.writtenNanos));
            }
        }
        return out;
    }

    private static List<Interrupt> interrupts(DeviceQueues queues) {
        List<Interrupt> out = new ArrayList<>();
        try (InterruptReader reader = queues.newInterruptReader()) {
            for (InterruptRecord i = reader.poll(); i != null; i = reader.poll()) {
                out.add(new Interrupt(i.firstPacketId, i.lastPacketId, i.raisedNanos));
            }
        }
        return out;
    }
}
