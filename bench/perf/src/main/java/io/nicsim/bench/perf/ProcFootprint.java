package io.nicsim.bench.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A process's footprint as Linux's {@code /proc/PID} states it: resident memory with its anonymous, file and
 * shared-memory parts ({@code status}), open file descriptors ({@code fd}) and memory mappings ({@code maps}).
 *
 * @param rssBytes      {@code VmRSS}
 * @param rssAnonBytes  {@code RssAnon}: heap, thread stacks, malloc
 * @param rssFileBytes  {@code RssFile}: mapped files on disk, the JDK's own libraries
 * @param rssShmemBytes {@code RssShmem}: mapped tmpfs pages, e.g. Chronicle queue files in /dev/shm
 * @param fds           entries of {@code fd} (the listing's own descriptor included, the same in every sample)
 * @param maps          lines of {@code maps}
 */
public record ProcFootprint(long rssBytes, long rssAnonBytes, long rssFileBytes, long rssShmemBytes, long fds,
                            long maps) {

    /** Where this process's figures are. */
    static final Path SELF = Path.of("/proc/self");

    /** @return the footprint of the process whose {@code /proc} folder is {@code proc} */
    static ProcFootprint read(Path proc) throws IOException {
        String status = Files.readString(proc.resolve("status"));
        long fds;
        try (Stream<Path> entries = Files.list(proc.resolve("fd"))) {
            fds = entries.count();
        }
        long maps;
        try (Stream<String> lines = Files.lines(proc.resolve("maps"))) {
            maps = lines.count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ProcFootprint(statusBytes(status, "VmRSS"), statusBytes(status, "RssAnon"),
                statusBytes(status, "RssFile"), statusBytes(status, "RssShmem"), fds, maps);
    }

    /**
     * @param status the text of {@code /proc/PID/status}
     * @param key    e.g. {@code VmRSS}
     * @return that line's size in bytes ({@code VmRSS:    1234 kB} gives 1234 * 1024)
     * @throws IllegalArgumentException if the line is missing or not a size in kB
     */
    static long statusBytes(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("/proc status: expected '" + key + ": N kB', found '" + line
                            + "'");
                }
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "/proc status: no %s line", key));
    }
}
