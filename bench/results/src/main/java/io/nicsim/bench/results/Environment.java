package io.nicsim.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a run measured, as summary.json writes it.
 *
 * @param jdk   vendor and version of the JVM
 * @param cores processors available to the JVM
 * @param os    name, version and architecture
 * @param cpu   the CPU model, or "unknown"
 * @param handlerApi the version of the handler API ({@code io.nicsim:handler-api}) user handlers ran against; null in
 *                   summaries written before it was recorded
 */
public record Environment(String jdk, int cores, String os, String cpu, String handlerApi) {

    /** The machine, with no handler API version (as old summaries and tests have it). */
    public Environment(String jdk, int cores, String os, String cpu) {
        this(jdk, cores, os, cpu, null);
    }

    public static Environment current() {
        return new Environment(System.getProperty("java.vendor") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), io.nicsim.handler.HandlerApi.VERSION);
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unknown";
        }
    }
}
