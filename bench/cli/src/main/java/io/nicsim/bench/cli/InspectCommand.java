package io.nicsim.bench.cli;

import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.report.JournalPrinter;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.scenario.Units;
import io.nicsim.nic.queue.JournalFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code nicsim inspect DIR}: a run's Chronicle journal as readable text. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print a run's Chronicle journal (descriptors, interrupts, doorbells) as readable text.",
                "One timeline: a descriptor at its written stamp, an interrupt when raised (with the packets it"
                        + " covers), a doorbell when the host rang it. Times are microseconds since packet 0's"
                        + " intended arrival.",
                "Example: nicsim inspect runs/20261126-020707-default-study --run platform-thread --kind interrupts"
                        + " --from 1s --limit 20"})
public final class InspectCommand implements Callable<Integer> {

    /** What inspect says of a run folder that kept no journal, and how to get one. */
    static final String NO_JOURNAL = "this run folder holds no Chronicle journal (sweep and tune points, virtual runs"
            + " and run.keepJournal: never keep none); run it again with --keep-journal to keep one";

    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder (or one run's queue folder)")
    Path dir;

    @Option(names = "--run", paramLabel = "RUN",
            description = "which run of the folder: its label (platform-thread), folder (1-platform-thread) or index"
                    + " (1), its first round for a run played in rounds, or a round's journal"
                    + " (1-platform-thread.round-2); default: the first")
    String run;

    @Option(names = "--queue", paramLabel = "N", description = "only RX queue (interrupt vector) N")
    Integer queue;

    @Option(names = "--kind", split = ",", paramLabel = "KIND",
            description = "which records: descriptors, interrupts, doorbells (default: all)")
    List<String> kinds;

    @Option(names = "--from", paramLabel = "TIME", description = "from this time, e.g. 1.5s (default: 0)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "up to this time, e.g. 1.6s (default: the end)")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "40",
            description = "print at most N records (default: ${DEFAULT-VALUE}; 0: all)")
    long limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInput {
        PrintWriter out = spec.commandLine().getOut();
        JournalPrinter.Filter filter = filter();
        if (!Files.isDirectory(dir)) {
            throw new BadInput(dir + ": " + (Files.exists(dir) ? "expected a folder, found a file"
                    : "no such folder"));
        }
        Path queueDir;
        List<Path> runs;
        if (JournalPrinter.isJournal(dir)) {
            runs = List.of(dir);
            queueDir = dir;
        } else {
            java.util.Optional<String> unfinished = RunProgress.problem(dir);
            if (unfinished.isPresent()) {
                throw new BadInput(dir + ": " + unfinished.get());
            }
            if (Files.isRegularFile(dir.resolve(Sweep.JSON_FILE))) {
                throw new BadInput(dir + ": a sweep folder; inspect one of its points, e.g. " + firstPoint(dir));
            }
            runs = runs(dir);
            queueDir = select(runs);
        }
        String corrupt = JournalFiles.problem(queueDir);
        if (corrupt != null) {
            throw new BadInput(corrupt);
        }
        out.printf("run %s: %s%s%n", queueDir.getFileName(), queueDir, runs.size() > 1 ? "  (runs here: "
                + String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList())
                + "; --run to choose)" : "");
        try {
            JournalPrinter.print(queueDir, filter, out);
        } catch (Exception | InternalError e) { // a record of another format, or files Chronicle cannot read
            out.flush();
            throw new BadInput(queueDir + ": cannot read the journal: " + ReportCommand.oneLine(e.getMessage()), e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private JournalPrinter.Filter filter() throws BadInput {
        Set<String> kindSet = new LinkedHashSet<>();
        for (String kind : kinds == null ? JournalPrinter.KINDS : kinds) {
            String k = kind.trim();
            if (!JournalPrinter.KINDS.contains(k)) {
                throw new BadInput("--kind: expected one of " + String.join(", ", JournalPrinter.KINDS) + ", found '"
                        + k + "'");
            }
            kindSet.add(k);
        }
        if (limit < 0) {
            throw new BadInput("--limit: expected 0 (all) or more, found '" + limit + "'");
        }
        if (queue != null && queue < 0) {
            throw new BadInput("--queue: expected 0 or more, found '" + queue + "'");
        }
        long fromNanos = from == null ? Long.MIN_VALUE : duration("--from", from);
        long toNanos = to == null ? Long.MAX_VALUE : duration("--to", to);
        if (from != null && to != null && toNanos < fromNanos) {
            throw new BadInput("--to " + to + " is before --from " + from);
        }
        return new JournalPrinter.Filter(queue, kindSet, fromNanos, toNanos, limit);
    }

    private static long duration(String flag, String text) throws BadInput {
        try {
            return Units.parseDurationNanos(text);
        } catch (IllegalArgumentException e) {
            throw new BadInput(flag + ": " + e.getMessage());
        }
    }

    /** The run folders' queue folders, by index. */
    private static List<Path> runs(Path dir) throws BadInput {
        Path queues = dir.resolve(RunFiles.QUEUES);
        List<Path> runs = new ArrayList<>();
        if (Files.isDirectory(queues)) {
            try (Stream<Path> entries = Files.list(queues)) {
                entries.filter(JournalPrinter::isJournal).forEach(runs::add);
            } catch (IOException e) {
                throw new BadInput(queues + ": cannot list it: " + e.getMessage());
            }
        }
        if (runs.isEmpty() && (Files.exists(dir.resolve(RunFolder.MARKER))
                || Files.exists(dir.resolve(SummaryWriter.FILE_NAME)))) {
            throw new BadInput(dir + ": " + NO_JOURNAL);
        }
        if (runs.isEmpty()) {
            throw new BadInput(dir + ": not a nicsim run folder (no journal under " + RunFiles.QUEUES + "/)");
        }
        runs.sort(Comparator.comparingLong(InspectCommand::index).thenComparing(p -> p.getFileName().toString()));
        return runs;
    }

    private static long index(Path run) {
        String name = run.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private Path select(List<Path> runs) throws BadInput {
        if (run == null) {
            return runs.getFirst();
        }
        for (Path candidate : runs) {
            String full = candidate.getFileName().toString();
            // a run played in rounds keeps a journal per round (0-busy-poll.round-2): its name picks round 1
            String name = full.replaceFirst("\\.round-[0-9]+$", "");
            if (full.equals(run) || name.equals(run) || name.substring(name.indexOf('-') + 1).equals(run)
                    || String.valueOf(index(candidate)).equals(run)) {
                return candidate;
            }
        }
        throw new BadInput("--run: no run '" + run + "' in " + dir + "; its runs: "
                + String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList()));
    }

    private static String firstPoint(Path sweep) {
        Path points = sweep.resolve(io.nicsim.bench.run.SweepRunner.POINTS);
        try (Stream<Path> entries = Files.list(points)) {
            return entries.sorted().findFirst().map(Path::toString).orElse(points.toString());
        } catch (IOException e) {
            return points.toString();
        }
    }
}
