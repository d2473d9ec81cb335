package io.nicsim.bench.perf;

import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSource;
import io.nicsim.nic.traffic.TrafficSources;

/**
 * The traffic every variant of a benchmark is paced by: the same schedule nicsim's wire plays (same source,
 * rate and seed), one flow of 64-byte frames. Packets intended in the warm-up are sent and received but not
 * recorded.
 *
 * @param kind          {@code poisson} or {@code constant}
 * @param ratePerSecond mean packets per second
 * @param seed          schedule seed
 * @param warmupNanos   traffic before the measured part
 * @param durationNanos measured traffic time
 */
public record Pacing(String kind, double ratePerSecond, long seed, long warmupNanos, long durationNanos) {

    /** Frame size of every packet, as nicsim's default. */
    public static final int FRAME_BYTES = 64;

    public TrafficConfig traffic() {
        return new TrafficConfig(kind, ratePerSecond, seed, 1, FRAME_BYTES);
    }

    public long scheduleNanos() {
        return warmupNanos + durationNanos;
    }

    /** @return a fresh source of the schedule */
    public TrafficSource newSource() {
        return TrafficSources.create(traffic(), scheduleNanos());
    }

    /** @return how many packets the schedule holds */
    public long scheduledPackets() {
        TrafficSource source = newSource();
        long count = 0;
        while (source.next()) {
            count++;
        }
        return count;
    }
}
