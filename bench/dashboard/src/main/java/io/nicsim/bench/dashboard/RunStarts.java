package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nicsim.bench.results.AtomicFiles;
import io.nicsim.bench.results.RunFolder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs the page started: each as {@code nicsim run SCENARIO --live --out RUNS/<timestamp>-<name>
 * --exit-with-parent} through a {@link RunLauncher}, its output in {@code RUNS/.dashboard/logs/<folder>.log}; an edited
 * scenario saved first as {@code RUNS/.dashboard/<name>.yaml} (replaced by the next edit of the same name: the run
 * folder keeps the scenario it ran as scenario.yaml). Kept while the server runs, to list and to stop.
 */
final class RunStarts {

    /** The dashboard's own folder under the runs folder (its name starts with a dot: never listed, never served). */
    static final String FOLDER = ".dashboard";
    private static final int LAST_LINE_BYTES = 4096;

    private final Path runs;
    private final RunLauncher launcher;
    private final Clock clock;
    private final Map<String, Started> started = new LinkedHashMap<>();

    private record Started(String id, String scenario, String folder, List<String> args, Path log,
                           RunLauncher.Launched process) {
    }

    /**
     * A started run as the page lists it.
     *
     * @param id       its number in this server
     * @param folder   its run folder, relative to the runs folder
     * @param args     the arguments of its {@code nicsim} command
     * @param exitCode its exit code, or null while it runs
     * @param lastLine the last line it printed, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String id, String scenario, String folder, List<String> args, long pid, Integer exitCode,
                String lastLine) {
    }

    /**
     * @param runs     the runs folder, as given (the command line names it so)
     * @param launcher starts the commands
     * @param clock    the time in the run folders' names
     */
    RunStarts(Path runs, RunLauncher launcher, Clock clock) {
        this.runs = runs;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** @return the file an edited copy of the scenario {@code picked} (null: a new one) is saved as */
    Path editedFile(String picked) {
        String name = picked == null || picked.isBlank() ? "scenario"
                : Path.of(picked).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return runs.resolve(FOLDER).resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".yaml");
    }

    /** Saves {@code text} as {@code file} (one of {@link #editedFile}'s), replacing it in one move. */
    void save(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts {@code nicsim run scenarioFile} into a new run folder named after {@code scenarioName}. */
    synchronized View start(Path scenarioFile, String scenarioName) throws IOException {
        Path out = outputFolder(scenarioName);
        Path logs = Files.createDirectories(runs.resolve(FOLDER).resolve("logs"));
        Path log = logs.resolve(out.getFileName() + ".log");
        List<String> args = List.of("run", scenarioFile.toString(), "--live", "--out", out.toString(),
                "--exit-with-parent");
        RunLauncher.Launched process = launcher.launch(args, log);
        String id = String.valueOf(started.size() + 1);
        Started run = new Started(id, scenarioName, out.getFileName().toString(), args, log, process);
        started.put(id, run);
        return view(run);
    }

    /** @return whether {@code id} named a started run (now asked to stop if it still ran) */
    synchronized boolean stop(String id) {
        Started run = started.get(id);
        if (run == null) {
            return false;
        }
        if (run.process().exitCode() == null) {
            run.process().stop();
        }
        return true;
    }

    /** @return the started runs, in order */
    synchronized List<View> list() {
        List<View> views = new ArrayList<>();
        for (Started run : started.values()) {
            views.add(view(run));
        }
        return views;
    }

    /** @return {@code RUNS/<timestamp>-<name>}, or with {@code -2}, {@code -3} ... when that one is taken */
    private Path outputFolder(String scenarioName) {
        Path first = runs.resolve(RunFolder.defaultFor(Path.of(""), scenarioName, LocalDateTime.now(clock))
                .getFileName());
        Path out = first;
        for (int n = 2; Files.exists(out) || taken(out); n++) {
            out = first.resolveSibling(first.getFileName() + "-" + n);
        }
        return out;
    }

    private boolean taken(Path out) {
        return started.values().stream().anyMatch(run -> run.folder().equals(out.getFileName().toString()));
    }

    private static View view(Started run) {
        return new View(run.id(), run.scenario(), run.folder(), run.args(), run.process().pid(),
                run.process().exitCode(), lastLine(run.log()));
    }

    /** @return the last non-empty line of {@code log}, or null */
    static String lastLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - LAST_LINE_BYTES);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            return lines.isEmpty() ? null : lines.getLast();
        } catch (IOException e) {
            return null;
        }
    }
}
