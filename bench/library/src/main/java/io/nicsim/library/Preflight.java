package io.nicsim.library;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.run.DiskBudget;
import io.nicsim.bench.run.DiskPlan;
import io.nicsim.bench.run.QueueStaging;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.virtual.HostModelFiles;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks {@code ./nicsim run} makes before a study, made the same way and worded the same for the library: a
 * virtual run's host model read, the disk budget weighed. (The command line's own copies are in bench/cli's
 * {@code StudyOptions.checkHostModel} and {@code DiskCheck}, which the library cannot depend on.)
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
        List<Scenario> played = new ArrayList<>();
        for (String consumer : scenario.host().consumers()) {
            Scenario run = scenario.withConsumer(consumer);
            for (int round = 0; round < run.roundsPlayed(); round++) {
                played.add(run);
            }
        }
        if (played.isEmpty()) {
            return;
        }
        DiskPlan plan = DiskPlan.of(played, outputDir, QueueStaging.stagingRoot(scenario.run().queueStaging()),
                false, true);
        DiskPlan.Need cannot = plan.cannotFit();
        if (cannot != null) {
            throw new NicsimInputException("not enough disk space: " + played.size() + " run(s) need "
                    + cannot.describe() + " (" + estimate(scenario) + "); shorten run.duration, lower the rate or"
                    + " free space");
        }
        for (DiskPlan.Need need : plan.littleMargin()) {
            log.println("warning: little disk space: " + played.size() + " run(s) need " + need.describe()
                    + ", less than the floor of " + CutShort.bytes(need.floorBytes()) + " to spare; the runs stop"
                    + " early (cut short) if it runs out");
        }
        log.flush();
        stop.watching(plan.watch());
    }

    /** @return "estimate: 200k pps x 6 s x 196 B/packet per run" */
    private static String estimate(Scenario scenario) {
        if (!DiskBudget.writesJournal(scenario)) {
            return "virtual runs without a journal";
        }
        return String.format(Locale.ROOT, "estimate: %s pps x %s x %d B/packet per run",
                rate(DiskBudget.peakRatePerSecond(scenario.traffic())),
                Units.formatDuration(scenario.run().warmupNanos() + scenario.run().durationNanos()),
                DiskBudget.bytesPerPacket(false));
    }

    /** @return 200k, 1.5M, 800 */
    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format("%.3gM", perSecond / 1e6)
                : perSecond >= 1e3 ? String.format("%.3gk", perSecond / 1e3)
                : String.format("%.3g", perSecond);
    }
}
