package io.nicsim.nic.traffic;

/**
 * What arrives on the wire.
 *
 * @param kind          {@code constant} (evenly spaced) or {@code poisson} (exponential gaps)
 * @param ratePerSecond mean packets per second
 * @param seed          random seed: the same seed gives the same schedule
 * @param flows         number of flows packets are spread over (uniformly at random)
 * @param frameBytes    frame size of every packet
 */
public record TrafficConfig(String kind, double ratePerSecond, long seed, int flows, int frameBytes) {

    /** Defaults: Poisson arrivals at 200k packets per second, one flow, 64-byte frames. */
    public static final TrafficConfig DEFAULTS = new TrafficConfig(PoissonSource.KIND, 200_000, 1, 1, 64);
}
