package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.Sweep;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run list: every folder up to {@value #MAX_DEPTH} levels under the runs folder (so a sweep's and a tune's points
 * and a comparison show) that holds a summary.json, sweep.json, tune.json or live feed; names starting with a dot and
 * the Chronicle queues are skipped, symbolic links not followed. A folder's row is read again only when one of its
 * files changed (size or time) or while its feed is live (its process may die without a word).
 */
public final class RunIndex {

    /** How deep under the runs folder run folders are looked for. */
    public static final int MAX_DEPTH = 3;
    /** A tune's results in its folder (bench/tune's TuneResult.JSON_FILE; the dashboard does not depend on tune). */
    static final String TUNE_JSON = "tune.json";
    private static final List<String> FILES = List.of(SummaryWriter.FILE_NAME, Sweep.JSON_FILE, TUNE_JSON,
            LiveFeed.FILE_NAME, "report.html");
    /** The state of a study nicsim stopped itself because a filesystem was nearly full (summary.json's cutShort). */
    static final String DISK_FULL = "disk-full";
    private static final Pattern STAMP = Pattern.compile("^(\\d{8}-\\d{6})(?:-.*)?$");
    private static final DateTimeFormatter FOLDER_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RunsPathGuard guard;
    private final ProcessCheck processes;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(List<Long> stamps, RunEntry entry) {
    }

    RunIndex(RunsPathGuard guard, ProcessCheck processes) {
        this.guard = guard;
        this.processes = processes;
    }

    /** @return every run folder's row: newest top-level folder first, each followed by the folders under it */
    public List<RunEntry> list() throws IOException {
        List<RunEntry> entries = new ArrayList<>();
        List<Path> folders = folders();
        for (Path folder : folders) {
            List<Long> stamps = stamps(folder);
            if (stamps.stream().allMatch(stamp -> stamp < 0)) {
                cache.remove(folder);
                continue;
            }
            Cached cached = cache.get(folder);
            if (cached == null || !cached.stamps().equals(stamps) || running(cached.entry())) {
                cached = new Cached(stamps, read(folder));
                cache.put(folder, cached);
            }
            entries.add(cached.entry());
        }
        cache.keySet().retainAll(folders);
        entries.sort(Comparator.comparing((RunEntry entry) -> topKey(entry.path())).reversed()
                .thenComparing(RunEntry::path));
        return entries;
    }

    /** @return whether a row's state may change with no file changing: its process may die without a word */
    private static boolean running(RunEntry entry) {
        return FeedStatus.LIVE.equals(entry.state()) || FeedStatus.STARTING.equals(entry.state());
    }

    private List<Path> folders() throws IOException {
        List<Path> folders = new ArrayList<>();
        Path root = guard.root();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (skipped(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        folders.add(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isDirectory() && !skipped(file)) { // a folder at the deepest level
                            folders.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // a folder nicsim cannot read is not listed
                    }
                });
        return folders;
    }

    /** @return whether the walk leaves {@code dir} out: a name starting with a dot, or a run's Chronicle queues */
    private static boolean skipped(Path dir) {
        String name = dir.getFileName().toString();
        return name.startsWith(".") || name.equals(RunFiles.QUEUES);
    }

