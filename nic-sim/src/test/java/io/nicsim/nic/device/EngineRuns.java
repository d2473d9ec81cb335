package io.nicsim.nic.device;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.traffic.TrafficConfig;

import java.util.Arrays;

/** Devices built for virtual time with their ports in memory, and the loop a virtual-time runner drives them with. */
final class EngineRuns {

    /** Longer than any test plays. */
    static final long SCHEDULE_NANOS = 1_000_000_000L;

    private EngineRuns() {
    }

    /** A device of {@code nic.queues()} queues, each with its own instance of the policy, its ports opened. */
    static Device device(TrafficConfig traffic, NicConfig nic, FirmwareConfig firmware, DescriptorSink sink,
                         InterruptSink interrupts, DoorbellSource doorbells) {
        DescriptorSink[] sinks = new DescriptorSink[nic.queues()];
        Arrays.fill(sinks, sink);
        return device(traffic, nic, firmware, sinks, interrupts, doorbells);
    }

    /** As above, with a descriptor sink per queue (a sink that holds write-back bursts serves one queue). */
    static Device device(TrafficConfig traffic, NicConfig nic, FirmwareConfig firmware, DescriptorSink[] sinks,
                         InterruptSink interrupts, DoorbellSource doorbells) {
        NotificationPolicy[] policies = new NotificationPolicy[nic.queues()];
        for (int q = 0; q < policies.length; q++) {
            policies[q] = PolicyFactory.create(firmware).device();
        }
        Device device = DeviceFactory.create(traffic, nic, policies, firmware.pollIntervalNanos(), SCHEDULE_NANOS,
                () -> 0L, null);
        device.firmware().open(sinks, interrupts, doorbells);
        device.start(0);
        return device;
    }

    /**
     * Steps the device from instant to instant up to {@code untilNanos}, reading the doorbells before each step.
     *
     * @return events executed
     */
    static long advance(Device device, long untilNanos) {
        long events = 0;
        while (true) {
            device.firmware().readDoorbells();
            long next = device.nextEventNanos();
            if (next > untilNanos) {
                return events;
            }
            events += device.advanceTo(next);
        }
    }
}
