package io.nicsim.bench.run.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The machine a model was calibrated on, as its file names it.
 *
 * @param cpu     the CPU's model name (/proc/cpuinfo)
 * @param cores   cores the JVM sees
 * @param jdk     {@code java.vm.version}
 * @param date    when it was measured
 * @param command the command line that measured it
 */
public record Machine(String cpu, int cores, String jdk, LocalDate date, String command) {

    /** @return this machine, today */
    public static Machine current(String command) {
        return new Machine(cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"), LocalDate.now(), command);
    }

    /** @return the first {@code model name} of a cpuinfo file, or the OS architecture if there is none */
    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    return line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cpuinfo (not Linux): the architecture below
        }
        return System.getProperty("os.arch") + " (no /proc/cpuinfo model name)";
    }

    /** @return "Intel(R) Xeon(R) ..., 2 cores" */
    public String describe() {
        return cpu + ", " + cores + (cores == 1 ? " core" : " cores");
    }
}
