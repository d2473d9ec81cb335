package io.nicsim.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A benchmark's scratch folder for Chronicle queues: on /dev/shm (tmpfs, as runs put them) where it is writable. */
final class QueueDir {

    private QueueDir() {
    }

    /** @return a new empty folder under /dev/shm, or under the system's temporary folder without it */
    static Path create() throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "nicsim-jmh") : Files.createTempDirectory("nicsim-jmh");
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
