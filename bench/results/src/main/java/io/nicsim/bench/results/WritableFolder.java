package io.nicsim.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether nicsim can write into a folder, found by trying before anything starts: it creates the folder (and its
 * missing parents) and a small file in it, then removes all it made. Asking the file system ({@code access(2)}) is
 * not enough: root passes it on {@code /proc}, and it says nothing of a full disk. A failure is told with the OS's
 * reason (permission denied, read-only file system, no space left on device, not a folder), never a bare path.
 */
public final class WritableFolder {

    private static final String PROBE_PREFIX = ".nicsim-probe-";
    /** One page: on a full file system even the first byte of a file needs a block. */
    private static final byte[] PROBE_BYTES = "nicsim checks it can write here\n".repeat(128)
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * How often the probe is tried when the folder vanished under it: two processes given the same new folder at
     * once (nicsim nic and nicsim host) each make and remove it while probing.
     */
    private static final int RACE_ATTEMPTS = 5;
    /** {@link #attempt}'s answer when the folder vanished: compared by identity. */
    private static final String RACED = new String("raced");

    private WritableFolder() {
    }

    /**
     * Tries to write in {@code dir}, leaving the file system as it was.
     *
     * @return null if nicsim can create and write files there, else why not: "cannot create it: permission denied
     *         (/proc)", "cannot write in it: read-only file system"
     */
    public static String problem(Path dir) {
        String problem = RACED;
        for (int attempt = 0; attempt < RACE_ATTEMPTS && problem == RACED; attempt++) {
            problem = attempt(dir);
        }
        return problem == RACED ? "cannot write in it: another process keeps creating and removing it" : problem;
    }

    /** @return {@link #problem}'s answer, or {@link #RACED} when another process probing it removed the folder */
    private static String attempt(Path dir) {
        Path absolute;
        try {
            absolute = dir.toAbsolutePath().normalize();
        } catch (InvalidPathException | java.io.IOError e) {
            return "not a usable path: " + e.getMessage();
        }
        List<Path> created = new ArrayList<>();
        try {
            Path existing = absolute;
            while (existing != null && !Files.exists(existing)) {
                created.addFirst(existing);
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                if (!Files.exists(existing)) {
                    return RACED; // removed since the look: another process probing it
                }
                created.clear();
                return existing.equals(absolute) ? "expected a folder, found a file"
                        : "cannot create it: " + existing + " is a file, not a folder";
            }
            for (Path folder : List.copyOf(created)) {
                if (!createFolder(folder)) {
                    created.remove(folder); // another process made it meanwhile: theirs to remove
                }
            }
        } catch (NoSuchFileException e) {
            removeQuietly(created);
            return RACED; // a parent another process made was removed under us: missing ones are made here
        } catch (IOException e) {
            removeQuietly(created);
            return "cannot create it: " + reasonAbout(e, absolute);
        }
        try {
            if (!Files.isDirectory(absolute)) {
                return Files.exists(absolute) ? "expected a folder, found a file" : RACED;
            }
            Path probe = Files.createTempFile(absolute, PROBE_PREFIX, ".tmp");
            try {
                Files.write(probe, PROBE_BYTES);
            } finally {
                Files.deleteIfExists(probe);
            }
            return null;
        } catch (NoSuchFileException e) {
            return Files.exists(absolute) ? "cannot write in it: " + reasonAbout(e, absolute) : RACED;
        } catch (IOException e) {
            return "cannot write in it: " + reasonAbout(e, absolute);
        } finally {
            removeQuietly(created);
        }
    }

    /**
     * @return the OS's reason for {@code e} in a few words, with the file it concerns when that is not the folder
     *         asked about: "permission denied (/proc)", "read-only file system", "no space left on device"
     */
    public static String reason(Exception e) {
        String what = switch (e) {
            case AccessDeniedException _ -> "permission denied";
            case NotDirectoryException _ -> "not a folder";
            case FileAlreadyExistsException _ -> "a file is in the way";
            case NoSuchFileException _ -> "no such folder";
            case FileSystemException fs when fs.getReason() != null -> lower(fs.getReason());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : lower(e.getMessage());
        };
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return what + " (" + fs.getFile() + ")";
        }
        return what;
    }

    /**
     * Creates one folder whose parent exists; false if another process made it first. A file system that takes no
     * new folders at all ({@code /proc}, {@code /sys}) answers "no such file or directory", which would read as a
     * missing parent: it is said plainly.
     */
    private static boolean createFolder(Path folder) throws IOException {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Files.createDirectory(folder);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    if (Files.isDirectory(folder)) {
                        return false; // made by another process since the look (two-process: both sides start)
                    }
                    if (Files.exists(folder) || attempt == RACE_ATTEMPTS) {
                        throw e; // a file, or a folder another process keeps making and removing
                    }
                }
            }
        } catch (NoSuchFileException e) {
            Path parent = folder.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw e;
            }
            String type;
            try {
                type = Files.getFileStore(parent).type() + " ";
            } catch (IOException unknown) {
                type = "";
            }
            throw new FileSystemException(folder.toString(), null, "the " + type + "file system of " + parent
                    + " takes no new folders (no such file or directory)");
        }
    }

    /**
     * @return whether {@code file} is a probe this class writes and removes at once: another process checking the same
     *         folder this moment (a NIC and a host given one new {@code --dir})
     */
    public static boolean isProbe(Path file) {
        return file.getFileName() != null && file.getFileName().toString().startsWith(PROBE_PREFIX);
    }

    /** @return {@link #reason}, without the file when it is {@code dir} itself or the probe (the caller names it) */
    private static String reasonAbout(IOException e, Path dir) {
        String reason = reason(e);
        for (String self : new String[] {" (" + dir + ")", " (" + dir.resolve(PROBE_PREFIX)}) {
            int at = reason.indexOf(self);
            if (at > 0 && reason.endsWith(")")) {
                return reason.substring(0, at);
            }
        }
        return reason;
    }

    private static String lower(String reason) {
        return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }

    private static void removeQuietly(List<Path> created) {
        for (Path folder : created.reversed()) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // a folder another process filled meanwhile stays: it is theirs now
            }
        }
    }
}
