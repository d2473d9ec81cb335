package io.nicsim.host.cost;

/**
 * What one consumer run cost the host, per delivered packet and in total, over the measured window.
 *
 * @param consumerCpuNanosPerPacket      CPU time of the consumer's threads (for virtual threads, their carriers)
 *                                       per packet
 * @param voluntarySwitchesPerPacket     times the consumer's threads blocked (parked, waited) per packet
 * @param involuntarySwitchesPerPacket   times the scheduler preempted them, per packet
 * @param runQueueWaitNanosPerPacket     time they were runnable but waiting for a CPU (scheduling delay), per packet
 * @param processCpuNanosPerPacket       CPU time of the whole JVM (simulator included) per packet
 * @param gcMillis                       time the JVM's collectors reported during the window
 * @param gcCount                        collections during the window
 * @param packets                        packets the figures are divided by
 * @param consumerThreads                kernel thread names counted as the consumer's
 */
public record RunCosts(double consumerCpuNanosPerPacket, double voluntarySwitchesPerPacket,
                       double involuntarySwitchesPerPacket, double runQueueWaitNanosPerPacket,
                       double processCpuNanosPerPacket, long gcMillis, long gcCount, long packets,
                       java.util.List<String> consumerThreads) {
}
