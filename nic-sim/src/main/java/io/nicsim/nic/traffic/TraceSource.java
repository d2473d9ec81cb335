package io.nicsim.nic.traffic;

/**
 * Replays a recorded trace ({@link TraceFiles}: CSV or classic pcap): packet {@code i} is due at its time after the
 * first packet divided by {@code traceSpeedup}, with its own flow and frame size, and the flows' real 5-tuples.
 * Real traffic's gaps and sizes, exactly repeatable, at the price of one capture's particular history; the trace
 * plays once and ends (or is cut at the end of the run).
 */
public final class TraceSource implements TrafficSource {

    /** Name in scenario files. */
    public static final String KIND = "trace";

    private final Trace trace;
    private final double speedup;
    private final long durationNanos;
    private int index = -1;
    private long offsetNanos;
    private boolean done;

    TraceSource(Trace trace, double speedup, long durationNanos) {
        this.trace = trace;
        this.speedup = speedup;
        this.durationNanos = durationNanos;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean next() {
        if (done || index + 1 >= trace.packets()) {
            done = true;
            return false;
        }
        long candidate = speedup == 1.0 ? trace.offsetNanos(index + 1) : (long) (trace.offsetNanos(index + 1) / speedup);
        if (candidate >= durationNanos) {
            done = true;
            return false;
        }
        index++;
        offsetNanos = candidate;
        return true;
    }

    @Override
    public long offsetNanos() {
        return offsetNanos;
    }

    @Override
    public int flow() {
        return trace.flow(index);
    }

    @Override
    public int frameBytes() {
        return trace.frameBytes(index);
    }

    @Override
    public FlowTuples flowTuples() {
        return trace.tuples();
    }
}
