package io.nicsim.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A folder for a benchmark's Chronicle queues, removed when closed. It lives on memory-backed {@code /dev/shm}
 * when there is one, as runs stage their live queues (page faults on a disk file system stall appends for
 * milliseconds), so every variant of a benchmark writes to the same kind of memory.
 */
final class ScratchDir implements AutoCloseable {

    private static final Path SHM = Path.of("/dev/shm");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path path;

    private ScratchDir(Path path) {
        this.path = path;
    }

    static ScratchDir create(String label) throws IOException {
        String name = "nicsim-" + label + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        return new ScratchDir(Files.createDirectories(root().resolve(name)));
    }

    /** @return the folder scratch folders go into: /dev/shm if writable, else the JVM's temporary folder */
    static Path root() {
        return Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** @return whether the folder is on tmpfs ({@code /dev/shm}) */
    boolean inMemory() {
        return path.startsWith(SHM);
    }

    /** @return a sub-folder path (not created) for one run's queues */
    Path resolve(String name) {
        return path.resolve(name);
    }

    /** Removes a sub-folder now, freeing its memory before the next run. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: /dev/shm is cleared at reboot anyway
        }
    }

    @Override
    public void close() {
        delete(path);
    }
}
