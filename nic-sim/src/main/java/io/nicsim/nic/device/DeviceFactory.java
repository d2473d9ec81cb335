package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSources;
import io.nicsim.nic.wire.LinkTiming;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;

/** Assembles a one-queue {@link Device} from its configuration. */
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
     * @param policy            the device half of the run's policy (its driver half goes to the host)
     * @param pollIntervalNanos the firmware's MAC poll cadence (0 = every turn)
     * @param scheduleNanos     traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     */
    public static Device create(TrafficConfig traffic, NotificationPolicy policy, long pollIntervalNanos,
                                long scheduleNanos, NanoClock clock, DeviceQueues queues) {
        return create(traffic, NicConfig.DEFAULTS, policy, pollIntervalNanos, scheduleNanos, clock, queues);
    }

    /**
     * @param nic               link speed and DMA time
     * @param policy            the device half of the run's policy (its driver half goes to the host)
     * @param pollIntervalNanos the firmware's MAC poll cadence (0 = every turn)
     * @param scheduleNanos     traffic is scheduled in {@code [0, scheduleNanos)} after the wire's start
     * @throws IllegalArgumentException naming the offending key for an invalid configuration
     */
    public static Device create(TrafficConfig traffic, NicConfig nic, NotificationPolicy policy, long pollIntervalNanos,
                                long scheduleNanos, NanoClock clock, DeviceQueues queues) {
        MacFifo mac = new MacFifo(MAC_FIFO_SLOTS);
        Wire wire = new Wire(TrafficSources.create(traffic, scheduleNanos, clock), mac, new LinkTiming(nic.linkGbps()));
        Firmware fw = new Firmware(0, mac, policy, pollIntervalNanos, nic, clock, TrafficClasses.of(traffic));
        return new Device(clock, wire, mac, fw, queues);
    }
}
