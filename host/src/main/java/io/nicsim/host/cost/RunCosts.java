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
 * @param memoryBytesPerWaiter           resident memory one more waiting consumer of this kind takes (its thread's
 *                                       stack, a virtual thread's stack chunk, an event-loop callback), from a
 *                                       probe in a JVM of its own; NaN if not measured
 * @param memoryProbe                    what that probe parked and how many, or null
 * @param handler                        what the user's handler ({@code host.handler}) cost, or null for the built-in
 *                                       work model (its figures are its parameters)
 * @param syscalls                       the system calls its way of waiting cost per packet, each figure exact or
 *                                       estimated; null where not measured (a virtual-time run)
 * @param carriers                       for a consumer on virtual threads: the carriers and how many it pinned; null
 *                                       otherwise
 */
public record RunCosts(double consumerCpuNanosPerPacket, double voluntarySwitchesPerPacket,
                       double involuntarySwitchesPerPacket, double runQueueWaitNanosPerPacket,
                       double processCpuNanosPerPacket, long gcMillis, long gcCount, long packets,
                       java.util.List<String> consumerThreads, double memoryBytesPerWaiter, String memoryProbe,
                       HandlerCosts handler, SyscallCosts syscalls, CarrierCosts carriers) {

    /** Costs without system call and carrier figures. */
    public RunCosts(double consumerCpuNanosPerPacket, double voluntarySwitchesPerPacket,
                    double involuntarySwitchesPerPacket, double runQueueWaitNanosPerPacket,
                    double processCpuNanosPerPacket, long gcMillis, long gcCount, long packets,
                    java.util.List<String> consumerThreads, double memoryBytesPerWaiter, String memoryProbe,
                    HandlerCosts handler) {
        this(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                memoryBytesPerWaiter, memoryProbe, handler, null, null);
    }

    /** Costs of a run with the built-in work model. */
    public RunCosts(double consumerCpuNanosPerPacket, double voluntarySwitchesPerPacket,
                    double involuntarySwitchesPerPacket, double runQueueWaitNanosPerPacket,
                    double processCpuNanosPerPacket, long gcMillis, long gcCount, long packets,
                    java.util.List<String> consumerThreads, double memoryBytesPerWaiter, String memoryProbe) {
        this(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                memoryBytesPerWaiter, memoryProbe, null);
    }

    /** Costs without a memory figure. */
    public RunCosts(double consumerCpuNanosPerPacket, double voluntarySwitchesPerPacket,
                    double involuntarySwitchesPerPacket, double runQueueWaitNanosPerPacket,
                    double processCpuNanosPerPacket, long gcMillis, long gcCount, long packets,
                    java.util.List<String> consumerThreads) {
        this(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                Double.NaN, null);
    }

    /**
     * @param rounds the costs of one run's rounds (nulls skipped)
     * @return their costs as one window: per-packet figures weighted by each round's packets, collections summed;
     *         null if no round had costs
     */
    public static RunCosts pooled(java.util.List<RunCosts> rounds) {
        RunCosts first = null;
        long packets = 0;
        double[] totals = new double[5];
        boolean processKnown = true;
        long gcMillis = 0;
        long gcCount = 0;
        for (RunCosts round : rounds) {
            if (round == null) {
                continue;
            }
            first = first == null ? round : first;
            double weight = Math.max(1, round.packets); // as the window divided them
            packets += round.packets;
            totals[0] += round.consumerCpuNanosPerPacket * weight;
            totals[1] += round.voluntarySwitchesPerPacket * weight;
            totals[2] += round.involuntarySwitchesPerPacket * weight;
            totals[3] += round.runQueueWaitNanosPerPacket * weight;
            totals[4] += round.processCpuNanosPerPacket * weight;
            processKnown &= round.processCpuNanosPerPacket >= 0;
            gcMillis += round.gcMillis;
            gcCount += round.gcCount;
        }
        if (first == null) {
            return null;
        }
        double per = Math.max(1, packets);
        java.util.List<Long> roundPackets = rounds.stream().map(r -> r == null ? 0L : r.packets).toList();
        return new RunCosts(totals[0] / per, totals[1] / per, totals[2] / per, totals[3] / per,
                processKnown ? totals[4] / per : -1, gcMillis, gcCount, packets, first.consumerThreads,
                first.memoryBytesPerWaiter, first.memoryProbe,
                HandlerCosts.pooled(rounds.stream().map(r -> r == null ? null : r.handler).toList()),
                SyscallCosts.pooled(rounds.stream().map(r -> r == null ? null : r.syscalls).toList(), roundPackets),
                CarrierCosts.pooled(rounds.stream().map(r -> r == null ? null : r.carriers).toList(), roundPackets));
    }

    /** @return these costs with the memory per waiting consumer a probe measured */
    public RunCosts withMemory(double bytesPerWaiter, String probe) {
        return new RunCosts(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                bytesPerWaiter, probe, handler, syscalls, carriers);
    }

    /** @return these costs with what the user's handler cost */
    public RunCosts withHandler(HandlerCosts handlerCosts) {
        return new RunCosts(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                memoryBytesPerWaiter, memoryProbe, handlerCosts, syscalls, carriers);
    }

    /** @return these costs with what the way of waiting cost in system calls, and the carriers' figures */
    public RunCosts withKernel(SyscallCosts syscallCosts, CarrierCosts carrierCosts) {
        return new RunCosts(consumerCpuNanosPerPacket, voluntarySwitchesPerPacket, involuntarySwitchesPerPacket,
                runQueueWaitNanosPerPacket, processCpuNanosPerPacket, gcMillis, gcCount, packets, consumerThreads,
                memoryBytesPerWaiter, memoryProbe, handler, syscallCosts, carrierCosts);
    }
}
