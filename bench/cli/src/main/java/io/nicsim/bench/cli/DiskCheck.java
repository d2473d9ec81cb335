package io.nicsim.bench.cli;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.run.DiskPlan;
import io.nicsim.bench.run.DiskPreflight;
import io.nicsim.bench.run.QueueStaging;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The disk budget of a command before it starts ({@link DiskPlan}): refuses with one line ({@link BadInput}, exit 2)
 * when the staging or output filesystem cannot hold the estimate, warns in one line when it fits with less room than
 * the watch's floor, and sets the {@link StopSignal} watching both filesystems during the runs.
 */
final class DiskCheck {

    private DiskCheck() {
    }

    /**
     * @param runs      one scenario per consumer run (each round is added here from {@code run.rounds})
     * @param outputDir the command's output folder
     * @throws BadInput "not enough disk space: ..." naming the estimate and the free space
     */
    static void before(List<Scenario> runs, Path outputDir, boolean exportPackets, boolean commandKeeps,
                       StopSignal stop, PrintWriter err) throws BadInput {
        if (runs.isEmpty()) {
            return;
        }
        List<Scenario> played = DiskPreflight.played(runs);
        Scenario first = runs.getFirst();
        DiskPlan plan = DiskPlan.of(played, outputDir, QueueStaging.stagingRoot(first.run().queueStaging()),
                exportPackets, commandKeeps);
        check(plan, played.size(), first, exportPackets, stop, err);
    }

    /**
     * One run at a time writing its journal in place in {@code dir}, watched there: the NIC side of a two-process
     * run, calibrate's probes.
     */
    static void inPlace(Scenario scenario, Path dir, StopSignal stop, PrintWriter err) throws BadInput {
        check(DiskPlan.of(List.of(scenario), dir, null, false, true), 1, scenario, false, stop, err);
    }

    /** The host side of a two-process run: doorbells into {@code dir}'s queues, its results into {@code out}. */
    static void host(Scenario scenario, Path dir, Path out, StopSignal stop, PrintWriter err) throws BadInput {
        check(DiskPlan.host(scenario, dir, out), 1, scenario, false, stop, err);
    }

    private static void check(DiskPlan plan, int runs, Scenario first, boolean exportPackets, StopSignal stop,
                              PrintWriter err) throws BadInput {
        String refusal = DiskPreflight.refusal(plan, runs, first, exportPackets);
        if (refusal != null) {
            throw new BadInput(refusal);
        }
        DiskPreflight.warnings(plan, runs, "(exit " + ExitCodes.CUT_SHORT + ")").forEach(err::println);
        err.flush();
        stop.watching(plan.watch());
    }

    /**
     * After a study the disk watch cut short: one line on {@code err}.
     *
     * @return {@link ExitCodes#CUT_SHORT}
     */
    static int cutShort(PrintWriter err, CutShort why, String what, Path dir) {
        err.println("cut short (" + why.describe() + "): " + what + "; results of what ran are in " + dir);
        err.flush();
        return ExitCodes.CUT_SHORT;
    }
}