    /** @return each of {@link #FILES}'s size and time in {@code folder}, -1 for a missing one */
    private static List<Long> stamps(Path folder) {
        List<Long> stamps = new ArrayList<>();
        for (String name : FILES) {
            Path file = folder.resolve(name);
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(attributes.isRegularFile() ? attributes.size() * 31 + attributes.lastModifiedTime()
                        .toMillis() : -1);
            } catch (IOException e) {
                stamps.add(-1L);
            }
        }
        return stamps;
    }

    private RunEntry read(Path folder) {
        Row row = new Row(guard.relative(folder));
        row.report = Files.isRegularFile(folder.resolve("report.html"));
        try {
            Path feed = folder.resolve(LiveFeed.FILE_NAME);
            if (Files.isRegularFile(feed)) {
                row.feed(FeedStatus.read(feed, processes));
            }
            if (Files.isRegularFile(folder.resolve(SummaryWriter.FILE_NAME))) {
                row.summary(SummaryWriter.read(folder.resolve(SummaryWriter.FILE_NAME)));
            } else if (Files.isRegularFile(folder.resolve(Sweep.JSON_FILE))) {
                row.sweep(Sweep.read(folder.resolve(Sweep.JSON_FILE)));
            } else if (Files.isRegularFile(folder.resolve(TUNE_JSON))) {
                row.tune(Json.MAPPER.readTree(folder.resolve(TUNE_JSON).toFile()));
            }
        } catch (IOException | RuntimeException e) {
            row.problem = String.valueOf(e.getMessage()).replace(guard.root() + "/", "");
        }
        if (row.date == null) {
            row.date = fileDate(folder);
        }
        return row.entry();
    }

    /** @return the folder name's time stamp ({@code 20261206-101500-...}) shown, or null */
    static String folderDate(String name) {
        Matcher matcher = STAMP.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return SHOWN.format(LocalDateTime.parse(matcher.group(1), FOLDER_STAMP));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String fileDate(Path folder) {
        for (String name : FILES) {
            try {
                return SHOWN.format(LocalDateTime.ofInstant(Files.getLastModifiedTime(folder.resolve(name))
                        .toInstant(), ZoneId.systemDefault()));
            } catch (IOException e) {
                // the next file
            }
        }
        return null;
    }

    /** @return the key that orders top-level folders newest first: its stamp from its name, else its name */
    private static String topKey(String path) {
        String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String date = folderDate(top);
        return date != null ? "1 " + date : "0 " + top;
    }

    /** A row being filled from the folder's files. */
    private static final class Row {
        private final String path;
        private String kind;
        private String scenario;
        private String date;
        private String policy;
        private List<String> consumers = List.of();
        private List<RunEntry.Headline> headline = List.of();
        private String state;
        private boolean live;
        private boolean report;
        private String problem;

        Row(String path) {
            this.path = path;
            this.date = folderDate(path.substring(path.lastIndexOf('/') + 1));
        }

        void feed(FeedStatus status) {
            live = true;
            state = status.state();
            if (status.started() != null) {
                kind = status.started().command();
                scenario = status.started().scenario();
                policy = status.started().policy();
                consumers = status.started().consumers();
                if (date == null) {
                    date = startDate(status.started().startedAt());
                }
            }
        }

        void summary(Summary summary) {
            kind = summary.comparison() != null ? "compare" : kind == null ? "run" : kind;
            scenario = summary.scenario();
            LinkedHashSet<String> policies = new LinkedHashSet<>();
            List<String> labels = new ArrayList<>();
            List<RunEntry.Headline> figures = new ArrayList<>();
            for (RunResult run : summary.runs()) {
                policies.add(run.policy());
                labels.add(run.name());
                figures.add(new RunEntry.Headline(run.name(), run.notificationFigure("p50"),
                        run.notificationFigure("p99")));
            }
            policy = String.join(",", policies);
            consumers = labels;
            headline = figures;
            finished(summary.interrupted(), summary.cutShort() != null);
        }

        void sweep(Sweep sweep) {
            kind = "sweep";
            scenario = sweep.scenario();
            policy = String.join(",", sweep.rows().stream().map(Sweep.Row::policy).distinct().toList());
            consumers = sweep.rows().stream().map(Sweep.Row::consumer).distinct().toList();
            headline = StudyHeadlines.sweep(sweep);
            finished(sweep.interrupted(), sweep.cutShort() != null);
        }

        void tune(JsonNode tune) {
            kind = "tune";
            scenario = tune.path("scenario").asText(null);
            policy = tune.path("policy").asText(null);
            consumers = tune.hasNonNull("consumer") ? List.of(tune.get("consumer").asText()) : List.of();
            headline = StudyHeadlines.tune(tune);
            finished(tune.path("interrupted").asBoolean(false), false);
        }

        /** A finished study's state, unless its feed says more (live, or its own outcome). */
        private void finished(boolean interrupted, boolean cutShort) {
            if (state == null || state.equals(FeedStatus.CUT_SHORT)) {
                state = cutShort ? DISK_FULL : interrupted ? "interrupted" : "completed";
            }
        }

        private static String startDate(String startedAt) {
            try {
                return SHOWN.format(LocalDateTime.ofInstant(java.time.Instant.parse(startedAt),
                        ZoneId.systemDefault()));
            } catch (DateTimeParseException | NullPointerException e) {
                return null;
            }
        }

        RunEntry entry() {
            return new RunEntry(path, kind == null ? "run" : kind, scenario, date, policy, consumers, headline,
                    state, live, report, problem);
        }
    }
}
