package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.ChildJvmRunner;
import io.nicsim.bench.cluster.ClusterException;
import io.nicsim.bench.cluster.ClusterNode;
import io.nicsim.bench.cluster.ClusterOptions;
import io.nicsim.bench.cluster.Timing;
import io.nicsim.bench.cluster.Worker;
import io.nicsim.bench.results.WritableFolder;
import io.nicsim.bench.run.Interruption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code nicsim worker --join HOST:PORT[,...]}: joins a cluster and runs the points coordinators hand out, each in a
 * fresh JVM ({@code nicsim run}), until Ctrl-C.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a nicsim cluster and run the points of the sweeps, compares and tunes its coordinators"
                + " hand out (nicsim sweep|compare|tune --cluster), each in a fresh JVM as 'nicsim run' does, its"
                + " run folder streamed back to the coordinator; one line per event.",
                "The cluster is Hazelcast's TCP-IP join over the members named (no multicast, nothing called outside),"
                        + " bound to 127.0.0.1 unless --bind names another address. A worker started before any"
                        + " other member waits for one. Paced (hardware-in-the-loop) points run --slots at a time"
                        + " and nothing beside them: the machine must be quiet; virtual-time points run one per"
                        + " core. The code a point runs is the worker's own (--handler-jar): a coordinator never"
                        + " ships code. Messages are signed with the shared secret (--secret-file; required off"
                        + " loopback), not encrypted.",
                "Ctrl-C or SIGTERM stops it cleanly: its points in progress are abandoned (their coordinators run"
                        + " them elsewhere at once), their runs stopped, its work folder removed; a second Ctrl-C"
                        + " exits at once (its runs still stop by themselves).",
                "Exit codes: 0 stopped, 1 failed (the cluster node shut down), 2 bad input or refused (the"
                        + " cluster holds another secret, or a coordinator runs another nicsim version)."})
public final class WorkerCommand implements Callable<Integer> {

    /** The most paced slots: more points at once than that is no quiet machine. */
    static final int MAX_SLOTS = 64;
    /** How long joining the cluster may take. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "members of the cluster to join (a coordinator's --bind, or other workers')")
    String join;

    @Mixin
    ClusterBind bind;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
            description = "paced points run at once (default 1: a hardware-in-the-loop point needs a quiet"
                    + " machine); virtual-time points run one per core")
    int slots;

    @Option(names = "--work", paramLabel = "DIR",
            description = "where points run, each in a folder removed once its results were sent (default: the"
                    + " temporary folder); work folders of workers that died are removed at start")
    Path work;

    @Option(names = "--handler-jar", paramLabel = "PATH",
            description = "a jar holding the packet handler the points' scenarios name (host.handler), passed to"
                    + " every point's run; repeatable. Only this worker's jars run here: a coordinator never ships"
                    + " code")
    List<Path> handlerJars = new ArrayList<>();

    @Mixin
    ErrorOutput errors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ClusterOptions options = bind.options("--join", join);
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new BadInput("--slots " + slots + ": expected a number from 1 to " + MAX_SLOTS);
        }
        for (Path jar : handlerJars) {
            HandlerJars.url(jar);
        }
        Path root = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"));
        String problem = WritableFolder.problem(root);
        if (problem != null) {
            throw new BadInput("--work " + root + ": " + problem);
        }
        PrintWriter out = spec.commandLine().getOut();
        ClusterNode node = ClusterNode.start(options, JOIN_TIMEOUT);
        try {
            Worker worker = Worker.start(node, new ChildJvmRunner(absolute(handlerJars), Timing.DEFAULT.graceMillis()),
                    Worker.Settings.of(slots, root.toAbsolutePath().normalize()), line -> {
                        out.println(line);
                        out.flush();
                    });
            try (Interruption ignored = Interruption.handling(stopOnSignal(worker, out))) {
                worker.ended().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof ClusterException cluster ? cluster : e;
            }
            out.println("stopped");
            out.flush();
            return ExitCodes.OK;
        } finally {
            node.close();
        }
    }

    private static List<Path> absolute(List<Path> jars) {
        return jars.stream().map(jar -> jar.toAbsolutePath().normalize()).toList();
    }

    /** @return what Ctrl-C and SIGTERM do: the first stops the worker cleanly; a second exits at once */
    private static SignalHandler stopOnSignal(Worker worker, PrintWriter out) {
        boolean[] asked = {false};
        return signal -> {
            if (asked[0]) {
                Runtime.getRuntime().halt(Interruption.EXIT_CODE);
            }
            asked[0] = true;
            out.println("stopping (SIG" + signal.getName() + "): abandoning the points in progress; press Ctrl-C"
                    + " again to exit at once");
            out.flush();
            worker.shutdown("SIG" + signal.getName());
        };
    }
}
