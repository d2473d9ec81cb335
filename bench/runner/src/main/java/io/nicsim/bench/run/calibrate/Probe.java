package io.nicsim.bench.run.calibrate;

import org.HdrHistogram.Histogram;

/**
 * What one calibration probe measured: a paced run of one consumer kind at one rate, per-packet firmware.
 *
 * @param consumer                     the consumer kind or shape
 * @param ratePerSecond                the probe's traffic rate
 * @param packets                      packets measured (after the warm-up)
 * @param hold                         the hold stage: written to raised, or to found by polling (busy-poll: the
 *                                     descriptor's way to a spinning poller)
 * @param deliver                      the deliver stage: raised by the device to the interrupt path on the host
 * @param wake                         the wake stage: delivered to the consumer running, per packet
 * @param wakeUps                      the same once per wake-up: the first notified packet it handled (per packet,
 *                                     a long wake-up counts once for every packet that queued behind it)
 * @param handle                       the handle stage: running to the packet handled
 * @param cpuNanosPerPacket            the consumer's threads' CPU per packet (NaN if not measured)
 * @param voluntarySwitchesPerPacket   times they blocked per packet: sleeps, so wake-ups
 * @param involuntarySwitchesPerPacket times the scheduler preempted them, per packet
 */
public record Probe(String consumer, double ratePerSecond, long packets, Histogram hold, Histogram deliver,
                    Histogram wake, Histogram wakeUps, Histogram handle, double cpuNanosPerPacket,
                    double voluntarySwitchesPerPacket, double involuntarySwitchesPerPacket) {

    /** @return about how long the probe measured: its packets over its rate */
    public double measuredSeconds() {
        return packets / ratePerSecond;
    }
}
