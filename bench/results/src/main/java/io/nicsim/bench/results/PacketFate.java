package io.nicsim.bench.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A packet's fate, decided in one place for every way of running: each packet is delivered or dropped for the
 * first stage it did not pass (schedule -> wire -> ring slot -> ring -> driver -> application buffer -> handler: failed
 * it, held it at the end, or never got it).
 * {@link #account} counts fates from the stages' counters (summary.json); {@link #of} decides one packet's fate
 * from where it was seen (packets.csv). Both hold generated = delivered + dropped.
 */
public final class PacketFate {

    /** packets.csv's fate of a packet that a consumer handled. */
    public static final String DELIVERED = "delivered";

    private PacketFate() {
    }

    /**
     * How many packets passed each stage of one run.
     *
     * @param generated         packets due on the traffic schedule during the run
     * @param injected          packets the wire injected
     * @param ringFull          injected packets that found their RX ring full
     * @param written           descriptors written into the rings
     * @param readByEarlierHost descriptors read by an earlier host process (two-process mode; 0 otherwise)
     * @param read              descriptors this host's driver read
     * @param socketFull        packets read that the application's buffer had no room for
     * @param delivered         packets a consumer handled
     * @param measured          delivered packets recorded in the histograms (after the warm-up)
     * @param handlerErrors     packets the handler failed
     * @param handlerTimeouts   packets still in the handler when the run stopped waiting
     */
    public record Stages(long generated, long injected, long ringFull, long written, long readByEarlierHost,
                         long read, long socketFull, long delivered, long measured, long handlerErrors,
                         long handlerTimeouts) {

        /** Stages of a run whose handler failed nothing and held nothing at the end. */
        public Stages(long generated, long injected, long ringFull, long written, long readByEarlierHost, long read,
                      long socketFull, long delivered, long measured) {
            this(generated, injected, ringFull, written, readByEarlierHost, read, socketFull, delivered, measured, 0,
                    0);
        }
    }

    /** @return the run's accounting: delivered, and dropped by the reason of the first stage each did not pass */
    public static RunResult.PacketCounts account(Stages s) {
        return account(s, DropReason.STOPPED_ON_WIRE);
    }

    /**
     * @param notInjected why packets due but not injected were dropped: {@link DropReason#STOPPED_ON_WIRE} (a stop
     *                    asked for, or none), {@link DropReason#DISK_FULL} (the traffic stopped for want of disk)
     * @return the run's accounting: delivered, and dropped by the reason of the first stage each did not pass
     */
    public static RunResult.PacketCounts account(Stages s, DropReason notInjected) {
        Map<String, Long> drops = new LinkedHashMap<>();
        put(drops, notInjected, s.generated() - s.injected());
        put(drops, DropReason.RING_FULL, s.ringFull());
        put(drops, DropReason.STOPPED_IN_MAC, s.injected() - s.ringFull() - s.written());
        put(drops, DropReason.STRANDED_IN_RING, s.written() - s.readByEarlierHost() - s.read());
        put(drops, DropReason.READ_BY_EARLIER_HOST, s.readByEarlierHost());
        put(drops, DropReason.SOCKET_FULL, s.socketFull());
        put(drops, DropReason.HANDLER_ERROR, s.handlerErrors());
        put(drops, DropReason.HANDLER_TIMEOUT, s.handlerTimeouts());
        put(drops, DropReason.STRANDED_IN_APP, s.read() - s.socketFull() - s.delivered() - s.handlerErrors()
                - s.handlerTimeouts());
        long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
        return new RunResult.PacketCounts(s.generated(), s.delivered(), dropped, drops, s.measured());
    }

    /**
     * One packet's fate in a run whose host journal holds every packet it handled (one RX queue, one host).
     *
     * @param handled          whether a consumer handled it
     * @param written          whether its descriptor was written into the ring
     * @param injected         whether the wire injected it
     * @param laterWritten     whether a later packet's descriptor was written (so this one did not wait in the MAC)
     * @return {@link #DELIVERED} or the {@link DropReason#key()} of why not
     */
    public static String of(boolean handled, boolean written, boolean injected, boolean laterWritten) {
        if (handled) {
            return DELIVERED;
        }
        if (written) {
            return DropReason.STRANDED_IN_RING.key();
        }
        if (injected) {
            // not written but a later packet was: its ring was full (packets still in the MAC or DMA at the stop
            // come after every written one)
            return laterWritten ? DropReason.RING_FULL.key() : DropReason.STOPPED_IN_MAC.key();
        }
        return DropReason.STOPPED_ON_WIRE.key();
    }

    private static void put(Map<String, Long> drops, DropReason reason, long count) {
        if (count > 0) {
            drops.put(reason.key(), count);
        }
    }
}
