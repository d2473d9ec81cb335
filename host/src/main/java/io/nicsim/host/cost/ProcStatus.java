package io.nicsim.host.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields nicsim reads from a Linux {@code /proc/<pid>/status} or {@code /proc/<pid>/task/<tid>/status}
 * file: resident memory, thread count and context switches. Values absent from the text (or on systems
 * without /proc) are -1.
 *
 * @param residentKibibytes          {@code VmRSS}, in KiB
 * @param threads                    {@code Threads}
 * @param voluntaryContextSwitches   {@code voluntary_ctxt_switches}: the task blocked (parked, slept, waited)
 * @param involuntaryContextSwitches {@code nonvoluntary_ctxt_switches}: the scheduler took the CPU away
 */
public record ProcStatus(long residentKibibytes, long threads, long voluntaryContextSwitches,
                         long involuntaryContextSwitches) {

    /** Nothing known (no /proc). */
    public static final ProcStatus UNKNOWN = new ProcStatus(-1, -1, -1, -1);

    /** Parses the text of a status file. */
    public static ProcStatus parse(String text) {
        long rss = -1;
        long threads = -1;
        long voluntary = -1;
        long involuntary = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            switch (key) {
                case "VmRSS" -> rss = firstNumber(line, colon);
                case "Threads" -> threads = firstNumber(line, colon);
                case "voluntary_ctxt_switches" -> voluntary = firstNumber(line, colon);
                case "nonvoluntary_ctxt_switches" -> involuntary = firstNumber(line, colon);
                default -> {
                }
            }
        }
        return new ProcStatus(rss, threads, voluntary, involuntary);
    }

    /** Reads and parses a status file; {@link #UNKNOWN} if it cannot be read. */
    public static ProcStatus read(Path statusFile) {
        try {
            return parse(Files.readString(statusFile));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** @return this process's status */
    public static ProcStatus self() {
        return read(Path.of("/proc/self/status"));
    }

    private static long firstNumber(String line, int from) {
        int i = from + 1;
        while (i < line.length() && !Character.isDigit(line.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return start == i ? -1 : Long.parseLong(line.substring(start, i));
    }
}
