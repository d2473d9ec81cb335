package io.nicsim.bench.results;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Which process wrote a file, told apart from a later process that got the same pid: the pid and the process's start
 * time (epoch milliseconds, as {@link ProcessHandle.Info#startInstant()} gives it; 0 when the OS does not say). A
 * stamp names a live process only when a process of that pid runs and started at that time.
 *
 * @param pid              the process id
 * @param startEpochMillis when that process started, 0 if unknown (then the pid alone decides)
 */
public record ProcessStamp(long pid, long startEpochMillis) {

    private static final String PID = "pid";
    private static final String START = "startEpochMillis";

    /** @return this JVM's stamp */
    public static ProcessStamp current() {
        return of(ProcessHandle.current());
    }

    private static ProcessStamp of(ProcessHandle process) {
        return new ProcessStamp(process.pid(), startMillis(process));
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * @return whether the process this stamp names still runs: a process of this pid runs and, when both start times
     *         are known, started when the stamp says (within a second: the OS counts start times in clock ticks)
     */
    public boolean alive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        long started = startMillis(process.get());
        return startEpochMillis == 0 || started == 0 || Math.abs(started - startEpochMillis) < 1_000;
    }

    /** @return the stamp as the lines of a small properties file */
    public String text() {
        return PID + "=" + pid + "\n" + START + "=" + startEpochMillis + "\n";
    }

    /** Writes the stamp into {@code file} (created or replaced). */
    public void write(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    /**
     * @return the stamp in {@code file}, or empty when it is missing or not a stamp (never an exception: a stamp is
     *         read to decide about leftovers, and a file nicsim cannot read is left alone)
     */
    public static Optional<ProcessStamp> read(Path file) {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            String pid = properties.getProperty(PID);
            String start = properties.getProperty(START, "0");
            return pid == null ? Optional.empty()
                    : Optional.of(new ProcessStamp(Long.parseLong(pid.trim()), Long.parseLong(start.trim())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
