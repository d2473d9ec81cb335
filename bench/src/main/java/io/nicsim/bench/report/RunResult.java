package io.nicsim.bench.report;

import io.nicsim.bench.run.Placement;

import java.util.Map;

/**
 * One consumer's run, as summary.json writes it. The first keys are a contract other tools read:
 * extend, never rename.
 *
 * @param consumer            consumer name
 * @param policy              firmware policy name
 * @param firmware            the policy's parameters
 * @param traffic             traffic kind and rate
 * @param packets             accounting: generated == delivered + dropped
 * @param interrupts          interrupts the device raised
 * @param interruptsDelivered interrupts the host's interrupt path read
 * @param doorbells           doorbells (re-arm, disarm) the device read from the host
 * @param driver              the driver half of the policy (what the host does after each poll)
 * @param latencyNanos        notification latency, corrected and uncorrected
 * @param placement           which thread ran which agent and how it waited
 * @param measuredNanos       traffic time recorded (warm-up excluded)
 * @param warmupNanos         traffic time before it
 * @param journal             the folder holding this run's Chronicle queues (descriptors, interrupts)
 */
public record RunResult(String consumer, String policy, Map<String, Object> firmware, Map<String, Object> traffic,
                        PacketCounts packets, long interrupts, long interruptsDelivered, long doorbells,
                        String driver, Latency latencyNanos,
                        Placement.Report placement, long measuredNanos, long warmupNanos, String journal) {

    /**
     * @param generated  packets whose arrival time came during the run
     * @param delivered  packets a consumer handled
     * @param dropped    packets lost, all reasons
     * @param dropReasons dropped packets by reason
     * @param measured   delivered packets recorded in the histograms (after the warm-up)
     */
    public record PacketCounts(long generated, long delivered, long dropped, Map<String, Long> dropReasons, long measured) {
    }

    /**
     * @param notification            woken - intended arrival (coordinated-omission safe)
     * @param notificationUncorrected woken - actual injection
     * @param stages                  handled - injected split into detect, dma, hold, deliver, wake, handle
     */
    public record Latency(LatencySummary notification, LatencySummary notificationUncorrected,
                          Map<String, LatencySummary> stages) {
    }
}
