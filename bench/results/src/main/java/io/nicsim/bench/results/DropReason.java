package io.nicsim.bench.results;

/** Why a generated packet was not delivered: summary.json's {@code dropReasons} keys and packets.csv's fates. */
public enum DropReason {
    /** Due on the traffic schedule when the traffic was stopped early, never injected. */
    STOPPED_ON_WIRE("stopped-on-wire"),
    /**
     * Due on the traffic schedule after a filesystem the run writes to fell below its free-space floor, never
     * injected: the traffic stopped so that no journal append could hit the end of the filesystem.
     */
    DISK_FULL("disk-full"),
    /** Its RX ring had no free descriptor (the host had not returned enough slots). */
    RING_FULL("ring-full"),
    /** Injected, still in the MAC or the DMA when the device stopped. */
    STOPPED_IN_MAC("stopped-in-mac"),
    /** Written into the ring, never read by the driver. */
    STRANDED_IN_RING("stranded-in-ring"),
    /** Read by an earlier host process (two-process mode): its handling died with that process. */
    READ_BY_EARLIER_HOST("read-by-earlier-host"),
    /** Read by the driver, but the application's buffer (socket, loop queue, pool) was full. */
    SOCKET_FULL("socket-full"),
    /** The handler ({@code host.handler}) failed it: threw, or failed its completion. */
    HANDLER_ERROR("handler-error"),
    /** In the handler when the run stopped waiting ({@code run.drainTimeout}): it neither returned nor completed. */
    HANDLER_TIMEOUT("handler-timeout"),
    /** Handed to the application, which had not handled it when the run stopped. */
    STRANDED_IN_APP("stranded-in-app");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    /** @return the reason's name in summary.json and packets.csv, e.g. {@code ring-full} */
    public String key() {
        return key;
    }
}
