package io.nicsim.bench.run.pin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A machine of a test's making: the CPUs a process may use, the CPUs it refuses to pin to, and whether pinning works
 * at all. Each thread starts on every CPU; its pins are remembered by thread name.
 */
public final class FakeMachine implements CpuAffinity {

    private final List<Integer> cpus;
    private final Set<Integer> refused;
    private final String problem;
    private final ThreadLocal<List<Integer>> allowed;
    private final Map<String, Integer> pins = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    private FakeMachine(List<Integer> cpus, Set<Integer> refused, String problem) {
        this.cpus = List.copyOf(cpus);
        this.refused = Set.copyOf(refused);
        this.problem = problem;
        this.allowed = ThreadLocal.withInitial(() -> this.cpus);
    }

    /** @return a machine whose process may use CPUs 0 to {@code cores - 1} */
    public static FakeMachine cores(int cores) {
        return new FakeMachine(java.util.stream.IntStream.range(0, cores).boxed().toList(), Set.of(), null);
    }

    /** @return a machine whose process may use {@code cpus} (a taskset, say) */
    public static FakeMachine cpus(List<Integer> cpus) {
        return new FakeMachine(cpus, Set.of(), null);
    }

    /** @return this machine, refusing pins to {@code cpu} */
    public FakeMachine refusing(int cpu) {
        return new FakeMachine(cpus, Set.of(cpu), problem);
    }

    /** @return this machine, where pinning does not work at all */
    public FakeMachine withProblem(String why) {
        return new FakeMachine(cpus, refused, why);
    }

    @Override
    public String problem() {
        calls.incrementAndGet();
        return problem;
    }

    @Override
    public List<Integer> allowedCpus() {
        calls.incrementAndGet();
        return allowed.get();
    }

    @Override
    public void pin(int cpu) {
        calls.incrementAndGet();
        if (!cpus.contains(cpu) || refused.contains(cpu)) {
            throw new IllegalStateException("sched_setaffinity refused CPU " + cpu);
        }
        allowed.set(List.of(cpu));
        pins.put(Thread.currentThread().getName(), cpu);
    }

    /** @return thread name to the CPU it pinned itself to */
    public Map<String, Integer> pins() {
        return Map.copyOf(pins);
    }

    /** @return how often the machine was asked anything (0: the library would not have been loaded) */
    public int calls() {
        return calls.get();
    }
}
