package io.nicsim.bench.cli;

import io.nicsim.bench.results.KeyUse;
import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.run.QuietChecks;
import io.nicsim.bench.report.LatencyTable;
import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.JitWarmupReport;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.Leftovers;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.run.virtual.HostModelFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of every command that runs scenarios ({@code run}, {@code sweep}, {@code compare}), and their handling.
 */
public final class StudyOptions {

    /** Exit code of a command stopped by Ctrl-C or SIGTERM (after writing what ran). */
    public static final int INTERRUPTED = io.nicsim.bench.run.Interruption.EXIT_CODE;

    private static final String SET_PREFIX = "--set: ";

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "scenario YAML file (default: the built-in default study)")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/<timestamp>-<scenario>)")
    Path out;

    @Mixin
    RunOverrides overrides;

    @Option(names = "--export-packets", description = {"write packets.csv per run: one row per generated packet with"
            + " every stamp (the host stamps cost one Chronicle append per packet on the consumer thread); made from"
            + " the live journal as each run ends, so also where no journal is kept (run.keepJournal)"})
    boolean exportPackets;

    @Option(names = {"--keep-journal", "--journal"}, description = "keep every run's Chronicle journal in its run"
            + " folder, for nicsim inspect: sweep and tune points and virtual runs too (short for --set"
            + " run.keepJournal=always; by default only paced runs of run and compare keep it)")
    boolean journal;

    @Option(names = "--quiet", description = "show no progress (for scripts); results are still printed")
    boolean quiet;

    @Mixin
    ErrorOutput errors;

    @Mixin
    HandlerJars handlerJars;

    @Mixin
    LiveOption live;

    /** @return the --set overrides with --duration applied last */
    List<String> overrides() {
        List<String> all = new ArrayList<>(overrides.all());
        if (journal) {
            all.add("run.keepJournal=" + io.nicsim.bench.scenario.RunConfig.KEEP_JOURNAL_ALWAYS);
        }
        return all;
    }

    /**
     * Loads the scenario with the --set overrides (errors name --set), a virtual run's host model, and the user's
     * handler ({@code host.handler} from the jars of {@code --handler-jar}).
     */
    Scenario load() throws ScenarioException, BadInput {
        return checkHandler(checkHostModel(ScenarioLoader.load(scenarioFile, overrides())));
    }

    /**
     * The user's handler that {@code scenario} names is loaded from the jars of {@code --handler-jar} and checked
     * (its constructor runs once) before anything runs or is written; the runs then make and call it
     * ({@link #runOptions}).
     *
     * @return the scenario
     * @throws BadInput one line: a jar or the class cannot be used, or one of host.handler and --handler-jar is given
     *                  without the other ({@link HandlerJars#resolve})
     */
    Scenario checkHandler(Scenario scenario) throws BadInput {
        handlerJars.resolve(scenario.host());
        return scenario;
    }

    /**
     * A virtual run's host model (run.hostModel) is read before anything runs or is written: a missing, malformed or
     * foreign-version file, or one without costs for a consumer the scenario runs, is one line naming the file.
     *
     * @return the scenario
     * @throws ScenarioException "run.hostModel: cannot read host model FILE: why"
     */
    static Scenario checkHostModel(Scenario scenario) throws ScenarioException {
        String problem = scenario.run().virtual()
                ? HostModelFiles.problem(scenario.run().hostModel(), scenario.host().consumers()) : null;
        if (problem != null) {
            throw new ScenarioException("run.hostModel", null, problem);
        }
        return scenario;
    }

    /**
     * Loads the scenario with more overrides that come from {@code flag} (--param, --policies, ...). Call after
     * {@link #load()} succeeded, so an error here is about those.
     */
    Scenario load(String flag, List<String> more) throws ScenarioException, BadInput {
        List<String> all = new ArrayList<>(overrides());
        all.addAll(more);
        try {
            return checkHandler(checkHostModel(ScenarioLoader.load(scenarioFile, all)));
        } catch (ScenarioException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(SET_PREFIX)) {
                throw new ScenarioException(flag, null, message.substring(SET_PREFIX.length()), e);
            }
            throw e;
        }
    }

    /**
     * Warns once per key, on {@code err}, about a --set that none of {@code runs} reads (a firmware key of another
     * policy, a traffic key of another kind, a shape's key): it changes nothing, which is worth knowing.
     */
    void warnUnusedSets(java.util.Collection<Scenario> runs, PrintWriter err) {
        java.util.Set<String> warned = new java.util.HashSet<>();
        for (String override : overrides.all()) {
            int eq = override.indexOf('=');
            String key = eq < 0 ? override.trim() : override.substring(0, eq).trim();
            String unused = KeyUse.unused(key, runs);
            if (unused != null && warned.add(key)) {
                err.println("warning: --set " + key + ": " + unused + "; it changes nothing here");
            }
        }
        err.flush();
    }

    /**
     * What runs before a study, after every check of its input (so an error stays one line): the warnings of
     * {@link #warnUnusedSets}, then a look at the machine before paced runs ({@link QuietChecks}), each of its warnings
     * printed once on {@code err}.
     *
     * @return the machine checks, for summary.json; null if every run is virtual
     */
    MachineChecks beforeRuns(java.util.Collection<Scenario> runs, PrintWriter err) throws InterruptedException {
        warnUnusedSets(runs, err);
        MachineChecks checks = QuietChecks.look(runs);
        if (checks != null) {
            for (String warning : checks.warnings()) {
                err.println("warning: " + warning);
            }
            err.flush();
        }
        return checks;
    }

    /** @throws ScenarioException if --export-packets is set and cannot export one of these runs */
    void checkExport(Scenario scenario, List<String> consumers) throws ScenarioException {
        if (!exportPackets) {
            return;
        }
        for (String consumer : consumers) {
            String problem = ConsumerRun.exportProblem(scenario, consumer, handlerJars.source());
            if (problem != null) {
                throw new ScenarioException("--export-packets", null, problem);
            }
        }
    }

    /**
     * @return --out, or {@code runs/<timestamp>-<scenario><suffix>}, tried writable (created with a file in it, then
     *         removed: {@code WritableFolder}), after the options were checked against the scenario
     */
    Path outputFolder(Scenario scenario, String suffix) throws ScenarioException {
        checkExport(scenario, scenario.host().consumers());
        Path dir = out != null ? out : RunFolder.defaultFor(Path.of(""), scenario.name() + suffix, LocalDateTime.now());
        String problem = RunFolder.problem(dir);
        if (problem != null) {
            throw new ScenarioException("--out " + dir, null, problem);
        }
        return dir;
    }

    /**
     * Before a command that runs traffic, once its input was checked: removes the queue staging folders of nicsim
     * processes that are gone and marks their run folders beside {@code outDir} incomplete, one line each on
     * {@code err} ({@link Leftovers}).
     */
    static void cleanLeftovers(Path outDir, PrintWriter err) {
        Leftovers.clean(outDir.toAbsolutePath().normalize().getParent(), err);
    }

    Progress progress(PrintWriter out) {
        return Progress.detect(out, quiet);
    }

    /**
     * The disk budget of these runs before they start ({@link DiskCheck}): refuses or warns, then watches the disk
     * through {@code stop}.
     *
     * @param runs one scenario per consumer run (rounds are counted from run.rounds)
     */
    void checkDisk(List<Scenario> runs, Path dir, boolean commandKeepsJournal, StopSignal stop, PrintWriter err)
            throws BadInput {
        DiskCheck.before(runs, dir, exportPackets, commandKeepsJournal, stop, err);
    }

    /** @return one scenario per consumer the scenario lists */
    static List<Scenario> perConsumer(Scenario scenario) {
        return scenario.host().consumers().stream().map(scenario::withConsumer).toList();
    }

    /** @return the runs' options: export, stop, progress, and the handler of {@code --handler-jar} (or none) */
    RunOptions runOptions(StopSignal stop, Progress progress) {
        return new RunOptions(exportPackets, stop, progress).withHandler(handlerJars.source());
    }

    /** @return {@link #runOptions(StopSignal, Progress)}, each run streaming its seconds to {@code feed} */
    RunOptions runOptions(StopSignal stop, Progress progress, io.nicsim.bench.results.LiveFeed feed) {
        return runOptions(stop, progress).withLive(io.nicsim.bench.run.LiveTarget.of(feed));
    }

    static String commandLine(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        return "nicsim " + String.join(" ", args);
    }

    /**
     * The study table, the rounds' ranges and the platform's jitter beside it, then latency, stage and cost details,
     * and where the files are.
     */
    static void printResults(PrintWriter out, Summary summary, Path runDir) {
        out.println();
        out.print(LatencyTable.renderStudy(summary));
        if (summary.cutShort() != null) {
            out.println("Cut short, " + summary.cutShort().describe() + ": the traffic stopped, packets not injected"
                    + " count as disk-full drops, later runs did not start.");
        }
        out.print(LatencyTable.renderPriorities(summary));
        for (String table : List.of(LatencyTable.renderRounds(summary), LatencyTable.renderJitter(summary),
                LatencyTable.render(summary), LatencyTable.renderStages(summary), LatencyTable.renderCosts(summary))) {
            if (!table.isEmpty()) {
                out.println();
                out.print(table);
            }
        }
        out.println();
        out.println("notification latency = woken - intended arrival (coordinated-omission"
                + " corrected), microseconds; 'lag' is");
        out.println("the simulated device's own lateness: a descriptor's actual append - its model"
                + " write time. 'p99 uncorr'");
        out.println("is measured from the actual injection instead. CPU and context switches"
                + " (blocked + preempted) are the");
        out.println("consumer's threads' per packet; syscalls/pkt are its way of waiting's system"
                + " calls (waits, reads and");
        out.println("writes, the interrupt path's wake-ups; ~ = estimated from context switches); pinned = carriers a");
        out.println("virtual-thread consumer held blocked in a native call, most at once / the"
                + " scheduler's; mem/waiter is");
        out.println("what one more parked waiter of the consumer's kind holds (a platform thread's"
                + " resident stack, a virtual");
        out.println("thread's or callback's heap), from a probe JVM. 'platform jitter' is how late a"
                + " probe thread's 1 ms");
        out.println("sleeps woke over the measured window (jHiccup's measure): stalls the machine"
                + " inflicts on every thread,");
        out.println("beside the tail they explain.");
        summary.runs().stream().filter(run -> run.rounds() != null).findFirst().ifPresent(run -> out.println(
                "Played in " + run.rounds().count() + " rounds, each consumer's turn rotating: the first table's"
                        + " latencies are the median\nover rounds (their range above); the other tables pool the"
                        + " rounds (histograms added)."));
        if (summary.jitWarmup() != null) {
            out.println(jitWarmupLine(summary.jitWarmup()));
        }
        out.println("Details: "
                + runDir.resolve(SummaryWriter.FILE_NAME) + "; charts: " + runDir.resolve(RunReport.FILE_NAME));
    }

    /** @return what the JIT warm-up round waited, and what the compiler still did during the measured rounds */
    static String jitWarmupLine(JitWarmupReport warmup) {
        String round = JitWarmupReport.OFF.equals(warmup.ended()) ? "No JIT warm-up round (run.jitWarmup=0)"
                : String.format(Locale.ROOT, "JIT warm-up round: %.1f s, %d passes, ended %s", warmup.wallNanos() / 1e9,
                        warmup.passes().size(), warmup.ended());
        return round + (warmup.compileMillisMeasured() < 0 ? "." : String.format(Locale.ROOT,
                "; the compiler then worked %,d ms during the measured rounds.", warmup.compileMillisMeasured()));
    }

    /** @return "1 of 4 runs ran, the last stopped early" */
    static String ranOf(Summary summary, int planned) {
        boolean cut = !summary.runs().isEmpty() && summary.runs().getLast().interrupted();
        return summary.runs().size() + " of " + planned + " runs ran" + (cut ? ", the last ("
                + summary.runs().getLast().name() + ") stopped early" : "");
    }

    /**
     * After a study stopped early: what ran, on stderr; returns {@link ExitCodes#CUT_SHORT} when the disk watch cut
     * it short, else {@link #INTERRUPTED}.
     */
    static int stoppedEarly(PrintWriter err, io.nicsim.bench.results.CutShort cutShort, String what, Path dir) {
        return cutShort != null ? DiskCheck.cutShort(err, cutShort, what, dir) : interrupted(err, what, dir);
    }

    /** After an interrupted study: what ran, on stderr; returns {@link #INTERRUPTED}. */
    static int interrupted(PrintWriter err, String what, Path dir) {
        err.println("interrupted: " + what + "; results of what ran are in " + dir);
        err.flush();
        return INTERRUPTED;
    }
}
