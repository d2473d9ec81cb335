package io.nicsim.bench.results;

import java.util.List;

/**
 * What nicsim looked at on the machine just before a paced study (summary.json {@code machineChecks}): a quiet
 * machine is what makes paced tails the consumer's, not the neighbours'.
 *
 * @param otherCores      cores' worth of CPU other processes used in the look ({@code /proc/stat})
 * @param stealCores      cores' worth of time the hypervisor gave other guests meanwhile (steal)
 * @param governor        the CPU frequency governor of cpu0, or {@code "unknown"} (none exposed, as in many VMs)
 * @param cores           the cores this JVM may use
 * @param spinningThreads the most threads the study spins at once (the device loop and interrupt path as placed,
 *                        a busy-poll consumer)
 * @param warnings        what of that is likely to show in the figures, each a sentence (empty: nothing)
 */
public record MachineChecks(double otherCores, double stealCores, String governor, int cores, int spinningThreads,
                            List<String> warnings) {

    public MachineChecks {
        warnings = List.copyOf(warnings);
    }
}
