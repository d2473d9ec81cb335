package io.nicsim.nic.device;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PerPacketPolicy;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.wire.MacFifo;
import org.agrona.concurrent.AgentInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Pins the device's firmware loop end to end on a {@link ManualNanoClock} and real Chronicle queues: one descriptor
 * per packet with its stamps, interrupts as the policy decides covering every packet exactly once, detection on
 * the poll cadence, and the stamp order intended &lt;= injected &lt;= detected &lt;= written &lt;= raised.
 */
class FirmwareTest {

    private static final long START = 1_000_000_000L;
    /** 80 evenly spaced packets, one per microsecond. */
    private static final TrafficConfig EVERY_MICROSECOND = new TrafficConfig("constant", 1_000_000, 1, 1, 64);
    private static final long EIGHTY_PACKETS_NANOS = 80_000;

    @TempDir
    Path dir;

    private record Descriptor(int queue, long packetId, int flow, int frameBytes, long intended, long injected,
                              long detected, long written) {
    }

    private record Interrupt(int vector, long sequence, long first, long last, long raised) {
    }

    private record Run(List<Descriptor> descriptors, List<Interrupt> interrupts, Device device) {
    }

    /**
     * Runs a device built by {@link DeviceFactory} from {@code START}, calling {@code doWork} on every tick of the
     * grid up to {@code endNanos}, then reads both queues back.
     */
    private Run run(TrafficConfig traffic, FirmwareConfig firmware, long scheduleNanos, long tickNanos, long endNanos) {
        return run(dir, traffic, firmware, scheduleNanos, tickNanos, endNanos);
    }

    private static Run run(Path queueDir, TrafficConfig traffic, FirmwareConfig firmware, long scheduleNanos,
                           long tickNanos, long endNanos) {
        ManualNanoClock clock = new ManualNanoClock(START);
        try (DeviceQueues queues = DeviceQueues.open(queueDir)) {
            Device device = DeviceFactory.create(traffic, firmware, scheduleNanos, clock, queues);
            device.start(START);
            AtomicReference<Throwable> error = new AtomicReference<>();
            try (AgentInvoker invoker = new AgentInvoker(error::set, null, device)) {
                invoker.start(); // onStart: opens the writers on this thread
                for (long t = START; t <= endNanos; t += tickNanos) {
                    clock.setNanos(t);
                    invoker.invoke();
                }
            } // onClose: closes the writers
            assertThat(error.get()).as("agent error").isNull();
            return new Run(readDescriptors(queues), readInterrupts(queues), device);
        }
    }

    private static List<Descriptor> readDescriptors(DeviceQueues queues) {
        List<Descriptor> descriptors = new ArrayList<>();
        try (DescriptorReader reader = queues.newDescriptorReader()) {
            for (DescriptorRecord d = reader.poll(); d != null; d = reader.poll()) {
                descriptors.add(new Descriptor(d.queue, d.packetId, d.flow, d.frameBytes, d.intendedNanos,
                        d.injectedNanos, d.detectedNanos, d.writtenNanos));
            }
        }
        return descriptors;
    }

    private static List<Interrupt> readInterrupts(DeviceQueues queues) {
        List<Interrupt> interrupts = new ArrayList<>();
        try (InterruptReader reader = queues.newInterruptReader()) {
            for (InterruptRecord i = reader.poll(); i != null; i = reader.poll()) {
                interrupts.add(new Interrupt(i.vector, i.sequence, i.firstPacketId, i.lastPacketId, i.raisedNanos));
            }
        }
        return interrupts;
    }

    private static long firstTickAtOrAfter(long time, long tickNanos) {
        return START + Math.ceilDiv(time - START, tickNanos) * tickNanos;
    }

