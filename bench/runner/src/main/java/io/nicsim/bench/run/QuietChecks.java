package io.nicsim.bench.run;

import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.host.consumer.BusyPollConsumer;
import io.nicsim.nic.agent.IdleStrategies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Looks at the machine before a paced study: other processes' CPU and the hypervisor's steal over a short window,
 * the CPU frequency governor, and the study's spinning threads against the cores. Virtual studies are not checked:
 * their figures do not depend on the machine.
 */
public final class QuietChecks {

    /** How long the look at other processes lasts. */
    public static final long LOOK_NANOS = 200_000_000L;
    /** Steal above this many cores is worth a warning. */
    static final double STEAL_CORES = 0.05;
    static final Path GOVERNOR = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");

    private QuietChecks() {
    }

    /** @return the checks for these runs, or null if every one is virtual */
    public static MachineChecks look(Collection<Scenario> runs) throws InterruptedException {
        if (runs.stream().allMatch(s -> s.run().virtual())) {
            return null;
        }
        MachineLoad.Sample start = MachineLoad.sample();
        Thread.sleep(LOOK_NANOS / 1_000_000);
        MachineLoad.Usage usage = MachineLoad.since(start);
        return judge(usage.otherCores(), usage.stealCores(), governor(GOVERNOR),
                Runtime.getRuntime().availableProcessors(), spinningThreads(runs));
    }

    /** @return the checks with their warnings (no measuring: fixed inputs give fixed checks) */
    static MachineChecks judge(double otherCores, double stealCores, String governor, int cores, int spinning) {
        List<String> warnings = new ArrayList<>();
        if (otherCores >= MachineLoad.BUSY_NEIGHBOUR_CORES) {
            warnings.add(String.format(Locale.ROOT, "other processes used %s cores just before the run: their noise"
                    + " will show in the tails", MachineLoad.cores(otherCores)));
        }
        if (stealCores >= STEAL_CORES) {
            warnings.add(String.format(Locale.ROOT, "the hypervisor took %s cores (steal time): this VM's vCPUs"
                    + " lose time to other guests", MachineLoad.cores(stealCores)));
        }
        if (!governor.equals("unknown") && !governor.equals("performance")) {
            warnings.add("the CPU frequency governor is '" + governor + "': frequency changes add latency;"
                    + " 'performance' gives steadier numbers");
        }
        if (spinning >= cores) {
            warnings.add(spinning + " spinning threads on " + cores + " cores (device loop, interrupt path,"
                    + " busy-poll): any other runnable thread preempts one of them for milliseconds; expect"
                    + " millisecond tails, or use more cores or host.deviceIdle/dispatcherIdle that sleep");
        }
        return new MachineChecks(otherCores, stealCores, governor, cores, spinning, warnings);
    }

    /** @return the most threads any run spins: the placed device loop and interrupt path, and busy-poll */
    static int spinningThreads(Collection<Scenario> runs) {
        int most = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        for (Scenario run : runs) {
            if (run.run().virtual()) {
                continue;
            }
            boolean shared = Placement.SHARED.equals(Placement.resolve(run.host().placement(), cores));
            boolean deviceSpins = IdleStrategies.BUSY_SPIN.equals(run.host().deviceIdle());
            boolean dispatcherSpins = IdleStrategies.BUSY_SPIN.equals(run.host().dispatcherIdle());
            int agents = shared ? (deviceSpins || dispatcherSpins ? 1 : 0)
                    : (deviceSpins ? 1 : 0) + (dispatcherSpins ? 1 : 0);
            int consumer = run.host().consumers().contains(BusyPollConsumer.NAME) ? 1 : 0;
            most = Math.max(most, agents + consumer);
        }
        return most;
    }

    static String governor(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
