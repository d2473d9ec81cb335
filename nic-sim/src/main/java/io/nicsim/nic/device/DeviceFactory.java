package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.wire.LinkTiming;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;

/** Assembles a {@link Device} from its configuration: the wire, the MAC, and firmware with one ring per RX queue. */
public final class DeviceFactory {

    /** MAC FIFO slots: far more than one device turn ever finds waiting. */
    public static final int MAC_FIFO_SLOTS = 1 << 16;

    private DeviceFactory() {
    }

    /**
     * @param scheduleNanos traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     * @throws IllegalArgumentException naming the offending key for an invalid configuration
     */
    public static Device create(TrafficConfig traffic, FirmwareConfig firmware, long scheduleNanos,
                                NanoClock clock, DeviceQueues queues) {
        return create(traffic, PolicyFactory.create(firmware).device(), firmware.pollIntervalNanos(), scheduleNanos,
                clock, queues);
    }

    /**
     * A one-queue device with an unlimited ring and no link or DMA time (tests, benchmarks).
     *
     * @param policy            the device half of the run's policy (its driver half goes to the host)
     * @param pollIntervalNanos the firmware's MAC poll cadence (0 = every turn)
     * @param scheduleNanos     traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     */
    public static Device create(TrafficConfig traffic, NotificationPolicy policy, long pollIntervalNanos,
                                long scheduleNanos, NanoClock clock, DeviceQueues queues) {
        return create(traffic, UNLIMITED_RING, policy, pollIntervalNanos, scheduleNanos, clock, queues);
    }

    /** One RX queue, an unlimited ring, no link or DMA time. */
    static final NicConfig UNLIMITED_RING = new NicConfig(0, 0, 0, 1, 0);

    /**
     * A one-queue device.
     *
     * @param nic               link speed, DMA time and ring size ({@code nic.queues} must be 1)
     * @param policy            the device half of the run's policy (its driver half goes to the host)
     * @param pollIntervalNanos the firmware's MAC poll cadence (0 = every turn)
     * @param scheduleNanos     traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     * @throws IllegalArgumentException naming the offending key for an invalid configuration
     */
    public static Device create(TrafficConfig traffic, NicConfig nic, NotificationPolicy policy, long pollIntervalNanos,
                                long scheduleNanos, NanoClock clock, DeviceQueues queues) {
        if (nic.queues() != 1) {
            throw new IllegalArgumentException("nic.queues: a device with " + nic.queues()
                    + " RX queues needs a policy each");
        }
        return create(traffic, nic, new NotificationPolicy[] {policy}, pollIntervalNanos, scheduleNanos, clock, queues);
    }

    /**
     * @param nic               link speed, DMA time, RX queues and ring size
     * @param policies          the device half of the run's policy, one instance per RX queue
     * @param pollIntervalNanos the firmware's MAC poll cadence (0 = every turn)
     * @param scheduleNanos     traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     * @throws IllegalArgumentException naming the offending key for an invalid configuration
     */
    public static Device create(TrafficConfig traffic, NicConfig nic, NotificationPolicy[] policies,
                                long pollIntervalNanos, long scheduleNanos, NanoClock clock, DeviceQueues queues) {
        if (policies.length != nic.queues()) {
            throw new IllegalArgumentException("nic.queues is " + nic.queues() + " but " + policies.length
                    + " policies were given");
        }
        MacFifo mac = new MacFifo(MAC_FIFO_SLOTS);
        TrafficSource source = TrafficSources.create(traffic, scheduleNanos, clock);
        Wire wire = new Wire(source, mac, new LinkTiming(nic.linkGbps()));
        Firmware fw = new Firmware(mac, policies, RssSteering.forQueues(nic.queues(), source.flowTuples()),
                nic.ringSlots(), pollIntervalNanos, nic, clock, TrafficClasses.of(traffic));
        return new Device(clock, wire, mac, fw, queues);
    }
}
