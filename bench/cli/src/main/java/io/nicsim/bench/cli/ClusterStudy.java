package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.ClusterException;
import io.nicsim.bench.cluster.ClusterFolder;
import io.nicsim.bench.cluster.ClusterOptions;
import io.nicsim.bench.cluster.ClusterProgress;
import io.nicsim.bench.cluster.ClusterRecord;
import io.nicsim.bench.cluster.Coordinator;
import io.nicsim.bench.cluster.DispatchListener;
import io.nicsim.bench.cluster.Dispatcher;
import io.nicsim.bench.cluster.ItemResult;
import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.run.DiskBudget;
import io.nicsim.bench.run.DiskPreflight;
import io.nicsim.bench.run.FreeSpace;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.nic.traffic.TraceSource;
import io.nicsim.nic.traffic.UdpSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code --cluster} flag of sweep, compare and tune (with {@code --bind} and {@code --secret-file}): the study's
 * runs go to the workers of a cluster ({@link Coordinator}) instead of running here. Its checks come with the
 * command's own, before anything is written: flags a cluster cannot honour are refused in one line, a folder of
 * another study too, and the coordinator's disk must hold the files that come back.
 */
public final class ClusterStudy {

    /** How long joining the cluster may take before the command gives up. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    static final String FLAG = "--cluster";

    /** Joins a cluster as its coordinator; {@code Coordinator::join}, or a stand-in in tests. */
    @FunctionalInterface
    interface Join {
        Dispatcher join(ClusterOptions options, DispatchListener listener, Duration timeout) throws ClusterException;
    }

    /** How commands join; tests of this package put a dispatcher of their own here. */
    static Join join = Coordinator::join;

    @Option(names = FLAG, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "run the study's points on the workers of a cluster (nicsim worker --join ...), this"
                    + " process their coordinator: it joins at these members, hands the points out as workers ask,"
                    + " and writes the same folder a local run writes, with cluster.json (which worker ran each point,"
                    + " every try). A point of a worker that dies runs again elsewhere; the same command with the same"
                    + " --out resumes, running only the points missing there. --keep-journal is refused: journals"
                    + " stay on the workers")
    String members;

    @Mixin
    ClusterBind bind;

    private ClusterOptions options;

    /** @return whether the study runs on a cluster */
    boolean on() {
        return members != null;
    }

