package io.nicsim.bench.run;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.device.Device;
import org.agrona.concurrent.Agent;

/**
 * The device of a NIC process ({@code nicsim nic}), with a way to end its traffic early (Ctrl-C): while the
 * traffic plays each duty cycle is exactly {@link Device#doWork()}; once a stop is asked for, the device thread
 * itself counts the packets that were due by then and never injected (so the wire is only ever touched by its own
 * thread) and from then on runs the firmware only: what is in the MAC and the ring still drains, timers still fire,
 * doorbells are still read. One volatile read per duty cycle, as {@link GatedDevice}.
 */
final class NicDeviceAgent implements Agent {

    private static final long NOT_REQUESTED = Long.MIN_VALUE;

    private final Device device;
    private final NanoClock clock;
    private volatile long stopRequestNanos = NOT_REQUESTED;
    /** Packets due up to this time and not injected are counted at the stop (the rest of the schedule: disk full). */
    private volatile long countUntilNanos = NOT_REQUESTED;
    /** Due by the stop and never injected; published by the device thread once it stopped the traffic, else -1. */
    private volatile long dueNotInjected = -1;
    private boolean stopped;

    NicDeviceAgent(Device device, NanoClock clock) {
        this.device = device;
        this.clock = clock;
    }

    /**
     * Asks the device thread to end the traffic: packets due after {@code nowNanos} are never generated. Any thread.
     */
    void stopTraffic(long nowNanos) {
        stopTraffic(nowNanos, nowNanos);
    }

    /**
     * Asks the device thread to end the traffic, counting the packets due by {@code countUntilNanos} and not injected
     * ({@link ConsumerRun#notInjectedUntil}: the whole rest of the schedule when a full disk stopped it). Any thread.
     */
    void stopTraffic(long nowNanos, long countUntilNanos) {
        this.countUntilNanos = countUntilNanos;
        stopRequestNanos = nowNanos;
    }

    /** @return whether no packet will be injected any more: the schedule played out, or a stop took effect */
    boolean trafficOver() {
        return device.wire().isExhausted() || dueNotInjected >= 0;
    }

    /** @return packets due by the stop and never injected (0 until a stop took effect) */
    long dueNotInjected() {
        return Math.max(0, dueNotInjected);
    }

    @Override
    public void onStart() {
        device.onStart();
    }

    @Override
    public int doWork() {
        if (!stopped) {
            long stopAt = stopRequestNanos;
            if (stopAt == NOT_REQUESTED) {
                return device.doWork();
            }
            stopped = true;
            dueNotInjected = device.wire().countDueNotInjected(Math.max(stopAt, countUntilNanos));
        }
        return device.turn(clock.nanoTime(), false); // no more arrivals; what is in the device drains
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
