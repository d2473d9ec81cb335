package io.nicsim.nic.traffic;

/**
 * What arrives on the wire.
 *
 * @param kind          {@code constant} (evenly spaced) or {@code poisson} (exponential gaps)
 * @param ratePerSecond mean packets per second
 * @param seed          random seed: the same seed gives the same schedule
 * @param flows         number of flows packets are spread over (uniformly at random)
 * @param frameBytes    frame size of every packet
 * @param highPriorityShare share of packets marked high priority ({@link TrafficClasses})
 */
public record TrafficConfig(String kind, double ratePerSecond, long seed, int flows, int frameBytes,
                            double highPriorityShare) {

    /**
     * Defaults: Poisson arrivals at 200k packets per second, one flow, 64-byte frames, one packet in ten high
     * priority.
     */
    public static final TrafficConfig DEFAULTS = new TrafficConfig(PoissonSource.KIND, 200_000, 1, 1, 64, 0.1);

    /** Traffic of one class: no packet is marked high priority (tests, benchmarks). */
    public TrafficConfig(String kind, double ratePerSecond, long seed, int flows, int frameBytes) {
        this(kind, ratePerSecond, seed, flows, frameBytes, 0);
    }
}
