package io.nicsim.bench.cluster;

import io.nicsim.bench.results.ProcessStamp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A worker's own folder under its work root, {@code nicsim-worker-PID-ID}, stamped with its process
 * ({@link ProcessStamp}) so that the next worker on the machine removes it when this one died without cleaning up.
 * Each item runs in a folder of its own in it, removed once its result was sent.
 */
final class WorkFolder {

    static final String PREFIX = "nicsim-worker-";
    static final String OWNER = ".nicsim-worker-owner";

    private WorkFolder() {
    }

    /**
     * @param root   the work root ({@code --work}, default the temporary folder)
     * @param unique what sets this worker's folder apart from others of the same process (tests run several)
     * @return the worker's folder, made and stamped
     */
    static Path create(Path root, String unique) throws IOException {
        Path folder = root.resolve(PREFIX + ProcessHandle.current().pid() + "-" + unique);
        Files.createDirectories(folder);
        ProcessStamp.current().write(folder.resolve(OWNER));
        return folder;
    }

    /** @return the worker folders under {@code root} whose owner is gone, removed */
    static List<Path> cleanStale(Path root) {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path folder : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                Optional<ProcessStamp> owner = ProcessStamp.read(folder.resolve(OWNER));
                if (owner.isPresent() && !owner.get().alive()) {
                    ResultIntake.delete(folder);
                    removed.add(folder);
                }
            }
        } catch (IOException e) {
            // an unreadable root: the worker's own folder fails to be made, with the reason
        }
        return removed;
    }
}
