package io.nicsim.bench.run;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * What nicsim processes that died (kill -9, a crash, a second Ctrl-C) left behind, dealt with when the next command
 * that runs traffic starts: their queue staging folders in /dev/shm are removed ({@link #removeStaleStaging}) and
 * their run folders still marked in progress are marked incomplete ({@link #markAbandonedRuns}), one line each.
 * Only what nicsim made is touched, and never what a live process owns: a staging folder goes when the owner file's
 * {@link ProcessStamp} names a process that is gone (pid and start time, so a reused pid does not keep it), or, for a
 * folder without a readable owner file (an older nicsim's, or one whose process was killed while writing it), when no
 * process of its pid runs.
 */
public final class Leftovers {

    /**
     * @param removed the staging folders removed
     * @param freedBytes what the file system gained (its free space before and after, at most the files' sizes)
     */
    public record Removed(List<Path> removed, long freedBytes) {
    }

    /** The queues a staging folder holds (DeviceQueues' and the host stamps'). */
    private static final java.util.regex.Pattern QUEUE_NAME = java.util.regex.Pattern.compile(
            "descriptors(-[0-9]+)?|interrupts|doorbells|host-stamps");

    private Leftovers() {
    }

    /**
     * Removes the leftovers and says what it did on {@code err}, one line per kind; nothing when there were none.
     *
     * @param runsParent the folder whose run folders (and their sweep or tune points) are looked at, or null for none
     */
    public static void clean(Path runsParent, PrintWriter err) {
        Removed staging = removeStaleStaging(QueueStaging.SHM);
        if (!staging.removed().isEmpty()) {
            err.println("cleaned up: removed " + staging.removed().size() + " queue staging folder"
                    + (staging.removed().size() == 1 ? "" : "s") + " of nicsim runs whose process is gone ("
                    + names(staging.removed()) + "), " + megabytes(staging.freedBytes()) + " freed");
        }
        List<Path> marked = runsParent == null ? List.of() : markAbandonedRuns(runsParent);
        if (!marked.isEmpty()) {
            err.println("marked incomplete: " + marked.size() + " run folder" + (marked.size() == 1 ? "" : "s")
                    + " whose nicsim process ended before the run finished: "
                    + String.join(", ", marked.stream().map(Path::toString).toList()));
        }
        err.flush();
    }

    /** @return the staging folders under {@code shm} whose process is gone, removed, and the bytes freed */
    public static Removed removeStaleStaging(Path shm) {
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> entries = Files.list(shm)) {
            entries.filter(Leftovers::isStale).forEach(stale::add);
        } catch (IOException | RuntimeException e) {
            return new Removed(List.of(), 0);
        }
        if (stale.isEmpty()) {
            return new Removed(List.of(), 0);
        }
        long freeBefore = unallocated(shm);
        long sizeBytes = 0;
        List<Path> removed = new ArrayList<>();
        for (Path dir : stale) {
            long size = sizeBytes(dir);
            try {
                RunFolder.deleteTree(dir);
                removed.add(dir);
                sizeBytes += size;
            } catch (IOException | RuntimeException e) {
                // another user's, or in use after all: left alone
            }
        }
        long freed = Math.max(0, Math.min(sizeBytes, unallocated(shm) - freeBefore));
        return new Removed(List.copyOf(removed), freed);
    }

    /** @return whether {@code dir} is a nicsim staging folder whose process is gone */
    static boolean isStale(Path dir) {
        Matcher name = QueueStaging.NAME.matcher(dir.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<ProcessStamp> stamp = ProcessStamp.read(dir.resolve(QueueStaging.OWNER_FILE));
        if (stamp.isPresent()) {
            return stamp.get().pid() == Long.parseLong(name.group(1)) && !stamp.get().alive();
        }
        // an older nicsim's folder (no owner file), one a live process is making now, or one whose process was killed
        // while writing its owner file (an empty or partial one): its pid decides, if it holds nothing but a run's
        // queues (a folder a user named so, a two-process --dir, is left alone)
        return ownerGone(Long.parseLong(name.group(1)), dir) && onlyQueues(dir);
    }

    /**
     * @return whether no process {@code pid} that could have made {@code dir} is alive. With pid_max at 32768 and
     *         JVMs making threads by the dozen, a pid comes round again within seconds: as another process, or as a
     *         thread of one (/proc/PID answers for thread ids too, and so does {@link ProcessHandle#of}). Neither a
     *         thread nor a process started after the folder was last changed made it.
     */
    static boolean ownerGone(long pid, Path dir) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            boolean thread = status.stream().filter(line -> line.startsWith("Tgid:"))
                    .anyMatch(line -> Long.parseLong(line.substring(5).trim()) != pid);
            java.time.Instant changed = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
            boolean younger = handle.get().info().startInstant().map(start -> start.isAfter(changed)).orElse(false);
            return thread || younger;
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: left alone
        }
    }

    private static boolean onlyQueues(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(QueueStaging.OWNER_FILE)
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || QUEUE_NAME.matcher(p.getFileName().toString()).matches()
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @return the run folders under {@code parent} (and their {@code points/} folders: a sweep's or tune's runs) whose
     *         in-progress stamp names a process that is gone, each now marked incomplete
     */
    public static List<Path> markAbandonedRuns(Path parent) {
        List<Path> marked = new ArrayList<>();
        for (Path dir : children(parent)) {
            if (!Files.exists(dir.resolve(RunFolder.MARKER))) {
                continue; // not nicsim's
            }
            if (RunProgress.markIfAbandoned(dir)) {
                marked.add(dir);
            }
            for (Path point : children(dir.resolve(SweepRunner.POINTS))) {
                if (RunProgress.markIfAbandoned(point)) {
                    marked.add(point);
                }
            }
        }
        return marked;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long sizeBytes(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long unallocated(Path dir) {
        try {
            return Files.getFileStore(dir).getUnallocatedSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String names(List<Path> dirs) {
        List<String> names = dirs.stream().map(p -> p.getFileName().toString()).toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
}
