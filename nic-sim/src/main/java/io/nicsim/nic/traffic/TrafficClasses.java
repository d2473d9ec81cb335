package io.nicsim.nic.traffic;

/**
 * Two traffic classes, as a NIC reads them from a packet's priority mark (VLAN PCP or DSCP) and reports them in
 * the RX descriptor: each packet is {@link #HIGH} with probability {@code highShare}, decided by a seeded hash
 * of its packet number, so the same seed marks the same packets whatever the arrival process. Pure and
 * allocation-free.
 */
public final class TrafficClasses {

    public static final int LOW = 0;
    public static final int HIGH = 1;

    /** Class names in output, indexed by class. */
    private static final String[] NAMES = {"low", "high"};

    /** No packet is high priority. */
    public static final TrafficClasses NONE = new TrafficClasses(0, 0);

    private static final double TWO_TO_53 = 0x1p53;

    private final long seed;
    private final long highBelow;
    private final double highShare;

    /**
     * @param highShare share of packets marked high priority, in [0, 1]
     * @param seed      the traffic's seed
     */
    public TrafficClasses(double highShare, long seed) {
        if (!(highShare >= 0 && highShare <= 1)) {
            throw new IllegalArgumentException("traffic.highPriorityShare must be in [0, 1], got " + highShare);
        }
        this.highShare = highShare;
        this.seed = seed;
        this.highBelow = (long) Math.ceil(highShare * TWO_TO_53);
    }

    public static TrafficClasses of(TrafficConfig traffic) {
        return new TrafficClasses(traffic.highPriorityShare(), traffic.seed());
    }

    /** @return {@link #HIGH} or {@link #LOW} for the packet */
    public int classOf(long packetId) {
        if (highBelow == 0) {
            return LOW; // no hash is below 0
        }
        return (mix(seed * 0x9E3779B97F4A7C15L + packetId) >>> 11) < highBelow ? HIGH : LOW;
    }

    public double highShare() {
        return highShare;
    }

    /** @return "low" or "high" */
    public static String name(int trafficClass) {
        return NAMES[trafficClass];
    }

    /** SplitMix64's finalizer: a bijective mix whose output bits are all well spread. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
