package io.nicsim.bench.run.pin;

import net.openhft.affinity.Affinity;
import net.openhft.affinity.IAffinity;
import net.openhft.affinity.impl.LinuxJNAAffinity;

import java.util.BitSet;
import java.util.List;

/**
 * Pins through OpenHFT's Java-Thread-Affinity: on Linux, {@code sched_setaffinity} on the calling thread through JNA,
 * one call per thread start and nothing in between. Its {@code AffinityLock} is not used: it would keep lock files in
 * the temporary folder, read {@code /proc/cpuinfo} and log which CPUs it takes to be reserved, where nicsim's
 * {@link CorePlan} already says which thread gets which CPU. The library is loaded on first use only (a run with
 * {@code host.pinning} not off on 4 cores or more); it sends nothing anywhere (it has no analytics; Chronicle's are off
 * through the JVM flags) and, with JNA present as it is beside Chronicle, logs at trace level only.
 */
public enum OpenHftAffinity implements CpuAffinity {

    INSTANCE;

    @Override
    public String problem() {
        try {
            IAffinity implementation = Affinity.getAffinityImpl();
            return implementation instanceof LinuxJNAAffinity ? null
                    : "the affinity library cannot set affinity here (" + implementation.getClass().getSimpleName()
                    + ")";
        } catch (LinkageError e) {
            return "the affinity library did not load: " + e;
        }
    }

    @Override
    public List<Integer> allowedCpus() {
        return Affinity.getAffinity().stream().boxed().toList();
    }

    @Override
    public void pin(int cpu) {
        try {
            Affinity.setAffinity(cpu);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) { // a CPU beyond the library's mask (1024 CPUs), say
            throw new IllegalStateException("CPU " + cpu + ": " + e, e);
        }
        BitSet allowed = Affinity.getAffinity();
        if (allowed.cardinality() != 1 || !allowed.get(cpu)) {
            throw new IllegalStateException("asked for CPU " + cpu + ", the thread may run on " + allowed);
        }
    }
}
