package io.nicsim.bench.results;

/**
 * summary.json's {@code twoProcess} section, written by {@code nicsim host}: how the run went between the two
 * processes. Extend it; never rename these keys.
 *
 * @param dir                       the folder whose Chronicle queues the NIC and the host shared
 * @param hostAttach                which host process wrote this summary: 1 for the first to attach, 2 after one
 *                                  restart, ...
 * @param restarted                 whether an earlier host process attached before this one (and died or was
 *                                  stopped): then this one resumed where it stopped reading
 * @param packetsReadByEarlierHosts packets earlier host processes read from the ring before they stopped; counted
 *                                  as dropped with reason {@code read-by-earlier-host}, as their handling and
 *                                  latencies died with them
 * @param latencyCovers             what the latency histograms cover: the packets this host process handled
 * @param nicEnd                    how the NIC process ended: {@code host-done} (it stopped when this host rang
 *                                  DONE), {@code drain-timeout} (it stopped after {@code run.drainTimeout} without
 *                                  a DONE), {@code device-failed}, {@code stalled} (no END: it went silent), or
 *                                  {@code running} (this host was stopped, Ctrl-C, before the NIC ended)
 * @param nicHostAttaches           host attaches the NIC process counted, as of its last status record
 * @param nicHeartbeats             status records this host read from the NIC
 */
public record TwoProcessReport(String dir, long hostAttach, boolean restarted, long packetsReadByEarlierHosts,
                               String latencyCovers, String nicEnd, long nicHostAttaches, long nicHeartbeats) {

    public static final String NIC_HOST_DONE = "host-done";
    public static final String NIC_DRAIN_TIMEOUT = "drain-timeout";
    public static final String NIC_DEVICE_FAILED = "device-failed";
    public static final String NIC_STALLED = "stalled";
    public static final String NIC_RUNNING = "running";
}
