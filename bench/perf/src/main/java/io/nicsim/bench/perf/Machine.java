package io.nicsim.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, as the docs state it.
 *
 * @param cores processors available to the JVM
 * @param cpu   the CPU model from {@code /proc/cpuinfo}, or "unknown"
 * @param jdk   vendor and version of the JVM
 * @param os    name, version, architecture
 * @param hypervisor whether {@code /proc/cpuinfo} says it runs under a hypervisor
 */
public record Machine(int cores, String cpu, String jdk, String os, boolean hypervisor) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuinfo("model name"),
                System.getProperty("java.vendor") + " " + Runtime.version() + " (" + System.getProperty("java.vm.name")
                        + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                java.util.Arrays.asList(cpuinfo("flags").split(" ")).contains("hypervisor"));
    }

    private static String cpuinfo(String key) {
        Path path = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(path)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(path)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown";
        }
    }

    /** @return one line: cores, CPU, hypervisor, JDK, OS */
    public String describe() {
        return cores + " cores (" + cpu + (hypervisor ? ", virtual machine" : "") + "), " + jdk + ", " + os;
    }
}
