package io.nicsim.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@link DiskWatch} and {@link DiskBudget} learn how many bytes a folder's filesystem can still take. */
@FunctionalInterface
public interface FreeSpace {

    /**
     * The operating system's answer ({@code FileStore.getUsableSpace}, a {@code statfs}) for the nearest existing
     * folder at or above {@code path}, so a run folder not yet created is answered for the filesystem it will be on.
     */
    FreeSpace SYSTEM = path -> Files.getFileStore(existing(path)).getUsableSpace();

    /** @return bytes a process may still write on the filesystem that holds (or will hold) {@code path} */
    long usableBytes(Path path) throws IOException;

    /** @return {@code path} or its nearest existing parent */
    static Path existing(Path path) {
        Path p = path.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }
}
