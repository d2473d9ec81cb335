package io.nicsim.nic.device;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.wire.MacFifo;
import io.nicsim.nic.wire.Wire;
import org.agrona.concurrent.Agent;

/**
 * The modeled NIC as a discrete-event engine over model time: packets arriving from the wire and the firmware's events
 * (doorbells, MAC polls, DMA completions, moderation timers) execute in model-time order, each at its own model time,
 * so the device's decisions do not depend on when its thread gets a core (docs/semantics.md#device-time).
 * As an Agrona {@link Agent} it is paced by the wall clock: each duty cycle executes every event due by now; a device
 * that fell behind catches up in model-time order and makes the decisions of one that was never late. In virtual
 * time its owner calls {@link #advanceTo(long)} with the next model time instead. How the device thread waits
 * between cycles is the runner's idle strategy; {@code doWork} reports how much it did so that strategy can back off.
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

    /** Sets the traffic's time zero: the wire's schedule and the firmware's MAC poll grid start there. */
    public void start(long startNanos) {
        wire.start(startNanos);
        firmware.startPolling(startNanos);
    }

    /** A paced duty cycle: executes every event due by the wall clock's now. @return events executed */
    @Override
    public int doWork() {
        return turn(clock.nanoTime(), true);
    }

    /**
     * A turn that executes every event due by {@code modelNanosLimit}, taking new arrivals only while
     * {@code arrivalsOpen} (a run stopped early takes no more; what is in the device still drains).
     *
     * @return events executed
     */
    public int turn(long modelNanosLimit, boolean arrivalsOpen) {
        if (arrivalsOpen) {
            wire.pollLive(); // once closed, a live source reads nothing more: what came after the stop never arrived
        }
        int work = advanceTo(modelNanosLimit, arrivalsOpen);
        if (work == 0) {
            if (arrivalsOpen) {
                wire.drawAhead();
            }
            firmware.idle();
        }
        return work;
    }

    /**
     * Executes, in model-time order, every device event due at or before {@code modelNanosLimit}: the wire's
     * arrivals into the MAC and the firmware's events. At one instant an arrival comes before the firmware's events,
     * so a MAC poll at that instant sees it. Doorbells rung since the last turn are read first.
     *
     * @return events executed
     */
    public int advanceTo(long modelNanosLimit) {
        return advanceTo(modelNanosLimit, true);
    }

    /**
     * As {@link #advanceTo(long)}, taking new arrivals only while {@code arrivalsOpen} (a run stopped early takes no
     * more; what is in the device still drains).
     */
    public int advanceTo(long modelNanosLimit, boolean arrivalsOpen) {
        return firmware.readDoorbells() + executeTo(modelNanosLimit, arrivalsOpen);
    }

    private int executeTo(long modelNanosLimit, boolean arrivalsOpen) {
        int work = 0;
        long firmwareNext = firmware.nextEventNanos();
        while (true) {
            long arrival = arrivalsOpen && !mac.isFull() ? wire.nextDueNanos() : Wire.NO_ARRIVAL;
            if (arrival != Wire.NO_ARRIVAL && arrival <= firmwareNext && arrival <= modelNanosLimit) {
                boolean macWasEmpty = mac.isEmpty();
                wire.injectNext(Math.max(arrival, firmware.modelNanos()));
                work++;
                if (macWasEmpty) {
                    // the poll that finds it is new; a packet behind the MAC's head changes no firmware event
                    firmwareNext = firmware.nextEventNanos();
                }
            } else if (firmwareNext != Firmware.NO_EVENT && firmwareNext <= modelNanosLimit) {
                work += firmware.executeAt(firmwareNext);
                firmwareNext = firmware.computedNextNanos();
            } else {
                return work;
            }
        }
    }

    /**
     * @return the model time of the device's next event (an arrival or a firmware event, doorbells rung since the last
     *         call included), or Firmware.NO_EVENT
     */
    public long nextEventNanos() {
        return nextEventNanos(true);
    }

    /** As {@link #nextEventNanos()}, counting arrivals only while {@code arrivalsOpen}. */
    public long nextEventNanos(boolean arrivalsOpen) {
        firmware.readDoorbells();
        long arrival = arrivalsOpen && !mac.isFull() ? wire.nextDueNanos() : Wire.NO_ARRIVAL;
        return Math.min(arrival, firmware.nextEventNanos());
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
     * @return packets in the MAC FIFO not yet polled, polled and still in DMA, or in a write-back burst not written
     * back; read only after the device thread stopped
     */
    public int packetsInMac() {
        return mac.size() + firmware.packetsInDma() + firmware.packetsInWriteBack();
    }
}
