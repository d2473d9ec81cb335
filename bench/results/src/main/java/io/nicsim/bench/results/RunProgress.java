package io.nicsim.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a run folder's run finished. Its writer puts {@value #IN_PROGRESS} (the writing process's
 * {@link ProcessStamp}) into the folder before anything else and removes it as the last step, after summary.json;
 * a run that fails midway turns it into {@value #INCOMPLETE} (one line: why). A folder whose in-progress stamp names
 * a process that is gone (killed, crashed, a second Ctrl-C) is incomplete too: {@link #markIfAbandoned} writes so.
 * An interrupted run (Ctrl-C) is complete: its summary.json says {@code "interrupted": true}.
 */
public final class RunProgress {

    /** The stamp of the process writing the folder, while it writes it. */
    public static final String IN_PROGRESS = ".nicsim-in-progress";
    /** Why the folder's run did not finish. */
    public static final String INCOMPLETE = ".nicsim-incomplete";

    private RunProgress() {
    }

    /** Marks {@code dir} (which exists) as written by this process now; a mark of an earlier run is dropped. */
    public static void begin(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(INCOMPLETE));
        ProcessStamp.current().write(dir.resolve(IN_PROGRESS));
    }

    /** The folder's run finished: removes the in-progress mark (the last thing a run writes). */
    public static void end(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(IN_PROGRESS));
    }

    /**
     * The folder's run failed midway: marks it incomplete, saying why; nothing for a folder not in progress (its run
     * finished). Best effort (the run already failed; a folder that cannot take the mark keeps its in-progress stamp,
     * which the next start finds abandoned).
     */
    public static void fail(Path dir, String why) {
        try {
            if (Files.isRegularFile(dir.resolve(IN_PROGRESS))) {
                Files.writeString(dir.resolve(INCOMPLETE), oneLine(why) + "\n", StandardCharsets.UTF_8);
                Files.deleteIfExists(dir.resolve(IN_PROGRESS));
            }
        } catch (IOException ignored) {
            // the in-progress stamp stays: the next start marks the folder incomplete
        }
    }

    /**
     * Marks {@code dir} incomplete when its in-progress stamp names a process that is gone.
     *
     * @return whether it did
     */
    public static boolean markIfAbandoned(Path dir) {
        Path stampFile = dir.resolve(IN_PROGRESS);
        if (!Files.isRegularFile(stampFile)) {
            return false;
        }
        Optional<ProcessStamp> stamp = ProcessStamp.read(stampFile);
        if (stamp.isEmpty() || stamp.get().alive()) {
            return false;
        }
        fail(dir, abandoned(stamp.get()));
        return !Files.exists(stampFile);
    }

    /**
     * @return what keeps {@code dir} from being read as a finished run, and what to do, in one line ({@code
     *         "incomplete run folder (its nicsim process (pid 1234) ended before the run finished): its files are
     *         partial; run the scenario again"}, {@code "run in progress (nicsim pid 1234 is still writing it); wait
     *         for it to finish"}), or empty when nothing does
     */
    public static Optional<String> problem(Path dir) {
        Path incomplete = dir.resolve(INCOMPLETE);
        if (Files.isRegularFile(incomplete)) {
            String why;
            try {
                why = oneLine(Files.readString(incomplete, StandardCharsets.UTF_8)).strip();
            } catch (IOException e) {
                why = "";
            }
            return Optional.of(incomplete(why));
        }
        Path stampFile = dir.resolve(IN_PROGRESS);
        if (Files.isRegularFile(stampFile)) {
            Optional<ProcessStamp> stamp = ProcessStamp.read(stampFile);
            if (stamp.isPresent() && stamp.get().alive()) {
                return Optional.of("run in progress (nicsim pid " + stamp.get().pid() + " is still writing it);"
                        + " wait for it to finish");
            }
            return Optional.of(incomplete(stamp.map(RunProgress::abandoned)
                    .orElse("its nicsim process ended before the run finished")));
        }
        return Optional.empty();
    }

    private static String incomplete(String why) {
        return "incomplete run folder" + (why.isEmpty() ? "" : " (" + why + ")")
                + ": its files are partial; run the scenario again";
    }

    private static String abandoned(ProcessStamp stamp) {
        return "its nicsim process (pid " + stamp.pid() + ") ended before the run finished";
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text;
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
