package io.nicsim.bench.run.pin;

import io.nicsim.bench.scenario.HostConfig;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which CPU each thread of a run gets: CPU 0 stays the OS's (device interrupts, other processes, the JVM's own
 * threads), then a CPU each for the simulator's agent threads (the shared one, or the device's then the interrupt
 * path's) and the next for the consumer's own thread. Pinning trades the scheduler's freedom to move a thread off a
 * busy CPU for threads that never migrate and spinners that never share a CPU; it does not keep other threads off
 * those CPUs ({@code isolcpus} does). Below {@value #PIN_FROM_CORES} cores nothing is pinned: one CPU for the OS and
 * up to three for the run's threads need 4.
 *
 * <p>CPU numbers count the CPUs this process may use, from 0; where it may use them all they are the kernel's own.
 *
 * @param agentCpus   the agent threads' CPUs, in placement order (empty if nothing is pinned)
 * @param consumerCpu the consumer thread's CPU, or {@link #NO_CPU} (nothing pinned, or no thread of its own)
 * @param why         why nothing is pinned, or null if the threads are
 */
public record CorePlan(List<Integer> agentCpus, int consumerCpu, String why) {

    /** No CPU: the OS scheduler places the thread. */
    public static final int NO_CPU = -1;
    /** Fewest cores on which a run pins its threads. */
    public static final int PIN_FROM_CORES = 4;
    /** The CPU left to the OS. */
    public static final int OS_CPU = 0;

    public CorePlan {
        agentCpus = List.copyOf(agentCpus);
    }

    /**
     * @param cores             CPUs this process may use
     * @param placement         {@code shared} (one agent thread) or {@code separate} (two)
     * @param consumerOwnThread whether the consumer has a platform thread of its own to pin
     * @throws IllegalArgumentException for any other placement
     */
    public static CorePlan of(int cores, String placement, boolean consumerOwnThread) {
        int agents = switch (placement) {
            case HostConfig.PLACEMENT_SHARED -> 1;
            case HostConfig.PLACEMENT_SEPARATE -> 2;
            default -> throw new IllegalArgumentException("placement: shared or separate, not '" + placement + "'");
        };
        if (cores < PIN_FROM_CORES) {
            return new CorePlan(List.of(), NO_CPU, cores + " cores: pinning needs " + PIN_FROM_CORES + " or more");
        }
        List<Integer> agentCpus = IntStream.rangeClosed(OS_CPU + 1, OS_CPU + agents).boxed().toList();
        return new CorePlan(agentCpus, consumerOwnThread ? OS_CPU + agents + 1 : NO_CPU, null);
    }

    /** @return whether the plan pins threads */
    public boolean pins() {
        return why == null;
    }
}
