package io.nicsim.bench.cluster;

import java.util.List;

/**
 * One unit of work a coordinator hands out: a {@code nicsim run} of one scenario in a fresh JVM on a worker, whose run
 * folder comes back as {@code DEST/folder}.
 *
 * @param index    its place in the study (point order), from 0; results are shown and written in this order
 * @param label    what it is, for people ("firmware.rxUsecs=16"; "platform-thread")
 * @param folder   its folder name under the destination (one path segment: letters, digits, {@code ._=-})
 * @param scenario the effective scenario, as YAML text (what {@code nicsim run} reads)
 * @param runArgs  what follows {@code nicsim run SCENARIO --out DIR}: e.g. {@code --export-packets}, {@code --set K=V}
 * @param command  the command line recorded in the point's summary.json (the study's, with the point named)
 * @param virtual  whether it runs in virtual time (a worker runs one per core) or paced (one at a time: a quiet
 *                 machine)
 */
public record WorkItem(int index, String label, String folder, String scenario, List<String> runArgs,
                       String command, boolean virtual) {

    public WorkItem {
        runArgs = List.copyOf(runArgs);
    }
}
