package io.nicsim.bench.run;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study's disk budget before it starts ({@link DiskPlan}), in the words the command line and the library both say
 * it: the one line refusing a plan the staging or output filesystem cannot hold, and a warning per filesystem that
 * holds it with less room than the watch's floor.
 */
public final class DiskPreflight {

    private DiskPreflight() {
    }

    /** @return one scenario per run played: each of {@code runs}, once per round ({@code run.rounds}) */
    public static List<Scenario> played(List<Scenario> runs) {
        List<Scenario> played = new ArrayList<>();
        for (Scenario run : runs) {
            for (int round = 0; round < run.roundsPlayed(); round++) {
                played.add(run);
            }
        }
        return played;
    }

    /**
     * @param runs  the runs the plan weighs
     * @param first the first of them, whose rate and length the estimate names
     * @return "not enough disk space: N run(s) need ... (estimate: ...); shorten run.duration, ...", or null if the
     *         plan fits
     */
    public static String refusal(DiskPlan plan, int runs, Scenario first, boolean exportPackets) {
        DiskPlan.Need cannot = plan.cannotFit();
        return cannot == null ? null : "not enough disk space: " + runs + " run(s) need " + cannot.describe() + " ("
                + estimate(first, exportPackets) + "); shorten run.duration, lower the rate or free space";
    }

    /**
     * @param ifItRunsOut what happens then, e.g. "(exit 4)"
     * @return "warning: little disk space: ..." for each filesystem with less room to spare than its floor
     */
    public static List<String> warnings(DiskPlan plan, int runs, String ifItRunsOut) {
        List<String> lines = new ArrayList<>();
        for (DiskPlan.Need need : plan.littleMargin()) {
            lines.add("warning: little disk space: " + runs + " run(s) need " + need.describe()
                    + ", less than the floor of " + CutShort.bytes(need.floorBytes()) + " to spare; the runs stop"
                    + " early " + ifItRunsOut + " if it runs out");
        }
        return lines;
    }

    /** @return "estimate: 200k pps x 23 s x 204 B/packet per run", or why there is none */
    public static String estimate(Scenario scenario, boolean exportPackets) {
        if (!DiskBudget.writesJournal(scenario)) {
            return "virtual runs without a journal";
        }
        long perPacket = DiskBudget.bytesPerPacket(exportPackets)
                + (exportPackets ? DiskBudget.PACKETS_CSV_BYTES_PER_PACKET : 0);
        return String.format(Locale.ROOT, "estimate: %s pps x %s x %d B/packet per run",
                Units.formatRate(DiskBudget.peakRatePerSecond(scenario.traffic())),
                Units.formatDuration(scenario.run().warmupNanos() + scenario.run().durationNanos()), perPacket);
    }
}
