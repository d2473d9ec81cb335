package io.nicsim.bench.cluster;

/**
 * The clocks of the protocol between coordinator and workers.
 *
 * @param beatMillis  how often a worker beats for each item it runs (and the coordinator looks at the leases)
 * @param leaseMillis how long without a beat before the coordinator declares a try lost (a hung or cut-off worker)
 * @param retryMillis how often an idle worker asks again on its own (when it missed an announcement, or no
 *                    coordinator is there yet)
 * @param graceMillis how long a stopped child run may take to write what it ran before it is killed
 */
public record Timing(long beatMillis, long leaseMillis, long retryMillis, long graceMillis) {

    /** A beat a second, a lease of 10 s, a retry every 2 s, 10 s of grace. */
    public static final Timing DEFAULT = new Timing(1_000, 10_000, 2_000, 10_000);
}
