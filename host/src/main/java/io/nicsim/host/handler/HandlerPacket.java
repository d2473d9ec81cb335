package io.nicsim.host.handler;

import io.nicsim.handler.Packet;
import io.nicsim.nic.traffic.FlowTuples;

import java.nio.ByteBuffer;

/**
 * The {@link Packet} a handler sees: a view over the host's reusable packet holder ({@link
 * io.nicsim.host.measure.Packet}) and the stamp of the wake-up that let the consumer act on it. {@link #bytes()} is
 * built on its first call for each packet, into this view's own buffer ({@link FrameWriter}). One view per caller (a
 * thread, a loop's slot), rebound for each packet: nothing allocated per packet.
 */
public final class HandlerPacket implements Packet {

    private final FrameWriter frames;
    private io.nicsim.host.measure.Packet holder;
    private long wokenNanos;
    private boolean built;

    HandlerPacket(FlowTuples tuples) {
        this.frames = new FrameWriter(tuples);
    }

    /** @return this view over {@code packet}, woken at {@code packetWokenNanos} */
    HandlerPacket bind(io.nicsim.host.measure.Packet packet, long packetWokenNanos) {
        this.holder = packet;
        this.wokenNanos = packetWokenNanos;
        this.built = false;
        return this;
    }

    /** @return bytes the view allocated for itself so far (its frame buffer), not the handler's */
    long ownAllocatedBytes() {
        return frames.ownAllocatedBytes();
    }

    @Override
    public long id() {
        return holder.packetId;
    }

    @Override
    public int flow() {
        return holder.flow;
    }

    @Override
    public int queue() {
        return holder.queue;
    }

    @Override
    public int trafficClass() {
        return holder.trafficClass;
    }

    @Override
    public int frameBytes() {
        return holder.frameBytes;
    }

    @Override
    public ByteBuffer bytes() {
        if (built) {
            return frames.last();
        }
        built = true;
        return frames.write(holder.packetId, holder.flow, holder.trafficClass, holder.frameBytes);
    }

    @Override
    public long intendedNanos() {
        return holder.intendedNanos;
    }

    @Override
    public long injectedNanos() {
        return holder.injectedNanos;
    }

    @Override
    public long detectedNanos() {
        return holder.detectedNanos;
    }

    @Override
    public long writtenNanos() {
        return holder.writtenNanos;
    }

    @Override
    public long raisedNanos() {
        return holder.raisedNanos;
    }

    @Override
    public long deliveredNanos() {
        return holder.deliveredNanos;
    }

    @Override
    public long wokenNanos() {
        return wokenNanos;
    }

    @Override
    public String toString() {
        return "packet " + holder.packetId + " (flow " + holder.flow + ", queue " + holder.queue + ")";
    }
}
