package io.nicsim.bench.cluster;

import io.nicsim.bench.results.ProcessStamp;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.WritableFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster study's folder across coordinator restarts: whether a study may run in it (a new folder, or one holding
 * this same study, per its {@link ClusterRecord}), which items' run folders are complete (those are not run again),
 * and the leftovers removed before the others run (their incomplete folders, staging copies).
 */
public final class ClusterFolder {

    /** nicsim's own marks in a folder, and the live feed a {@code --live} study opens first, which hold no study. */
    private static final Set<String> MARKS = Set.of(RunFolder.MARKER, RunProgress.IN_PROGRESS,
            RunProgress.INCOMPLETE, io.nicsim.bench.results.LiveFeed.FILE_NAME);

    private ClusterFolder() {
    }

    /**
     * @param dir  the study folder ({@code --out})
     * @param plan the study about to run there
     * @return null if it may run there (new, or the same study to resume), else what is wrong, one line
     */
    public static String problem(Path dir, ClusterRecord plan) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Optional<ProcessStamp> writer = ProcessStamp.read(dir.resolve(RunProgress.IN_PROGRESS));
        if (writer.isPresent() && writer.get().alive() && writer.get().pid() != ProcessHandle.current().pid()) {
            return "a coordinator (nicsim pid " + writer.get().pid() + ") is still writing it; wait for it or stop it";
        }
        Path recordFile = dir.resolve(ClusterRecord.FILE_NAME);
        if (Files.exists(recordFile)) {
            try {
                String differs = ClusterRecord.read(recordFile).differsFrom(plan);
                return differs == null ? null : "holds another study (" + differs + "); a coordinator resumes only"
                        + " its own study: choose another --out";
            } catch (IOException e) {
                return "cannot resume from it: " + e.getMessage();
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> held = entries.filter(e -> !WritableFolder.isProbe(e))
                    .map(e -> e.getFileName().toString()).filter(name -> !MARKS.contains(name)).toList();
            return held.isEmpty() ? null : "holds a study that did not run over a cluster (no "
                    + ClusterRecord.FILE_NAME + "); a coordinator resumes only its own study: choose another --out";
        } catch (IOException e) {
            return "cannot list it: " + e.getMessage();
        }
    }

    /**
     * Before a study writes anything else in {@code dir}: checks it may run there ({@link #problem}), creates the
     * folder as nicsim's and writes cluster.json, the plan with what an earlier coordinator of the same study left,
     * so that a coordinator restarted at any later moment knows its own study.
     *
     * @return the record the study goes on with
     * @throws IllegalArgumentException "DIR: what is wrong", if the study may not run there
     */
    public static ClusterRecord begin(Path dir, ClusterRecord plan) throws IOException {
        String problem = problem(dir, plan);
        if (problem != null) {
            throw new IllegalArgumentException(dir + ": " + problem);
        }
        Path file = dir.resolve(ClusterRecord.FILE_NAME);
        ClusterRecord record = Files.isRegularFile(file) ? plan.resuming(ClusterRecord.read(file)) : plan;
        RunFolder.create(dir);
        record.write(dir);
        return record;
    }

    /** Copies the tree {@code from} to {@code to}, replacing what is there. */
    static void copyTree(Path from, Path to) throws IOException {
        RunFolder.deleteTree(to);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * @return whether {@code runDir} holds a finished run: no in-progress or incomplete mark, and a summary.json that
     *         reads back and was neither interrupted nor cut short
     */
    public static boolean complete(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(SummaryWriter.FILE_NAME)) || RunProgress.problem(runDir).isPresent()) {
            return false;
        }
        try {
            Summary summary = SummaryWriter.read(runDir.resolve(SummaryWriter.FILE_NAME));
            return !summary.interrupted() && summary.cutShort() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Before the items that are not complete run: removes what is in their way under {@code destDir}, each item's
     * folder that is not complete, and staging leftovers: entries whose name starts with '.' or with an item's folder
     * name and a '.' ({@code 03-rxUsecs=16.partial}). Anything else there is left alone.
     *
     * @param complete whether an item is complete (its folder stays)
     * @return what was removed
     */
    public static List<Path> clean(Path destDir, List<WorkItem> items, Predicate<WorkItem> complete)
            throws IOException {
        if (!Files.isDirectory(destDir)) {
            return List.of();
        }
        Set<String> folders = items.stream().map(WorkItem::folder).collect(Collectors.toSet());
        Set<String> kept = items.stream().filter(complete).map(WorkItem::folder).collect(Collectors.toSet());
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(destDir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                boolean leftover = name.startsWith(".") || folders.stream().anyMatch(f -> name.startsWith(f + "."));
                if (leftover || (folders.contains(name) && !kept.contains(name))) {
                    RunFolder.deleteTree(entry);
                    removed.add(entry);
                }
            }
        }
        return removed;
    }
}