    @Test
    void perPacketWritesOneInterruptPerDescriptor() {
        long tick = 300; // does not divide the 1000 ns spacing: the device's turns come up to 299 ns late
        Run run = run(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy("per-packet").withCoalescing(0,
                0).withPollIntervalNanos(0), EIGHTY_PACKETS_NANOS, tick,
                START + 100_000);

        assertThat(run.descriptors()).hasSize(80);
        assertThat(run.interrupts()).hasSize(80);
        for (int i = 0; i < 80; i++) {
            Descriptor d = run.descriptors().get(i);
            long intended = START + 1_000L * i;
            // Model time: arrival, detection (polling on every turn), DMA and interrupt all at the packet's due time,
            // although the turn that executed them came up to 299 ns later.
            assertThat(d).as("descriptor %d", i).isEqualTo(new Descriptor(0, i, 0, 64, intended, intended, intended,
                    intended));
            assertThat(run.interrupts().get(i)).as("interrupt %d", i).isEqualTo(new Interrupt(0, i, i, i, intended));
        }
        assertThat(run.descriptors().get(1).injected()).as("due at +1000, executed at the turn at +1200")
                .isEqualTo(START + 1_000);
        assertThat(run.device().firmware().descriptorsWritten()).isEqualTo(80);
        assertThat(run.device().firmware().interruptsRaised()).isEqualTo(80);
        assertThat(run.device().wire().injectedPackets()).isEqualTo(80);
        assertThat(run.device().wire().isExhausted()).isTrue();
        assertThat(run.device().packetsInMac()).isZero();
        assertThat(run.device().firmware().policy()).isInstanceOf(PerPacketPolicy.class);
    }

    @Test
    void coalesceEightFramesGivesTenInterruptsCoveringEveryPacketOnce() {
        long tick = 250;
        Run run = run(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(0,
                8).withPollIntervalNanos(0), EIGHTY_PACKETS_NANOS, tick,
                START + 200_000);

        assertThat(run.descriptors()).hasSize(80);
        assertThat(run.interrupts()).hasSize(10);
        for (int k = 0; k < 10; k++) {
            Interrupt interrupt = run.interrupts().get(k);
            assertThat(interrupt.sequence()).isEqualTo(k);
            assertThat(interrupt.first()).as("interrupt %d", k).isEqualTo(8L * k);
            assertThat(interrupt.last()).as("interrupt %d", k).isEqualTo(8L * k + 7);
            assertThat(interrupt.raised()).as("raised when the 8th descriptor is written")
                    .isEqualTo(run.descriptors().get(8 * k + 7).written())
                    .isEqualTo(START + 1_000L * (8 * k + 7)); // 1000 ns spacing is a multiple of the 250 ns tick
        }
        assertThat(run.device().firmware().policy().pendingCompletions()).isZero();
        assertCoversEveryPacketOnce(run);
    }

