package io.nicsim.host.handler;

import io.nicsim.handler.Packet;
import io.nicsim.nic.record.DescriptorRecord;
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
    /** The packet's holder, or a scratch holder filled from {@link #descriptor} when a field is first read. */
    private io.nicsim.host.measure.Packet holder;
    private final io.nicsim.host.measure.Packet scratch = new io.nicsim.host.measure.Packet();
    /** A descriptor the view was bound to directly (the built-in model's inline path), or null. */
    private DescriptorRecord descriptor;
    private long raisedNanos;
    private long deliveredNanos;
    private long wokenNanos;
    private boolean built;

    HandlerPacket(FlowTuples tuples) {
        this.frames = new FrameWriter(tuples);
    }

    /** @return this view over {@code packet}, woken at {@code packetWokenNanos} */
    HandlerPacket bind(io.nicsim.host.measure.Packet packet, long packetWokenNanos) {
        this.holder = packet;
        this.descriptor = null;
        this.wokenNanos = packetWokenNanos;
        this.built = false;
        return this;
    }

    /**
     * @return this view over a descriptor still being read (valid until the call returns), copied into the view's own
     *         holder only if the handler reads a field: the built-in model reads none, so its path copies nothing
     */
    HandlerPacket bind(DescriptorRecord record, long raised, long delivered, long packetWokenNanos) {
        this.holder = null;
        this.descriptor = record;
        this.raisedNanos = raised;
        this.deliveredNanos = delivered;
        this.wokenNanos = packetWokenNanos;
        this.built = false;
        return this;
    }

    private io.nicsim.host.measure.Packet holder() {
        io.nicsim.host.measure.Packet packet = holder;
        if (packet == null) {
            packet = scratch.set(descriptor, raisedNanos, deliveredNanos, wokenNanos);
            holder = packet;
        }
        return packet;
    }

    /** @return bytes the view allocated for itself so far (its frame buffer), not the handler's */
    long ownAllocatedBytes() {
        return frames.ownAllocatedBytes();
    }

    @Override
    public long id() {
        return holder().packetId;
    }

    @Override
    public int flow() {
        return holder().flow;
    }

    @Override
    public int queue() {
        return holder().queue;
    }

    @Override
    public int trafficClass() {
        return holder().trafficClass;
    }

    @Override
    public int frameBytes() {
        return holder().frameBytes;
    }

    @Override
    public ByteBuffer bytes() {
        if (built) {
            return frames.last();
        }
        built = true;
        return frames.write(holder().packetId, holder().flow, holder().trafficClass, holder().frameBytes);
    }

    @Override
    public long intendedNanos() {
        return holder().intendedNanos;
    }

    @Override
    public long injectedNanos() {
        return holder().injectedNanos;
    }

    @Override
    public long detectedNanos() {
        return holder().detectedNanos;
    }

    @Override
    public long writtenNanos() {
        return holder().writtenNanos;
    }

    @Override
    public long raisedNanos() {
        return holder().raisedNanos;
    }

    @Override
    public long deliveredNanos() {
        return holder().deliveredNanos;
    }

    @Override
    public long wokenNanos() {
        return wokenNanos;
    }

    @Override
    public String toString() {
        return "packet " + holder().packetId + " (flow " + holder().flow + ", queue " + holder().queue + ")";
    }
}
