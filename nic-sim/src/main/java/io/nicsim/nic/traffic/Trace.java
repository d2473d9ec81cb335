package io.nicsim.nic.traffic;

import java.util.Arrays;

/**
 * A loaded packet trace in primitive columns: each packet's time after the first one's, flow number and frame
 * size, and the 5-tuples of the flows. Built once when a scenario is loaded; replaying it allocates nothing.
 */
public final class Trace {

    private final String file;
    private final long[] offsetNanos;
    private final int[] flow;
    private final int[] frameBytes;
    private final FlowTuples tuples;

    private Trace(String file, long[] offsetNanos, int[] flow, int[] frameBytes, FlowTuples tuples) {
        this.file = file;
        this.offsetNanos = offsetNanos;
        this.flow = flow;
        this.frameBytes = frameBytes;
        this.tuples = tuples;
    }

    /** @return the file it was read from, as given */
    public String file() {
        return file;
    }

    public int packets() {
        return offsetNanos.length;
    }

    /** @return packet {@code i}'s time after the first packet, in nanoseconds */
    public long offsetNanos(int i) {
        return offsetNanos[i];
    }

    public int flow(int i) {
        return flow[i];
    }

    public int frameBytes(int i) {
        return frameBytes[i];
    }

    public FlowTuples tuples() {
        return tuples;
    }

    /** Collects packets in order while a trace file is read. */
    static final class Builder {

        private final String file;
        private long[] timestampNanos = new long[1024];
        private int[] flow = new int[1024];
        private int[] frameBytes = new int[1024];
        private int size;

        Builder(String file) {
            this.file = file;
        }

        /** @return the previous packet's timestamp, or {@link Long#MIN_VALUE} before the first */
        long lastTimestampNanos() {
            return size == 0 ? Long.MIN_VALUE : timestampNanos[size - 1];
        }

        void add(long timestamp, int flowNumber, int bytes) {
            if (size == timestampNanos.length) {
                int length = size * 2;
                timestampNanos = Arrays.copyOf(timestampNanos, length);
                flow = Arrays.copyOf(flow, length);
                frameBytes = Arrays.copyOf(frameBytes, length);
            }
            timestampNanos[size] = timestamp;
            flow[size] = flowNumber;
            frameBytes[size] = bytes;
            size++;
        }

        int size() {
            return size;
        }

        /** @throws IllegalArgumentException if no packet was added */
        Trace build(FlowTuples tuples) {
            if (size == 0) {
                throw new IllegalArgumentException(file + ": no packets");
            }
            long first = timestampNanos[0];
            long[] offsets = new long[size];
            for (int i = 0; i < size; i++) {
                offsets[i] = Math.subtractExact(timestampNanos[i], first);
            }
            return new Trace(file, offsets, Arrays.copyOf(flow, size), Arrays.copyOf(frameBytes, size), tuples);
        }
    }
}