    @Test
    void coalesceTimerFlushesTheTailOfTheBurst() {
        long tick = 300;
        Run run = run(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(20,
                8).withPollIntervalNanos(0), 20_000, tick, START + 100_000);

        assertThat(run.descriptors()).hasSize(20);
        assertThat(run.interrupts()).extracting(Interrupt::first, Interrupt::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 7L), org.assertj.core.groups.Tuple.tuple(8L,
                        15L),
                        org.assertj.core.groups.Tuple.tuple(16L, 19L));
        // Packet 16 (due at +16000) is written at +16000 in model time (its turn came at +16200); its 20 us timer
        // fires at +36000 exactly, although the turn that executed it came at +36300.
        assertThat(run.descriptors().get(16).written()).isEqualTo(START + 16_000);
        assertThat(run.interrupts().get(2).raised()).isEqualTo(START + 36_000);
        assertCoversEveryPacketOnce(run);
    }

    @Test
    void pollIntervalDelaysDetectionToThePollCadence() {
        long poll = 5_000;
        long tick = 100;
        Run run = run(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy("per-packet").withCoalescing(0,
                0).withPollIntervalNanos(poll), EIGHTY_PACKETS_NANOS, tick,
                START + 100_000);

        assertThat(run.descriptors()).hasSize(80);
        for (int i = 0; i < 80; i++) {
            Descriptor d = run.descriptors().get(i);
            assertThat(d.injected()).isEqualTo(START + 1_000L * i);
            // First poll on the first turn (START), then every 5 us: packet 0 at START, 1..5 at +5000, 6..10 at
            // +10000...
            assertThat(d.detected()).as("packet %d detected at the first poll at or after its arrival", i)
                    .isGreaterThanOrEqualTo(d.injected()).isLessThan(d.injected() + poll);
            assertThat((d.detected() - START) % poll).as("packet %d detected on the poll grid", i).isZero();
            assertThat(run.interrupts().get(i).raised()).isEqualTo(d.detected());
        }
        assertThat(run.descriptors().get(0).detected()).isEqualTo(START);
        assertThat(run.descriptors().get(1).detected()).isEqualTo(START + 5_000);
        assertThat(run.descriptors().get(5).detected()).isEqualTo(START + 5_000);
        assertThat(run.descriptors().get(6).detected()).isEqualTo(START + 10_000);
        assertThat(run.descriptors().get(10).detected()).isEqualTo(START + 10_000);
        assertThat(run.descriptors().get(11).detected()).isEqualTo(START + 15_000);
        assertThat(run.descriptors().get(79).detected()).as("arrives at +79,000: the poll at +80,000").isEqualTo(START
                + 80_000);
        assertCoversEveryPacketOnce(run);
    }

    @Test
    void pollGridDoesNotDriftWhenTurnsAreLate() {
        long poll = 5_000;
        long tick = 3_000; // turns at +0, +3000, +6000, ...: none on the poll grid after +0 but every 15 us
        Run run = run(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy("per-packet").withCoalescing(0,
                0).withPollIntervalNanos(poll), EIGHTY_PACKETS_NANOS, tick,
                START + 150_000);

        for (Descriptor d : run.descriptors()) {
            assertThat((d.detected() - START) % poll).as("packet %d detected on the grid", d.packetId()).isZero();
            assertThat(d.detected() - d.injected()).as("packet %d", d.packetId()).isBetween(0L, poll - 1);
        }
        // Hand-computed: packet 7 arrives at +7000 (the turn at +9000 executes it) and the poll at +10000 sees it,
        // executed by the turn at +12000.
        assertThat(run.descriptors().get(7).injected()).isEqualTo(START + 7_000);
        assertThat(run.descriptors().get(7).detected()).isEqualTo(START + 10_000);
        assertThat(run.descriptors()).hasSize(80);
    }

    @Test
    void stampsAreOrderedForBurstyTrafficUnderEveryPolicy() {
        TrafficConfig poisson = new TrafficConfig("poisson", 500_000, 7, 4, 128);
        for (FirmwareConfig firmware : List.of(
                FirmwareConfig.DEFAULTS.withPolicy("per-packet").withCoalescing(0, 0).withPollIntervalNanos(0),
                FirmwareConfig.DEFAULTS.withPolicy("per-packet").withCoalescing(0, 0).withPollIntervalNanos(2_000),
                FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(50, 64).withPollIntervalNanos(0),
                FirmwareConfig.DEFAULTS.withPolicy("coalesce").withCoalescing(5, 4).withPollIntervalNanos(1_500))) {
            Path runDir = dir.resolve(firmware.policy() + "-" + firmware.rxUsecs() + "-" + firmware.rxFrames() + "-"
                    + firmware.pollIntervalNanos());
            Run run = run(runDir, poisson, firmware, 2_000_000, 700, START + 2_200_000);

            assertThat(run.descriptors()).as("%s", firmware).hasSizeGreaterThan(800);
            assertCoversEveryPacketOnce(run);
            int k = 0;
            for (Descriptor d : run.descriptors()) {
                while (run.interrupts().get(k).last() < d.packetId()) {
                    k++;
                }
                long raised = run.interrupts().get(k).raised();
                assertThat(new long[] {d.intended(), d.injected(), d.detected(), d.written(), raised})
                        .as("%s: intended, injected, detected, written, raised of packet %d", firmware, d.packetId())
                        .isSorted();
                assertThat(d.flow()).isBetween(0, 3);
                assertThat(d.frameBytes()).isEqualTo(128);
                if (firmware.policy().equals("coalesce") && firmware.rxUsecs() > 0) {
                    assertThat(raised - d.written()).as("%s: coalescing delay of packet %d", firmware, d.packetId())
                            .isLessThan(firmware.rxUsecs() * 1_000 + 700);
                }
            }
        }
    }

    /** Interrupts are numbered 0, 1, ... and their packet ranges tile 0..n-1 with no gap and no overlap. */
    private static void assertCoversEveryPacketOnce(Run run) {
        long next = 0;
        long sequence = 0;
        for (Interrupt interrupt : run.interrupts()) {
            assertThat(interrupt.sequence()).isEqualTo(sequence++);
            assertThat(interrupt.vector()).isZero();
            assertThat(interrupt.first()).as("interrupt %d starts where the previous ended", interrupt.sequence())
                    .isEqualTo(next);
            assertThat(interrupt.last()).isGreaterThanOrEqualTo(interrupt.first());
            next = interrupt.last() + 1;
        }
        assertThat(next).as("packets covered").isEqualTo(run.descriptors().size());
        for (int i = 0; i < run.descriptors().size(); i++) {
            assertThat(run.descriptors().get(i).packetId()).isEqualTo(i);
        }
    }

    @Test
    void nothingIsWrittenBeforeTheWireStartsDelivering() {
        ManualNanoClock clock = new ManualNanoClock(START);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            Device device = DeviceFactory.create(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS, 10_000, clock, queues);
            device.wire().start(START + 5_000);
            device.onStart();
            for (long t = START; t < START + 5_000; t += 100) {
                clock.setNanos(t);
                assertThat(device.doWork()).as("idle turn at +%d", t - START).isZero();
            }
            clock.setNanos(START + 5_000);
            assertThat(device.doWork()).as("the packet due at +5000").isPositive();
            device.onClose();
            assertThat(device.roleName()).isEqualTo("device");
            assertThat(readDescriptors(queues)).hasSize(1);
            assertThat(readInterrupts(queues)).hasSize(1);
        }
    }

    /**
     * {@code doWork} returns descriptors written plus interrupts raised, counting interrupts raised on completion
     * as well as on the timer: one per-packet arrival is 2 units of work.
     */
    @Test
    void doWorkCountsDescriptorsAndInterrupts() {
        ManualNanoClock clock = new ManualNanoClock(START);
        MacFifo mac = new MacFifo(4);
        Firmware firmware = new Firmware(0, mac, new PerPacketPolicy(), 0, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            firmware.open(queues);
            try {
                mac.push(0, START, START, 0, 64);
                assertThat(firmware.doWork(START)).as("one descriptor written + one interrupt raised").isEqualTo(2);
            } finally {
                firmware.close();
            }
        }
    }

    @Test
    void doWorkCountsTimerInterruptsAndIsZeroWhenIdle() {
        ManualNanoClock clock = new ManualNanoClock(START);
        MacFifo mac = new MacFifo(4);
        Firmware firmware = new Firmware(0, mac, new io.nicsim.firmware.policy.CoalescePolicy(1, 0), 0, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            firmware.open(queues);
            try {
                assertThat(firmware.doWork(START)).as("nothing to do").isZero();
                mac.push(0, START, START, 0, 64);
                mac.push(1, START, START, 0, 64);
                assertThat(firmware.doWork(START)).as("two descriptors, no interrupt yet").isEqualTo(2);
                clock.setNanos(START + 999);
                assertThat(firmware.doWork(START + 999)).isZero();
                clock.setNanos(START + 1_000);
                assertThat(firmware.doWork(START + 1_000)).as("the timer interrupt").isEqualTo(1);
                assertThat(firmware.descriptorsWritten()).isEqualTo(2);
                assertThat(firmware.interruptsRaised()).isEqualTo(1);
            } finally {
                firmware.close();
            }
            assertThat(readInterrupts(queues)).containsExactly(new Interrupt(0, 0, 0, 1, START + 1_000));
        }
    }

    @Test
    void rejectsInvalidConfigurationNamingTheKey() {
        ManualNanoClock clock = new ManualNanoClock(0);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> DeviceFactory.create(new TrafficConfig("constant", 0, 1, 1, 64),
                            FirmwareConfig.DEFAULTS, 1_000, clock, queues))
                    .withMessageContaining("traffic.ratePerSecond");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> DeviceFactory.create(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy(
                            "nope").withCoalescing(0, 0).withPollIntervalNanos(0),
                            1_000, clock, queues))
                    .withMessageContaining("firmware.policy");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> DeviceFactory.create(EVERY_MICROSECOND, FirmwareConfig.DEFAULTS.withPolicy(
                            "per-packet").withCoalescing(0, 0).withPollIntervalNanos(-1),
                            1_000, clock, queues))
                    .withMessageContaining("firmware.pollIntervalNanos");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Firmware(0, new MacFifo(2), new PerPacketPolicy(), -1, clock))
                .withMessageContaining("pollIntervalNanos");
    }
}
