package io.nicsim.bench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * A run's output folder: {@code runs/<timestamp>-<scenario>/} by default. nicsim only writes into a folder
 * that is new, empty, or one of its own (marked by {@value #MARKER}).
 */
public final class RunFolder {

    /** File that marks a folder as written by nicsim. */
    public static final String MARKER = ".nicsim-run";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {
    }

    /** @return {@code runs/<timestamp>-<name>} under {@code base} */
    public static Path defaultFor(Path base, String scenarioName, LocalDateTime now) {
        return base.resolve("runs").resolve(STAMP.format(now) + "-" + scenarioName.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Checks that {@code dir} may be written: it is new, empty or nicsim's, and nicsim can create it and write in it
     * ({@link WritableFolder}: tried, then removed, so the file system is left as it was).
     *
     * @return null if it may, else what is wrong with it, with the OS's reason
     */
    public static String problem(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return "expected a folder, found a file";
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(dir)) {
                // another process's probe of the same new folder, there for a moment, does not make it someone's
                if (entries.anyMatch(entry -> !WritableFolder.isProbe(entry))) {
                    return "folder is not empty and was not written by nicsim (no " + MARKER + "); choose another"
                            + " --out";
                }
            } catch (IOException e) {
                return "cannot list it: " + WritableFolder.reason(e);
            }
        }
        return WritableFolder.problem(dir);
    }

    /** Creates the folder and marks it as nicsim's. */
    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "written by nicsim\n");
        }
        return dir;
    }

    /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
