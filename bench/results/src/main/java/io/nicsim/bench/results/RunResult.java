package io.nicsim.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.nicsim.host.cost.RunCosts;

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
 * @param measuredNanos       traffic time recorded (warm-up excluded; shorter if the run was interrupted)
 * @param warmupNanos         traffic time before it
 * @param journal             the folder holding this run's Chronicle queues (descriptors, interrupts)
 * @param label               the run's name in tables and charts: the consumer, or what a comparison varies
 *                            ({@code coalesce}, {@code coalesce/virtual-thread})
 * @param interrupted         whether the traffic was stopped early (Ctrl-C); its accounting still balances
 * @param trafficNanos        how long the traffic played, warm-up included
 * @param files               this run's files, relative to the run folder: {@code hgrm}, {@code hlog},
 * @param costs               what the measured window cost the host per packet: consumer CPU, context switches,
 *                            scheduling delay, process CPU, GC (null where not measured)
 *                            {@code packets} (with --export-packets)
 * @param byClass             notification latency per traffic class ({@code high}, {@code low}); a class no
 *                            measured packet had is left out
 * @param priority            whether and how the consumer serves high-priority packets first
 * @param nic                 the device's parameters: RX queues, ring slots, link and DMA times
 * @param perQueue            what each RX queue carried
 */
public record RunResult(String consumer, String policy, Map<String, Object> firmware, Map<String, Object> traffic,
                        PacketCounts packets, long interrupts, long interruptsDelivered, long doorbells,
                        String driver, Latency latencyNanos,
                        PlacementReport placement, long measuredNanos, long warmupNanos, String journal,
                        String label, boolean interrupted, long trafficNanos, Map<String, String> files,
                        RunCosts costs, Map<String, LatencySummary> byClass, String priority, Map<String, Object> nic,
                        java.util.List<QueueCounts> perQueue) {

    /**
     * @param queue      RX queue
     * @param packets    descriptors written into its ring
     * @param ringFull   packets dropped because its ring was full
     * @param interrupts interrupts raised on its vector
     */
    public record QueueCounts(int queue, long packets, long ringFull, long interrupts) {
    }

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

    /** @return the label, or the consumer for summaries written before labels existed */
    @JsonIgnore
    public String name() {
        return label != null ? label : consumer;
    }

    /** @return interrupts raised per second of traffic, or 0 if no traffic time is known */
    @JsonIgnore
    public double interruptsPerSecond() {
        long nanos = trafficNanos > 0 ? trafficNanos : measuredNanos + warmupNanos;
        return nanos > 0 ? interrupts * 1e9 / nanos : 0;
    }

    /** @return this result with its costs replaced (e.g. completed with memory per waiting consumer) */
    public RunResult withCosts(RunCosts newCosts) {
        return new RunResult(consumer, policy, firmware, traffic, packets, interrupts, interruptsDelivered, doorbells,
                driver, latencyNanos, placement, measuredNanos, warmupNanos, journal, label, interrupted, trafficNanos,
                files, newCosts, byClass, priority, nic, perQueue);
    }

    /** @return this result with its files listed */
    public RunResult withFiles(Map<String, String> runFiles) {
        return new RunResult(consumer, policy, firmware, traffic, packets, interrupts, interruptsDelivered, doorbells,
                driver, latencyNanos, placement, measuredNanos, warmupNanos, journal, label, interrupted, trafficNanos,
                runFiles, costs, byClass, priority, nic, perQueue);
    }
}
