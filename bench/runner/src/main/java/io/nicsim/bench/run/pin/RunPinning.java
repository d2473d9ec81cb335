package io.nicsim.bench.run.pin;

import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.scenario.HostConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code host.pinning} resolves to for one run on this machine: a {@link ThreadPin} for each agent thread and one
 * for the consumer's own thread, to the CPUs of the {@link CorePlan}, or pins that do nothing and say why.
 * {@code auto} pins from {@value CorePlan#PIN_FROM_CORES} cores where the affinity library can, and runs on anywhere
 * at the price of figures that may be unpinned (the record says). {@code on} pins there too and fails the run where a
 * pin is refused: pinned figures or none. {@code off} leaves every thread to the OS scheduler, which may migrate it or
 * put two spinners on one core. Below {@value CorePlan#PIN_FROM_CORES} cores every setting runs unpinned, and the
 * library is not even loaded.
 */
public final class RunPinning {

    private final String requested;
    private final List<ThreadPin> agents;
    private final ThreadPin consumer;
    private final String why;

    private RunPinning(String requested, List<ThreadPin> agents, ThreadPin consumer, String why) {
        this.requested = requested;
        this.agents = List.copyOf(agents);
        this.consumer = consumer;
        this.why = why;
    }

    /**
     * @param requested              {@code host.pinning}: {@code auto}, {@code on} or {@code off}
     * @param cores                  the cores this process may use ({@code Runtime.availableProcessors()})
     * @param placement              the resolved placement, {@code shared} or {@code separate}
     * @param consumerWhyNoOwnThread why the consumer has no platform thread of its own, or null if it has one
     * @throws IllegalStateException with {@code on}, from 4 cores, if the affinity library cannot pin here
     */
    public static RunPinning resolve(String requested, int cores, String placement, String consumerWhyNoOwnThread,
                                     CpuAffinity affinity) {
        int agentThreads = HostConfig.PLACEMENT_SHARED.equals(placement) ? 1 : 2;
        if (HostConfig.PINNING_OFF.equals(requested)) {
            return unpinned(requested, agentThreads, consumerWhyNoOwnThread, "host.pinning: off");
        }
        CorePlan plan = CorePlan.of(cores, placement, consumerWhyNoOwnThread == null); // before loading the library
        if (!plan.pins()) {
            return unpinned(requested, agentThreads, consumerWhyNoOwnThread, plan.why());
        }
        String problem = affinity.problem();
        if (problem != null && HostConfig.PINNING_ON.equals(requested)) {
            throw new IllegalStateException("host.pinning: on, but " + problem);
        }
        if (problem != null) {
            return unpinned(requested, agentThreads, consumerWhyNoOwnThread, problem);
        }
        // the plan counts the CPUs this process may use; the pins need the kernel's numbers
        List<Integer> cpus = affinity.allowedCpus();
        plan = CorePlan.of(Math.min(cores, cpus.size()), placement, consumerWhyNoOwnThread == null);
        if (!plan.pins()) {
            return unpinned(requested, agentThreads, consumerWhyNoOwnThread, plan.why());
        }
        List<ThreadPin> agentPins = new ArrayList<>();
        for (int cpu : plan.agentCpus()) {
            agentPins.add(ThreadPin.to(cpus.get(cpu), affinity));
        }
        ThreadPin consumerPin = plan.consumerCpu() == CorePlan.NO_CPU ? ThreadPin.none(consumerWhyNoOwnThread)
                : ThreadPin.to(cpus.get(plan.consumerCpu()), affinity);
        return new RunPinning(requested, agentPins, consumerPin, null);
    }

    private static RunPinning unpinned(String requested, int agentThreads, String consumerWhyNoOwnThread,
                                       String why) {
        List<ThreadPin> agents = new ArrayList<>();
        for (int i = 0; i < agentThreads; i++) {
            agents.add(ThreadPin.none(why));
        }
        return new RunPinning(requested, agents, ThreadPin.none(consumerWhyNoOwnThread != null
                ? consumerWhyNoOwnThread : why), why);
    }

    /** @return agent thread {@code index}'s pin: 0 the shared thread or the device's, 1 the interrupt path's */
    public ThreadPin agent(int index) {
        return agents.get(index);
    }

    /** @return the pin for the consumer's own thread, to run first on it ({@code Consumer.start(Runnable)}) */
    public ThreadPin consumer() {
        return consumer;
    }

    /** @return the run's record, once every pinned thread has started (its pin awaited) */
    public PlacementReport.Pinning report() {
        if (why != null) {
            return PlacementReport.Pinning.unpinned(requested, why);
        }
        String refused = refused();
        return refused == null ? new PlacementReport.Pinning(requested, true, null)
                : PlacementReport.Pinning.unpinned(requested, refused);
    }

    /** @return why the run must not go on ({@code on} and a pin refused), or null */
    public String failure() {
        String refused = refused();
        return HostConfig.PINNING_ON.equals(requested) && refused != null ? "host.pinning: on, but " + refused : null;
    }

    private String refused() {
        for (ThreadPin pin : agents) {
            if (pin.refused() != null) {
                return pin.refused();
            }
        }
        return consumer.refused();
    }
}
