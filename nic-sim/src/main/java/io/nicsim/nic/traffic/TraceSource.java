package io.nicsim.nic.traffic;

import java.util.List;

/**
 * Replays a recorded trace ({@link TraceFiles}: CSV or classic pcap): packet {@code i} is due at its time after the
 * first packet divided by {@code traceSpeedup}, with its own flow and frame size, and the flows' real 5-tuples.
 * Played in a {@value #LOOP} (the default) it starts again one mean gap after its last packet, for as long as the
 * run lasts, so the warm-up plays it too, like {@code tcpreplay --loop}; played {@value #ONCE} it ends after its last
 * packet. Real traffic's gaps and sizes, exactly repeatable, at the price of one capture's particular history.
 */
public final class TraceSource implements TrafficSource {

    /** Name in scenario files. */
    public static final String KIND = "trace";
    /** {@code traffic.traceRepeat}: play the trace again and again until the run ends. */
    public static final String LOOP = "loop";
    /** {@code traffic.traceRepeat}: play the trace once. */
    public static final String ONCE = "once";
    /** Every value of {@code traffic.traceRepeat}. */
    public static final List<String> REPEATS = List.of(LOOP, ONCE);

    private final Trace trace;
    private final double speedup;
    private final long durationNanos;
    private final boolean loop;
    /** A loop's length at recorded speed: the trace's span plus its mean gap. */
    private final long loopNanos;
    private int index = -1;
    private long loopStartNanos;
    private long offsetNanos;
    private boolean done;

    /** @throws IllegalArgumentException for a one-packet trace in a loop (it has no gap to repeat) */
    TraceSource(Trace trace, double speedup, boolean loop, long durationNanos) {
        int packets = trace.packets();
        if (loop && packets == 1) {
            throw new IllegalArgumentException("traffic.traceRepeat: " + trace.file()
                    + " holds one packet, which cannot loop (no gap to repeat); set traffic.traceRepeat: once");
        }
        long span = trace.offsetNanos(packets - 1);
        this.trace = trace;
        this.speedup = speedup;
        this.durationNanos = durationNanos;
        this.loop = loop;
        this.loopNanos = packets == 1 ? 0 : Math.max(1, span + Math.ceilDiv(span, packets - 1));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        int nextIndex = index + 1;
        long nextLoopStart = loopStartNanos;
        if (nextIndex == trace.packets()) {
            if (!loop) {
                done = true;
                return false;
            }
            nextIndex = 0;
            nextLoopStart += loopNanos;
        }
        long recorded = nextLoopStart + trace.offsetNanos(nextIndex);
        long candidate = speedup == 1.0 ? recorded : (long) (recorded / speedup);
        if (candidate >= durationNanos || recorded < 0) {
            done = true;
            return false;
        }
        index = nextIndex;
        loopStartNanos = nextLoopStart;
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
