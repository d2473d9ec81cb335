package io.nicsim.library;

import io.nicsim.bench.run.DiskPlan;
import io.nicsim.bench.run.DiskPreflight;
import io.nicsim.bench.run.QueueStaging;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.bench.scenario.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks {@code ./nicsim run} makes before a study, through the same runner code and worded the same, as the
 * library's exceptions: a virtual run's host model read ({@link HostModelFiles#problem}), the disk budget weighed
 * ({@link DiskPreflight}).
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * A virtual run's host model ({@code run.hostModel}) read before anything runs: a file that is missing,
     * malformed, of another version, or without one of the scenario's consumers is one line naming it.
     *
     * @throws NicsimInputException "run.hostModel: cannot read host model FILE: why"
     */
    static void checkHostModel(Scenario scenario) {
        String problem = scenario.run().virtual()
                ? HostModelFiles.problem(scenario.run().hostModel(), scenario.host().consumers()) : null;
        if (problem != null) {
            throw new NicsimInputException("run.hostModel: " + problem);
        }
    }

    /**
     * The study's disk budget ({@link DiskPlan}, as {@code ./nicsim run} weighs it: journals kept, no packets.csv):
     * refuses when the staging or output filesystem cannot hold it, warns on {@code log} when it fits with less room
     * than the watch's floor, then has {@code stop} watch both filesystems during the runs.
     *
     * @throws NicsimInputException "not enough disk space: ..." naming the estimate and the free space
     */
    static void checkDisk(Scenario scenario, Path outputDir, StopSignal stop, PrintWriter log) {
        List<Scenario> played = DiskPreflight.played(scenario.host().consumers().stream()
                .map(scenario::withConsumer).toList());
        if (played.isEmpty()) {
            return;
        }
        DiskPlan plan = DiskPlan.of(played, outputDir, QueueStaging.stagingRoot(scenario.run().queueStaging()),
                false, true);
        String refusal = DiskPreflight.refusal(plan, played.size(), scenario, false);
        if (refusal != null) {
            throw new NicsimInputException(refusal);
        }
        DiskPreflight.warnings(plan, played.size(), "(cut short)").forEach(log::println);
        log.flush();
        stop.watching(plan.watch());
    }
}
