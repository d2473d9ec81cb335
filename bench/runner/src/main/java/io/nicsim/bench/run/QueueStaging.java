package io.nicsim.bench.run;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.scenario.RunConfig;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a run's Chronicle queues live while the run is measured. Chronicle maps its files into memory; on a
 * disk file system the first write to each page allocates a block, and journal commits and write-back can
 * hold such a page fault for milliseconds (measured here on ext4: 1 in ~50,000 appends over 100 µs, worst
 * 19 ms; on tmpfs the worst was 0.2 ms). Those stalls would be charged to the consumer under test.
 * So by default ({@code auto}) the live queues go to memory-backed {@code /dev/shm} and are moved into the
 * run folder when the run ends; {@code none} writes them in the run folder directly.
 * <p>
 * A staging folder is named {@code nicsim-<pid>-<n>} and holds an owner file ({@value #OWNER_FILE}: the
 * {@link ProcessStamp} of the JVM that made it), so a folder left by a process that died ({@code kill -9}) can be
 * told from a live one, even once its pid was reused ({@link Leftovers} removes it at the next start).
 */
public final class QueueStaging {

    public static final String AUTO = RunConfig.STAGING_AUTO;
    public static final String NONE = RunConfig.STAGING_NONE;

    /** Where staging folders go. */
    static final Path SHM = Path.of("/dev/shm");
    /** A staging folder's name: {@code nicsim-<pid>-<n>}. */
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("nicsim-([0-9]+)-[0-9]+");
    /** The file in a staging folder naming the process that made it. */
    static final String OWNER_FILE = ".nicsim-staging-owner";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path liveDir;
    private final Path finalDir;

    private QueueStaging(Path liveDir, Path finalDir) {
        this.liveDir = liveDir;
        this.finalDir = finalDir;
    }

    /**
     * @param mode     {@code auto} or {@code none}
     * @param finalDir where the queues must end up (in the run folder)
     */
    public static QueueStaging of(String mode, Path finalDir) throws IOException {
        if (stagingRoot(mode) != null) {
            Path live = SHM.resolve("nicsim-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
            Files.createDirectories(live);
            ProcessStamp.current().write(live.resolve(OWNER_FILE));
            return new QueueStaging(live, finalDir);
        }
        return new QueueStaging(finalDir, finalDir);
    }

    /** @return the folder live queues are staged under in this mode ({@code /dev/shm}), or null if written in place */
    public static Path stagingRoot(String mode) {
        return AUTO.equals(mode) && Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : null;
    }

    /** @return where the queues are written during the run */
    public Path liveDir() {
        return liveDir;
    }

    /** @return where the queues are after {@link #finish()} */
    public Path finalDir() {
        return finalDir;
    }

    /** @return whether the live queues are somewhere else than their final place */
    public boolean staged() {
        return !liveDir.equals(finalDir);
    }

    /** Moves the (closed) live queues into their final place, their files as sparse as they were. */
    public void finish() throws IOException {
        if (!staged() || !Files.exists(liveDir)) {
            return;
        }
        Files.createDirectories(finalDir);
        Files.walkFileTree(liveDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(finalDir.resolve(liveDir.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.getParent().equals(liveDir) && file.getFileName().toString().equals(OWNER_FILE)) {
                    Files.delete(file); // the staging's own, not the run's
                    return FileVisitResult.CONTINUE;
                }
                // holes stay holes: Files.move across filesystems would copy each chunk whole
                SparseFiles.move(file, finalDir.resolve(liveDir.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes the live queues without keeping them (after a failure or interruption). */
    public void discard() {
        if (!staged() || !Files.exists(liveDir)) {
            return;
        }
        try (var paths = Files.walk(liveDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: /dev/shm is cleared at reboot anyway.
        }
    }
}
