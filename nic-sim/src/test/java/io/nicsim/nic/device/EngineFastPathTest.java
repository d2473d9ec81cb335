package io.nicsim.nic.device;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.port.ChecksumPorts;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import io.nicsim.nic.wire.LinkTiming;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Device#advanceTo(long)}'s fast path (one search for the firmware's next event per step, reused across
 * arrivals behind the MAC's head) makes the decisions of the plain loop: the same device assembled by hand and
 * advanced by searching for the next arrival and the next firmware event before every event gives the same
 * descriptors and interrupts (checksum), drops and doorbells. Includes a MAC that fills up (a slow poll grid at line
 * rate), DMA time, several queues with small rings, and NAPI re-armed after each interrupt.
 */
class EngineFastPathTest {

    private static final long RUN_NANOS = 3_000_000;
    /** Slices of model time in the second run: an odd length, so slice ends fall between events. */
    private static final long SLICE_NANOS = 997;

    private record Outcome(long checksum, long descriptors, long interrupts, long drops, long doorbells,
                           long inMac) {
    }

    @ParameterizedTest
    @CsvSource({
        "per-packet, poisson, 3e6, 10, 0, 0, 1, 0, 0, 1",
        "coalesce, poisson, 3e6, 10, 300, 20, 1, 0, 700, 1",
        "napi, constant, 3e6, 0, 0, 0, 4, 64, 0, 1",
        "dim, mmpp, 3e6, 25, 100, 8, 2, 0, 0, 1",
        "adaptive-itr, on-off, 3e6, 25, 0, 0, 1, 0, 250, 1",
        "coalesce, constant, 148.8e6, 100, 0, 0, 1, 0, 1000000, 1",
        "per-packet, constant, 148.8e6, 100, 50, 0, 1, 0, 0, 1",
        "coalesce, poisson, 3e6, 10, 300, 20, 1, 0, 700, 16",
        "napi, constant, 3e6, 0, 0, 0, 4, 64, 0, 8",
        "poll-mode, on-off, 3e6, 25, 0, 0, 2, 0, 250, 64",
    })
    void theFastPathMakesThePlainLoopsDecisions(String policy, String kind, double rate, double linkGbps,
                                                long dmaNanos, int dmaPicosPerByte, int queues, int ringSlots,
                                                long pollNanos, int writeBackDescriptors) {
        TrafficConfig base = new TrafficConfig("poisson", rate, 7, 8, 64).withHighPriorityShare(0.1);
        TrafficConfig traffic = switch (kind) {
            case "on-off" -> base.withOnOff(10_000, 10_000);
            case "mmpp" -> base.withMmpp(10e6, 50_000, 20_000);
            default -> new TrafficConfig(kind, rate, 7, 8, 64).withHighPriorityShare(0.1);
        };
        NicConfig nic = new NicConfig(linkGbps, dmaNanos, dmaPicosPerByte, queues, ringSlots)
                .withWriteBack(writeBackDescriptors, 1_500);
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withPollIntervalNanos(pollNanos);

        for (long slice : new long[] {0, SLICE_NANOS}) {
            ChecksumPorts fastPorts = new ChecksumPorts(true);
            Device device = EngineRuns.device(traffic, nic, firmware, fastPorts, fastPorts, fastPorts);
            if (slice == 0) {
                EngineRuns.advance(device, RUN_NANOS);
            } else {
                for (long t = slice; t <= RUN_NANOS; t += slice) {
                    device.firmware().readDoorbells();
                    device.advanceTo(t);
                }
            }
            Outcome fast = new Outcome(fastPorts.checksum(), fastPorts.descriptors(), fastPorts.interrupts(),
                    device.firmware().ringFullDrops(), device.firmware().doorbellsRead(), device.packetsInMac());

            Outcome plain = plainLoop(traffic, nic, firmware, slice);

            assertThat(fast.descriptors()).isPositive();
            assertThat(fast).as(slice == 0 ? "stepped" : "in slices of %d ns", slice).isEqualTo(plain);
        }
    }

    /**
     * The device assembled as DeviceFactory does, advanced by the loop that searches before every event: from
     * instant to instant ({@code sliceNanos} 0), or slice by slice.
     */
    private static Outcome plainLoop(TrafficConfig traffic, NicConfig nic, FirmwareConfig config, long sliceNanos) {
        NotificationPolicy[] policies = new NotificationPolicy[nic.queues()];
        for (int q = 0; q < policies.length; q++) {
            policies[q] = PolicyFactory.create(config).device();
        }
        MacFifo mac = new MacFifo(DeviceFactory.MAC_FIFO_SLOTS);
        TrafficSource source = TrafficSources.create(traffic, EngineRuns.SCHEDULE_NANOS, () -> 0L);
        Wire wire = new Wire(source, mac, new LinkTiming(nic.linkGbps()));
        Firmware firmware = new Firmware(mac, policies, RssSteering.forQueues(nic.queues(), source.flowTuples()),
                nic.ringSlots(), config.pollIntervalNanos(), nic, () -> 0L, TrafficClasses.of(traffic));
        ChecksumPorts ports = new ChecksumPorts(true);
        DescriptorSink[] sinks = new DescriptorSink[nic.queues()];
        Arrays.fill(sinks, ports);
        firmware.open(sinks, ports, ports);
        wire.start(0);
        firmware.startPolling(0);
        long sliceEnd = 0;
        while (true) {
            firmware.readDoorbells();
            long next;
            if (sliceNanos == 0) {
                next = Math.min(mac.isFull() ? Wire.NO_ARRIVAL : wire.nextDueNanos(), firmware.nextEventNanos());
            } else {
                next = sliceEnd += sliceNanos;
            }
            if (next > RUN_NANOS) {
                break;
            }
            while (true) {
                long arrival = mac.isFull() ? Wire.NO_ARRIVAL : wire.nextDueNanos();
                long firmwareNext = firmware.nextEventNanos();
                if (arrival <= firmwareNext && arrival <= next) {
                    wire.injectNext(Math.max(arrival, firmware.modelNanos()));
                } else if (firmwareNext <= next) {
                    firmware.advanceTo(firmwareNext);
                } else {
                    break;
                }
            }
        }
        return new Outcome(ports.checksum(), ports.descriptors(), ports.interrupts(), firmware.ringFullDrops(),
                firmware.doorbellsRead(), mac.size() + firmware.packetsInDma() + firmware.packetsInWriteBack());
    }
}
