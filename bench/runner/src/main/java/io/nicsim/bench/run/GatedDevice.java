package io.nicsim.bench.run;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.device.Device;
import org.agrona.concurrent.Agent;

/**
 * The device with a gate on its wire, so a run can end its traffic early (Ctrl-C): while the gate is open each
 * duty cycle is exactly {@link Device#doWork()}; once closed, the wire injects nothing more (packets not yet due
 * are never generated) and the firmware keeps running, so what is in the MAC and the ring still drains and every
 * moderation timer still fires. One volatile read per duty cycle.
 */
final class GatedDevice implements Agent {

    private final Device device;
    private final NanoClock clock;
    private volatile boolean open = true;

    GatedDevice(Device device, NanoClock clock) {
        this.device = device;
        this.clock = clock;
    }

    /** Stops the traffic; any thread. Packets already injected are still handled. */
    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void onStart() {
        device.onStart();
    }

    @Override
    public int doWork() {
        return device.turn(clock.nanoTime(), open);
    }

    @Override
    public void onClose() {
        device.onClose();
    }

    @Override
    public String roleName() {
        return device.roleName();
    }
}
