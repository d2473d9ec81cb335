package io.nicsim.host.measure;

/**
 * Where {@link LatencyRecorder} sends each handled packet's host-side stamps when a per-packet export was asked
 * for ({@code --export-packets}); {@link #NONE} otherwise. Called on the consumer's thread, once per packet, in
 * packet order: an implementation must not allocate or block.
 */
@FunctionalInterface
public interface PacketStampSink {

    /** Keeps nothing: the default, so the recorder's hot path has no branch on whether export is on. */
    PacketStampSink NONE = (packetId, wokenNanos, handledNanos, raisedNanos, deliveredNanos) -> {
    };

    /**
     * @param raisedNanos    when the notifying interrupt was raised; equal to {@code wokenNanos} if no interrupt
     *                       notified the packet
     * @param deliveredNanos when that interrupt reached the host; equal to {@code wokenNanos} if none did
     */
    void stamp(long packetId, long wokenNanos, long handledNanos, long raisedNanos, long deliveredNanos);
}
