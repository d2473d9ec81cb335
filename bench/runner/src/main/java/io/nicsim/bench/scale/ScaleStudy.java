package io.nicsim.bench.scale;

import io.nicsim.bench.process.ChildJvm;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The scale study: for each consumer kind and each N, N consumers parked waiting for their next packet, in a
 * probe process of its own ({@link ScaleProbe}); memory per waiting consumer and wake-up latency from each.
 * A kind that hits a machine limit (platform threads: the kernel's pid or map limits; epoll-thread: the process's file
 * limit, two descriptors per waiter; epoll-virtual-thread: the carriers) reports where and why
 * it stopped, and larger N are not tried for it.
 */
public final class ScaleStudy {

    public static final String PLATFORM = "platform-thread";
    public static final String VIRTUAL = "virtual-thread";
    public static final String EVENT_LOOP = "event-loop";
    /** Platform threads blocked in epoll_wait, each on an eventfd of its own. */
    public static final String EPOLL = "epoll-thread";
    /** Virtual threads blocked in epoll_wait: each pins its carrier, so no more than the carriers wait. */
    public static final String EPOLL_VIRTUAL = "epoll-virtual-thread";
    /** Kinds the study can hold by the thousand; busy-poll needs a core per waiter and is left out. */
    public static final List<String> KINDS = List.of(PLATFORM, VIRTUAL, EVENT_LOOP, EPOLL, EPOLL_VIRTUAL);
    /** Kinds studied when none are named: all but epoll-virtual-thread, whose limit is the carriers (a few). */
    public static final List<String> DEFAULT_KINDS = List.of(PLATFORM, VIRTUAL, EVENT_LOOP, EPOLL);

    private static final long PROBE_TIMEOUT_MINUTES = 10;

    private final PrintWriter progress;

    public ScaleStudy(PrintWriter progress) {
        this.progress = progress;
    }

    public List<ScaleResult> run(List<String> kinds, List<Integer> counts, int wakeups) throws InterruptedException {
        List<ScaleResult> results = new ArrayList<>();
        for (String kind : kinds) {
            for (int count : counts) {
                progress.printf("scale: %-16s N=%,d ...%n", kind, count);
                progress.flush();
                ScaleResult result = probeInChild(kind, count, wakeups);
                results.add(result);
                if (result.error() != null || result.reached() < count) {
                    break; // the machine's limit for this kind is reached: larger N would stop there too
                }
            }
        }
        return results;
    }

    /** Parks {@code count} waiters of {@code kind} in a JVM of its own and measures them. */
    public static ScaleResult probeInChild(String kind, int count, int wakeups) throws InterruptedException {
        List<String> command = ChildJvm.command(ScaleProbe.class.getName(),
                List.of(kind, Integer.toString(count), Integer.toString(wakeups)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String json = null;
            String last = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("{")) {
                        json = line;
                    } else if (!line.isBlank() && (last == null || !line.startsWith("\t"))) {
                        last = line; // the last line that is not a stack frame
                    }
                }
            }
            if (!process.waitFor(PROBE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return ScaleResult.failed(kind, count, "probe took longer than " + PROBE_TIMEOUT_MINUTES + " minutes");
            }
            if (json == null) {
                return ScaleResult.failed(kind, count, "probe exited with " + process.exitValue()
                        + (last == null ? "" : ": " + last));
            }
            return new ObjectMapper().readValue(json, ScaleResult.class);
        } catch (IOException e) {
            return ScaleResult.failed(kind, count, "cannot start probe: " + e.getMessage());
        }
    }

    /** The study table: one row per point. */
    public static String table(List<ScaleResult> results) {
        StringBuilder out = new StringBuilder();
        String row = "%-16s %11s %11s %14s %12s %10s %10s  %s%n";
        out.append(String.format(Locale.ROOT, row, "consumer", "N asked", "N reached", "RSS/consumer", "heap/consumer",
                "wake p50", "wake p99", "note"));
        for (ScaleResult r : results) {
            String note = r.error() != null ? "failed: " + r.error()
                    : r.stopReason() != null ? "stopped at N=" + String.format(Locale.ROOT, "%,d", r.reached()) + ": "
                    + r.stopReason() : "";
            out.append(String.format(Locale.ROOT, row, r.consumer(), String.format(Locale.ROOT, "%,d", r.requested()),
                    String.format(Locale.ROOT, "%,d", r.reached()), bytes(r.residentBytesPerConsumer()),
                    bytes(r.heapBytesPerConsumer()), micros(r.wakeP50Nanos()), micros(r.wakeP99Nanos()), note));
        }
        return out.toString();
    }

    static String bytes(long value) {
        if (value < 0) {
            return "-";
        }
        return value >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", value / 1024.0) : value + " B";
    }

    static String micros(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
    }
}
