package io.nicsim.bench.run.virtual;

import io.nicsim.handler.Packet;
import io.nicsim.host.handler.FrameWriter;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.FlowTuples;
import io.nicsim.nic.traffic.SyntheticFlows;

import java.nio.ByteBuffer;

/**
 * The packet {@link HandlerProbe} hands a handler: one reused object moved to the next synthetic packet by
 * {@link #next}, its flows taking turns, each on the RX queue receive-side scaling gives it, every stamp the moment
 * of the call. Its bytes are the consumers' ({@link FrameWriter}, the flow's synthetic 5-tuple), built on the first
 * call for each packet into one buffer, so nothing is allocated per packet (the probe counts what the handler
 * allocates).
 */
final class ProbePacket implements Packet {

    /** The most of a frame {@link #bytes()} holds. */
    static final int MAX_BYTES = FrameWriter.MAX_BYTES;

    private final int frameBytes;
    private final int flows;
    private final RssSteering rss;
    private final FlowTuples tuples = SyntheticFlows.INSTANCE;
    private final FrameWriter frames = new FrameWriter(tuples);
    private long id;
    private int flow;
    private long stampNanos;
    private boolean built;

    /**
     * @param frameBytes the frame's length without its FCS
     * @param flows      flows the packets take turns over
     * @param queues     RX queues, among which RSS steers each flow
     */
    ProbePacket(int frameBytes, int flows, int queues) {
        this.frameBytes = frameBytes;
        this.flows = Math.max(1, flows);
        this.rss = RssSteering.forQueues(Math.max(1, queues), tuples);
    }

    /** Moves to packet {@code packetId}, stamped {@code nowNanos}. */
    void next(long packetId, long nowNanos) {
        id = packetId;
        flow = (int) (packetId % flows);
        stampNanos = nowNanos;
        built = false;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int flow() {
        return flow;
    }

    @Override
    public int queue() {
        return rss.queueOf(flow);
    }

    @Override
    public int trafficClass() {
        return LOW;
    }

    @Override
    public int frameBytes() {
        return frameBytes;
    }

    @Override
    public ByteBuffer bytes() {
        if (!built) {
            built = true;
            return frames.write(id, flow, LOW, frameBytes);
        }
        return frames.last();
    }

    @Override
    public long intendedNanos() {
        return stampNanos;
    }

    @Override
    public long injectedNanos() {
        return stampNanos;
    }

    @Override
    public long detectedNanos() {
        return stampNanos;
    }

    @Override
    public long writtenNanos() {
        return stampNanos;
    }

    @Override
    public long raisedNanos() {
        return stampNanos;
    }

    @Override
    public long deliveredNanos() {
        return stampNanos;
    }

    @Override
    public long wokenNanos() {
        return stampNanos;
    }
}
