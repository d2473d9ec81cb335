package io.nicsim.bench.run.pin;

import java.util.List;

/**
 * Which CPUs the calling thread may run on, and restricting it to one. The run uses {@link OpenHftAffinity}; tests
 * use a machine of their own making.
 */
public interface CpuAffinity {

    /** @return why threads cannot be pinned here (no native access, not Linux), or null if they can */
    String problem();

    /** @return the CPUs the calling thread may run on, ascending */
    List<Integer> allowedCpus();

    /**
     * Restricts the calling thread to {@code cpu}, for the rest of its life (or until it is changed again).
     *
     * @throws IllegalStateException if the OS refused, say for a CPU this process may not use
     */
    void pin(int cpu);
}
