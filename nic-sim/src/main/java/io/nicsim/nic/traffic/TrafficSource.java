package io.nicsim.nic.traffic;

/**
 * A seeded, reproducible schedule of packet arrivals, read as a flyweight: {@link #next()} moves to the next
 * packet and the accessors describe it. Offsets are intended arrival times relative to the start of the run;
 * they never decrease. No allocation per packet. A source fed from outside while the run plays is a
 * {@link LiveSource}.
 */
public interface TrafficSource {

    /** @return the source's name as used in scenario files ({@code traffic.kind}) */
    String kind();

    /**
     * Moves to the next packet.
     *
     * @return {@code false} when the schedule has no more packets (for a {@link LiveSource}: none has arrived yet)
     */
    boolean next();

    /** @return the current packet's intended arrival, nanoseconds after the start of the run */
    long offsetNanos();

    /** @return the current packet's flow number */
    int flow();

    /** @return the current packet's frame size in bytes */
    int frameBytes();

    /**
     * @return the 5-tuple of each flow number: {@link SyntheticFlows} for generated traffic, the packets' own for
     *         a trace or a live source
     */
    default FlowTuples flowTuples() {
        return SyntheticFlows.INSTANCE;
    }
}
