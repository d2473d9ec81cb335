package io.nicsim.library;

import io.nicsim.host.cost.HandlerCosts;

/**
 * What your packet handler ({@code host.handler}) cost per packet over a run's measured window, as summary.json's
 * {@code costs.handler} says.
 *
 * @param className               the handler's class
 * @param kind                    {@code sync} (a {@code PacketHandler}: handled when it returns) or {@code async}
 *                                (an {@code AsyncPacketHandler}: handled when it completes)
 * @param calls                   handler calls the figures cover
 * @param cpuNanosPerPacket       CPU time of the calling thread inside the handler, per packet
 * @param blockedNanosPerPacket   time in the handler that was not CPU time (blocked, parked, waiting for its
 *                                completion), per packet
 * @param allocatedBytesPerPacket heap the calling thread allocated inside the handler, per packet
 * @param allocatedBytesPerSecond that allocation over the measured time
 * @param measuredBy              {@code run} (timed around each call of the run) or {@code probe} (a virtual-time run:
 *                                timed by a probe before it)
 */
public record HandlerCost(String className, String kind, long calls, double cpuNanosPerPacket,
                          double blockedNanosPerPacket, double allocatedBytesPerPacket, double allocatedBytesPerSecond,
                          String measuredBy) {

    /** @return the library's view of a run's handler costs, or null for none */
    static HandlerCost of(HandlerCosts costs) {
        return costs == null ? null : new HandlerCost(costs.className(), costs.kind(), costs.calls(),
                costs.cpuNanosPerPacket(), costs.blockedNanosPerPacket(), costs.allocatedBytesPerPacket(),
                costs.allocatedBytesPerSecond(), costs.measuredBy());
    }
}
