package io.nicsim.host.cost;

import java.util.List;

/**
 * What a user's packet handler ({@code host.handler}) cost per packet over the measured window: its own CPU time,
 * the time it spent blocked or waiting for its completion, and what it allocated.
 *
 * @param className               the handler's class
 * @param kind                    {@code sync} (a {@code PacketHandler}: handled when it returns) or {@code async}
 *                                (an {@code AsyncPacketHandler}: handled when its completion completes)
 * @param calls                   handler calls the figures cover
 * @param cpuNanosPerPacket       CPU time of the calling thread inside the handler, per packet (for an async
 *                                handler, the call itself; work on other threads is not in it)
 * @param blockedNanosPerPacket   wall time in the handler minus its CPU time, per packet: blocked, parked or waiting
 *                                for its completion
 * @param allocatedBytesPerPacket heap the calling thread allocated inside the handler, per packet
 * @param allocatedBytesPerSecond that allocation over the measured time
 * @param cpuSampledEvery         1 when every call's CPU time was read; N when one call in N was (the read is a
 *                                system call), the figure then the sampled calls' mean
 * @param measuredBy              {@code run} (timed around each call of the run) or {@code probe} (a virtual-time
 *                                run: a probe ran the handler on a thread before it, and its figures drove the model)
 */
public record HandlerCosts(String className, String kind, long calls, double cpuNanosPerPacket,
                           double blockedNanosPerPacket, double allocatedBytesPerPacket, double allocatedBytesPerSecond,
                           int cpuSampledEvery, String measuredBy) {

    /** {@link #kind()} of a handler that returns when done. */
    public static final String SYNC = "sync";
    /** {@link #kind()} of a handler that completes later. */
    public static final String ASYNC = "async";
    /** {@link #measuredBy()}: timed in the run itself. */
    public static final String BY_RUN = "run";
    /** {@link #measuredBy()}: timed by a probe before a virtual-time run. */
    public static final String BY_PROBE = "probe";

    /**
     * @param rounds one run's rounds (nulls skipped)
     * @return their figures as one window, weighted by each round's calls; null if none had any
     */
    public static HandlerCosts pooled(List<HandlerCosts> rounds) {
        HandlerCosts first = null;
        long calls = 0;
        double cpu = 0;
        double blocked = 0;
        double allocated = 0;
        double perSecond = 0;
        int counted = 0;
        for (HandlerCosts round : rounds) {
            if (round == null) {
                continue;
            }
            first = first == null ? round : first;
            calls += round.calls;
            cpu += round.cpuNanosPerPacket * round.calls;
            blocked += round.blockedNanosPerPacket * round.calls;
            allocated += round.allocatedBytesPerPacket * round.calls;
            perSecond += round.allocatedBytesPerSecond;
            counted++;
        }
        if (first == null) {
            return null;
        }
        double per = Math.max(1, calls);
        return new HandlerCosts(first.className, first.kind, calls, cpu / per, blocked / per, allocated / per,
                perSecond / counted, first.cpuSampledEvery, first.measuredBy);
    }
}
