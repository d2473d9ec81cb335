package io.nicsim.firmware.driver;

/**
 * The simplest driver: on each interrupt drain the whole ring, then sleep until the next interrupt. Lowest
 * driver overhead, but it relies on the device to moderate interrupts (per-packet, coalesce, DIM, ITR); with
 * per-packet interrupts under load it is the interrupt-per-packet design that receive livelock punishes
 * (docs/semantics.md#queueing).
 */
public final class DrainDriver implements DriverPolicy {

    /** Name in output. */
    public static final String NAME = "drain";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int budget() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean startsPolling() {
        return false;
    }

    @Override
    public void onInterrupt(long nowNanos) {
    }

    @Override
    public Action afterPoll(int packets, long nowNanos) {
        return Action.WAIT_INTERRUPT;
    }

    @Override
    public long wakeAtNanos() {
        return Long.MAX_VALUE;
    }
}
