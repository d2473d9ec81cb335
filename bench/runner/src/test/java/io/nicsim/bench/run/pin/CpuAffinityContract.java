package io.nicsim.bench.run.pin;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link CpuAffinity} keeps, on a thread of its own (its pin ends with it): it can pin here, says
 * which CPUs the thread may use, pins the calling thread to one of them and to it alone, leaves other threads as they
 * were, and refuses a CPU no machine it runs on has (1000) with an {@link IllegalStateException}, the pin unchanged.
 */
public final class CpuAffinityContract {

    /** A CPU number beyond any machine these tests run on. */
    static final int NO_SUCH_CPU = 1000;

    private CpuAffinityContract() {
    }

    /** @return the CPU the contract pinned its thread to (the last the thread may use) */
    public static int verify(CpuAffinity affinity) throws Exception {
        assertThat(affinity.problem()).as("can pin here").isNull();
        List<Integer> callers = affinity.allowedCpus();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> pinned = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("cpu-affinity-contract").start(() -> {
            try {
                pinned.set(pinsTheCallingThread(affinity));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("on the pinned thread", failure.get());
        }
        assertThat(affinity.allowedCpus()).as("other threads as they were").isEqualTo(callers);
        return pinned.get();
    }

    private static int pinsTheCallingThread(CpuAffinity affinity) {
        List<Integer> before = affinity.allowedCpus();
        assertThat(before).isNotEmpty().doesNotHaveDuplicates().isSorted().allMatch(cpu -> cpu >= 0);
        int cpu = before.getLast();
        affinity.pin(cpu);
        assertThat(affinity.allowedCpus()).as("pinned to CPU %d alone", cpu).containsExactly(cpu);
        assertThatThrownBy(() -> affinity.pin(NO_SUCH_CPU)).isInstanceOf(IllegalStateException.class);
        assertThat(affinity.allowedCpus()).as("a refused pin changes nothing").containsExactly(cpu);
        return cpu;
    }
}
