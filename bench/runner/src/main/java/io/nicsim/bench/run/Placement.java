package io.nicsim.bench.run;

import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.run.pin.RunPinning;
import io.nicsim.bench.run.pin.ThreadPin;
import io.nicsim.bench.scenario.HostConfig;
import io.nicsim.host.interrupt.InterruptDispatcher;
import io.nicsim.nic.agent.IdleStrategies;
import io.nicsim.nic.device.Device;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the simulator's own busy loops run, so they leave the consumers under test a fair share of the
 * machine. {@code shared}: the device and the interrupt path are one composite agent on one thread (one core
 * busy, the rest for the consumer); {@code separate}: a thread each, with their own idle strategies (two cores
 * busy: fair only on machines with cores to spare). {@code auto} picks {@code shared} below 4 cores. Each agent
 * thread runs its {@link ThreadPin} before its first duty cycle ({@link RunPinning}: from 4 cores, a CPU of its own).
 */
public final class Placement {

    public static final String AUTO = HostConfig.PLACEMENT_AUTO;
    public static final String SHARED = HostConfig.PLACEMENT_SHARED;
    public static final String SEPARATE = HostConfig.PLACEMENT_SEPARATE;
    public static final List<String> NAMES = HostConfig.PLACEMENTS;

    /** Below this many cores, {@code auto} shares one thread between device and interrupt path. */
    public static final int SEPARATE_FROM_CORES = 4;

    private Placement() {
    }

    /** @return {@code shared} or {@code separate} */
    public static String resolve(String configured, int cores) {
        if (AUTO.equals(configured)) {
            return cores < SEPARATE_FROM_CORES ? SHARED : SEPARATE;
        }
        return configured;
    }

    /** The started agent threads of one run. */
    public static final class Started implements AutoCloseable {

        private final List<Running> runners;
        private final PlacementReport report;

        private Started(List<Running> runners, PlacementReport report) {
            this.runners = runners;
            this.report = report;
        }

        public PlacementReport report() {
            return report;
        }

        /**
         * Stops every agent thread and waits for it to end (each agent's {@code onClose} runs on its thread; Agrona's
         * close returns once the duty cycle ended, a moment before the thread itself does, and at once for a thread
         * that has not reached its duty cycle yet).
         */
        @Override
        public void close() {
            for (Running running : runners) {
                running.runner().close();
                try {
                    running.thread().join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // asked to stop waiting: the runner was closed all the same
                }
            }
        }
    }

    /**
     * Starts the device and the interrupt path on threads as {@code mode} says, each pinned as {@code pinning} says,
     * and records the consumer's own thread beside them (pinned as it started). Returns once every thread is pinned.
     *
     * @param device the device's agent ({@link Device}, or a wrapper of it with the same role)
     * @throws IllegalStateException if {@code host.pinning} is {@code on} and a pin was refused (threads stopped)
     */
    public static Started start(String mode, String deviceIdle, String dispatcherIdle, Agent device,
                                InterruptDispatcher dispatcher, String consumer, String consumerThread,
                                String consumerWaitsBy, RunPinning pinning, ErrorHandler errors)
            throws InterruptedException {
        List<Running> runners = new ArrayList<>();
        List<PlacementReport.ThreadPlacement> threads = new ArrayList<>();
        if (SHARED.equals(mode)) {
            Agent both = new CompositeAgent(device, dispatcher);
            runners.add(start(both, deviceIdle, errors, pinning.agent(0)));
            threads.add(pinning.agent(0).placement(both.roleName(), List.of(Device.ROLE, InterruptDispatcher.ROLE),
                    deviceIdle));
        } else {
            runners.add(start(device, deviceIdle, errors, pinning.agent(0)));
            runners.add(start(dispatcher, dispatcherIdle, errors, pinning.agent(1)));
            threads.add(pinning.agent(0).placement(device.roleName(), List.of(Device.ROLE), deviceIdle));
            threads.add(pinning.agent(1).placement(dispatcher.roleName(), List.of(InterruptDispatcher.ROLE),
                    dispatcherIdle));
        }
        threads.add(pinning.consumer().placement(consumerThread, List.of(consumer), consumerWaitsBy));
        Started started = new Started(runners, new PlacementReport(mode, List.copyOf(threads), pinning.report()));
        if (pinning.failure() != null) {
            started.close();
            throw new IllegalStateException(pinning.failure());
        }
        return started;
    }

    /**
     * Starts the agent on a platform thread named after its role (Agrona's AgentRunner names it so) that runs
     * {@code pin} first: once per thread, outside the duty cycle.
     */
    private static Running start(Agent agent, String idle, ErrorHandler errors, ThreadPin pin) {
        AgentRunner runner = new AgentRunner(IdleStrategies.named(idle), errors, null, agent);
        Thread[] thread = new Thread[1];
        AgentRunner.startOnThread(runner, work -> thread[0] = Thread.ofPlatform().unstarted(() -> {
            pin.run();
            work.run();
        }));
        return new Running(runner, thread[0]);
    }

    /** An agent's runner and the thread it runs on (to wait for: Agrona's runner knows it only once it runs). */
    private record Running(AgentRunner runner, Thread thread) {
    }
}
