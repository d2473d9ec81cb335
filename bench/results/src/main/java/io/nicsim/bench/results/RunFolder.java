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
     * Checks that {@code dir} may be written, without writing anything.
     *
     * @return null if it may, else what is wrong with it
     */
    public static String problem(Path dir) {
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            return parent == null || Files.isWritable(parent) ? null : "cannot create it: " + parent
                    + " is not writable";
        }
        if (!Files.isDirectory(dir)) {
            return "expected a folder, found a file";
        }
        if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
            return "folder is not readable and writable";
        }
        if (Files.exists(dir.resolve(MARKER))) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent()
                    ? "folder is not empty and was not written by nicsim (no " + MARKER + "); choose another --out"
                    : null;
        } catch (IOException e) {
            return "cannot list it: " + e.getMessage();
        }
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
