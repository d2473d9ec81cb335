package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;
import org.agrona.concurrent.Agent;

/**
 * The modeled NIC as an Agrona {@link Agent}: each duty cycle moves due packets from the wire into the MAC
 * and runs the firmware. How the device thread waits between cycles is the runner's idle strategy, not the
 * device's concern; {@code doWork} reports how much it did so that strategy can back off when idle.
 */
public final class Device implements Agent {

    /** Role name of the device agent in thread placements. */
    public static final String ROLE = "device";

    private final NanoClock clock;
    private final Wire wire;
    private final MacFifo mac;
    private final Firmware firmware;
    private final DeviceQueues queues;

    public Device(NanoClock clock, Wire wire, MacFifo mac, Firmware firmware, DeviceQueues queues) {
        this.clock = clock;
        this.wire = wire;
        this.mac = mac;
        this.firmware = firmware;
        this.queues = queues;
    }

    @Override
    public void onStart() {
        firmware.open(queues);
    }

    @Override
    public int doWork() {
        int work = wire.inject(clock.nanoTime());
        return work + firmware.doWork(clock.nanoTime());
    }

    @Override
    public void onClose() {
        try {
            firmware.close();
        } finally {
            wire.close();
        }
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    public Wire wire() {
        return wire;
    }

    public Firmware firmware() {
        return firmware;
    }

    /**
     * @return packets in the MAC FIFO not yet polled, or polled and still in DMA; read only after the device thread
     * stopped
     */
    public int packetsInMac() {
        return mac.size() + firmware.packetsInDma();
    }
}