    /**
     * The flags' checks, before anything is written: {@code --bind} and {@code --secret-file} only with
     * {@code --cluster}; the members, bind address and secret ({@link ClusterOptions#parse}); what a cluster cannot
     * run: a kept journal (it stays on the worker: hundreds of MB a run, no use on the coordinator, so the study would
     * claim a journal it does not have) and live UDP traffic (it would read datagrams on whichever worker runs the
     * point). Warns, one line each, about files a scenario names: each worker reads them at the same path.
     *
     * @param keepJournal whether {@code --keep-journal} was given
     * @param runs        the study's runs
     * @throws BadInput one line naming the flag and what is wrong
     */
    void check(boolean keepJournal, List<Scenario> runs, PrintWriter err) throws BadInput {
        if (!on()) {
            if (bind.bind != null || bind.secretFile != null) {
                throw new BadInput((bind.bind != null ? "--bind" : "--secret-file") + ": only with " + FLAG
                        + " (they say how this node joins the cluster)");
            }
            return;
        }
        options = bind.options(FLAG, members);
        if (keepJournal || runs.stream().anyMatch(r -> RunConfig.KEEP_JOURNAL_ALWAYS.equals(r.run().keepJournal()))) {
            throw new BadInput((keepJournal ? "--keep-journal" : "run.keepJournal=always") + ": not with " + FLAG
                    + ": each run's journal stays on the worker that ran it (the coordinator receives summaries,"
                    + " histograms and packets.csv); run the point to inspect with nicsim run --keep-journal");
        }
        for (Scenario run : runs) {
            if (UdpSource.KIND.equals(run.traffic().kind())) {
                throw new BadInput("traffic.kind=" + UdpSource.KIND + ": not with " + FLAG + ": a live source reads"
                        + " datagrams on the machine that runs the point, which the sender cannot know; run it here");
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Scenario run : runs) {
            if (TraceSource.KIND.equals(run.traffic().kind())) {
                files.putIfAbsent(run.traffic().traceFile(), "traffic.traceFile");
            }
            if (run.run().virtual() && !run.run().hostModel().isEmpty()) {
                files.putIfAbsent(run.run().hostModel(), "run.hostModel");
            }
        }
        runs.stream().map(run -> run.host().handler()).filter(name -> !name.isEmpty()).distinct()
                .forEach(name -> err.println("warning: host.handler names " + name + ": each worker loads it from"
                        + " the jars of its own nicsim worker --handler-jar"));
        files.forEach((file, key) -> err.println("warning: " + key + " names " + file + ": every worker reads it at"
                + " that path"));
        err.flush();
    }

    /**
     * @param plan the study about to run in {@code dir}
     * @throws BadInput "--out DIR: holds another study (...)", if a coordinator may not run it there
     */
    static void checkFolder(Path dir, ClusterRecord plan) throws BadInput {
        String problem = ClusterFolder.problem(dir, plan);
        if (problem != null) {
            throw new BadInput("--out " + dir + ": " + problem);
        }
    }

    /**
     * The coordinator's disk: what comes back of every run (summary, histograms, packets.csv) must fit the output
     * folder's filesystem; the journals stay on the workers, which check their own disks.
     *
     * @param runs one scenario per consumer run
     * @throws BadInput "not enough disk space: ..."
     */
    static void checkDisk(List<Scenario> runs, Path dir, boolean exportPackets) throws BadInput {
        List<Scenario> played = DiskPreflight.played(runs);
        long bytes = DiskBudget.RESERVE_BYTES + played.stream()
                .mapToLong(run -> DiskBudget.filesBytes(run, exportPackets)).sum();
        long free;
        try {
            free = FreeSpace.SYSTEM.usableBytes(dir);
        } catch (IOException e) {
            return; // free space unknown: as a local study, it goes on
        }
        if (bytes > free) {
            throw new BadInput("not enough disk space: the files of " + played.size() + " run(s) that come back"
                    + " need about " + CutShort.bytes(bytes) + " on " + FreeSpace.existing(dir) + " (output), "
                    + CutShort.bytes(free) + " free" + (exportPackets ? "; drop --export-packets or free space"
                    : "; free space"));
        }
    }

    /** @return the progress the coordinator shows (and listens to the cluster with) */
    static ClusterProgress progress(Progress progress) {
        return new ClusterProgress(progress, System::nanoTime);
    }

    /**
     * Joins the cluster as its coordinator, after every check.
     *
     * @throws BadInput "--cluster MEMBERS: why", if it cannot be joined (nothing was written)
     */
    Dispatcher join(ClusterProgress listener) throws BadInput {
        return join(listener, listener);
    }

    /**
     * Joins as {@link #join(ClusterProgress)} does, the coordinator telling {@code events} what happens (the progress,
     * or a listener that tells it: {@link LiveClusterPoints}).
     */
    Dispatcher join(ClusterProgress listener, io.nicsim.bench.cluster.DispatchListener events) throws BadInput {
        Dispatcher dispatcher;
        try {
            dispatcher = join.join(options, events, JOIN_TIMEOUT);
        } catch (ClusterException e) {
            throw new BadInput(FLAG + " " + members + ": " + e.getMessage(), e);
        }
        // other members may be workers whose hello is on its way: only a coordinator alone says it waits
        boolean alone = !(dispatcher instanceof io.nicsim.bench.cluster.Coordinator coordinator)
                || coordinator.node().members() == 1;
        if (dispatcher.workers().isEmpty() && alone) {
            listener.line("no worker in the cluster yet: the runs wait until one joins (nicsim worker --join "
                    + members + ")");
        }
        return dispatcher;
    }

    /** @return this coordinator as cluster.json names it: {@code host (bound 127.0.0.1)} */
    String coordinator() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return host + " (bound " + options.bindHost() + (options.bindPort() == 0 ? "" : ":" + options.bindPort())
                + ")";
    }

    /** @return what the study prints after its table: which workers ran how many runs, the re-runs, the failures */
    static String workersLine(List<ItemResult> results, String what) {
        Map<String, Long> byWorker = results.stream().filter(r -> ItemResult.DONE.equals(r.status()))
                .collect(Collectors.groupingBy(ItemResult::worker, LinkedHashMap::new, Collectors.counting()));
        long resumed = results.stream().filter(r -> ItemResult.RESUMED.equals(r.status())).count();
        long reRun = results.stream().filter(r -> ItemResult.DONE.equals(r.status()) && r.attempts().size() > 1)
                .count();
        String ran = byWorker.isEmpty() ? "no " + what + " ran here"
                : byWorker.entrySet().stream().map(e -> e.getKey() + " ran " + e.getValue())
                .collect(Collectors.joining(", "));
        return "Cluster: " + ran + (resumed == 0 ? "" : "; " + resumed + " resumed from the folder")
                + (reRun == 0 ? "" : "; " + reRun + " ran again after a try that did not count") + "; every try in "
                + ClusterRecord.FILE_NAME;
    }

    /**
     * After a study whose items failed on every try: one line on {@code err}.
     *
     * @return {@link ExitCodes#FAILED}
     */
    static int failed(PrintWriter err, List<ItemResult> failed, String what, Path dir) {
        err.println("failed: " + failed.size() + " " + what + " failed on every try ("
                + failed.stream().map(r -> r.item().label()).collect(Collectors.joining("; "))
                + "); the others are in " + dir + ", each try in " + ClusterRecord.FILE_NAME);
        err.flush();
        return ExitCodes.FAILED;
    }
}
