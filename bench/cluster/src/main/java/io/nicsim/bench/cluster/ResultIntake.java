package io.nicsim.bench.cluster;

import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One result coming back, written into a staging folder {@code DEST/.incoming-FOLDER-ATTEMPT} and only then, whole and
 * checked, moved to {@code DEST/FOLDER} in one rename: names and sizes checked before anything is written
 * ({@link ResultRules}), each chunk at its expected offset and within its file's size, each file's SHA-256 against the
 * worker's manifest, summary.json read as data ({@link SummaryWriter#read}) with at least one run. A folder already
 * there is never overwritten. Nothing is written outside DEST. Blocking: called off the event loop, one call at a
 * time.
 */
final class ResultIntake {

    /** The prefix of staging folders in DEST. */
    static final String STAGING_PREFIX = ".incoming-";

    private final Path staging;
    private final Path target;
    private final List<ResultRules.FileEntry> files;
    private final long[] written;
    private final MessageDigest[] digests;

    private ResultIntake(Path staging, Path target, List<ResultRules.FileEntry> files) {
        this.staging = staging;
        this.target = target;
        this.files = List.copyOf(files);
        this.written = new long[files.size()];
        this.digests = new MessageDigest[files.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = sha256();
        }
    }

    /** What became of a result. */
    enum Outcome { MOVED, DUPLICATE }

    /**
     * Checks the manifest and makes an empty staging folder (removing one a dead coordinator left).
     *
     * @throws ResultRefused when the manifest breaks a rule, or the staging folder cannot be made
     */
    static ResultIntake open(Path dest, String folder, int attempt, List<ResultRules.FileEntry> files)
            throws ResultRefused {
        String problem = ResultRules.folderProblem(folder);
        problem = problem != null ? problem : ResultRules.manifestProblem(files);
        if (problem != null) {
            throw new ResultRefused(problem);
        }
        Path staging = dest.resolve(STAGING_PREFIX + folder + "-" + attempt);
        try {
            Files.createDirectories(dest);
            delete(staging);
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new ResultRefused("cannot make " + staging + ": " + e.getMessage());
        }
        ResultIntake intake = new ResultIntake(staging, dest.resolve(folder), files);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).bytes() == 0) {
                intake.append(i, new byte[0]); // an empty file gets no chunk
            }
        }
        return intake;
    }

    /** @return the staging folder */
    Path staging() {
        return staging;
    }

    /**
     * Appends a chunk of file {@code index} at {@code offset}.
     *
     * @throws ResultRefused an unknown file, an offset other than what was written so far, more bytes than the
     *                       manifest said, or a write that failed
     */
    void write(int index, long offset, byte[] bytes) throws ResultRefused {
        if (index < 0 || index >= files.size()) {
            throw new ResultRefused("a chunk of file " + index + " of " + files.size());
        }
        ResultRules.FileEntry file = files.get(index);
        if (offset != written[index]) {
            throw new ResultRefused("a chunk of '" + file.name() + "' at " + offset + ", expected " + written[index]);
        }
        if (written[index] + bytes.length > file.bytes()) {
            throw new ResultRefused("'" + file.name() + "' longer than the " + file.bytes() + " bytes announced");
        }
        append(index, bytes);
    }

    private void append(int index, byte[] bytes) throws ResultRefused {
        Path path = staging.resolve(files.get(index).name());
        if (!path.normalize().startsWith(staging)) { // the names are checked; this is a second lock on the door
            throw new ResultRefused("'" + files.get(index).name() + "' resolves outside the staging folder");
        }
        try {
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new ResultRefused("cannot write " + path + ": " + e.getMessage());
        }
        written[index] += bytes.length;
        digests[index].update(bytes);
    }

    /**
     * Checks the whole result and moves it into place.
     *
     * @return {@link Outcome#MOVED}, or {@link Outcome#DUPLICATE} when DEST/FOLDER was already there (kept)
     * @throws ResultRefused a file shorter than announced or whose SHA-256 differs, or an unusable summary.json
     */
    Outcome finish() throws ResultRefused {
        for (int i = 0; i < files.size(); i++) {
            ResultRules.FileEntry file = files.get(i);
            if (written[i] != file.bytes()) {
                throw new ResultRefused("'" + file.name() + "' has " + written[i] + " of " + file.bytes() + " bytes");
            }
            String sha = HexFormat.of().formatHex(digests[i].digest());
            if (!sha.equals(file.sha256())) {
                throw new ResultRefused("'" + file.name() + "' does not match its SHA-256 (altered or damaged)");
            }
        }
        try {
            Summary summary = SummaryWriter.read(staging.resolve(ResultRules.SUMMARY));
            if (summary.runs() == null || summary.runs().isEmpty()) {
                throw new ResultRefused(ResultRules.SUMMARY + " holds no run");
            }
        } catch (IOException e) {
            throw new ResultRefused(oneLine(e.getMessage()));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            discard();
            return Outcome.DUPLICATE;
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            discard();
            return Outcome.DUPLICATE;
        } catch (IOException e) {
            throw new ResultRefused("cannot move " + staging + " to " + target + ": " + e.getMessage());
        }
        return Outcome.MOVED;
    }

    /** Removes the staging folder and what it holds. */
    void discard() {
        try {
            delete(staging);
        } catch (IOException e) {
            // left for the next coordinator on this DEST, which removes staging folders first
        }
    }

    /** Removes the staging folders a coordinator that died left in {@code dest}. */
    static void cleanStaging(Path dest) {
        try (Stream<Path> entries = Files.list(dest)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
                delete(entry);
            }
        } catch (IOException e) {
            // no DEST yet, or unreadable: nothing of ours to clean
        }
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replace('\n', ' ');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** A result refused: its message is one line saying why. */
    static final class ResultRefused extends Exception {

        private static final long serialVersionUID = 1L;

        ResultRefused(String message) {
            super(message);
        }
    }
}
