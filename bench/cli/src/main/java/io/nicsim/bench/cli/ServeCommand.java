package io.nicsim.bench.cli;

import io.nicsim.bench.dashboard.AccessToken;
import io.nicsim.bench.dashboard.ChildJvmLauncher;
import io.nicsim.bench.dashboard.DashboardServer;
import io.nicsim.bench.dashboard.ProcessCheck;
import io.nicsim.bench.run.Interruption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code nicsim serve}: the dashboard ({@code bench/dashboard}) over a runs folder, until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the dashboard: a page listing the run folders under --runs (scenario, date, policy,"
                + " consumers, p50/p99), each run's report and charts, an overlay of two or more runs' percentile"
                + " curves (HdrHistogram's nines axis) and per-second p99, and studies started with --live as they"
                + " run (per-second latency, interrupts, drops, CPU, a sweep's or tune's points as they finish).",
                "From the page a scenario of ./scenarios is picked or edited, checked as you type as validate checks"
                        + " it, and run (nicsim run SCENARIO --live --out RUNS/<timestamp>-<name>); an edited text is"
                        + " saved as RUNS/.dashboard/<name>.yaml first. Starting, stopping and checking need the"
                        + " token in the printed URL (fresh at each start); reading does not.",
                "Binds 127.0.0.1 (this machine only) unless --bind says otherwise: --bind 0.0.0.0 lets anyone who"
                        + " can reach this machine's port read every run folder under --runs (starting runs still"
                        + " needs the token; the traffic is plain HTTP). Requests whose Host header is not localhost"
                        + " or an IP address are refused (DNS rebinding).",
                "Ctrl-C or SIGTERM stops it; runs it started stop by themselves (--exit-with-parent).",
                "Exit codes: 0 stopped, 2 bad input (a port in use, an address not this machine's, --runs not a"
                        + " folder)."})
public final class ServeCommand implements Callable<Integer> {

    /** The port when none is given. */
    static final int DEFAULT_PORT = 8642;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "the port (default ${DEFAULT-VALUE}; 0: a free one)")
    int port;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "the runs folder (default ${DEFAULT-VALUE}, where nicsim run writes; created if missing)")
    Path runs;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on: an IP address or localhost (default ${DEFAULT-VALUE}; 0.0.0.0:"
                    + " every interface, see above)")
    String bind;

    @Mixin
    ErrorOutput errors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Completed with the signal's name when the server should stop (tests complete it themselves). */
    final CompletableFuture<String> stop = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        checkInput();
        boolean created = !Files.exists(runs);
        Files.createDirectories(runs);
        PrintWriter out = spec.commandLine().getOut();
        DashboardServer server;
        try {
            server = DashboardServer.start(new DashboardServer.Settings(runs, Path.of("scenarios"), bind, port,
                    AccessToken.random(), new ChildJvmLauncher(), ProcessCheck.SYSTEM));
        } catch (IOException e) {
            if (created) {
                Files.deleteIfExists(runs);
            }
            boolean inUse = e instanceof java.net.BindException && String.valueOf(e.getMessage()).contains("in use");
            throw new BadInput("--bind " + bind + " --port " + port + ": cannot listen there: " + e.getMessage()
                    + (inUse ? " (another nicsim serve? --port 0 picks a free port)" : ""), e);
        }
        try (server; Interruption ignored = Interruption.handling(
                caught -> stop.complete("SIG" + caught.getName()))) {
            out.println("nicsim serve: " + runs + (created ? " (created)" : "") + " on " + server.url());
            if (!InetAddress.ofLiteral(literal(bind)).isLoopbackAddress()) {
                out.println("listening on " + bind + ": every run folder under " + runs + " is readable from"
                        + " other machines that reach port " + server.port() + "; starting runs needs the token");
            }
            out.println("Ctrl-C stops it");
            out.flush();
            String why = stop.get();
            out.println("stopped (" + why + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void checkInput() throws BadInput {
        if (port < 0 || port > 65_535) {
            throw new BadInput("--port " + port + ": expected a port from 0 to 65535 (0: a free one)");
        }
        if (!bind.equalsIgnoreCase("localhost")) {
            try {
                InetAddress.ofLiteral(literal(bind));
            } catch (IllegalArgumentException e) {
                throw new BadInput("--bind " + bind + ": expected an IP address (127.0.0.1, 0.0.0.0, ::1) or"
                        + " localhost");
            }
        }
        if (Files.exists(runs) && !Files.isDirectory(runs)) {
            throw new BadInput("--runs " + runs + ": expected a folder, found a file");
        }
    }

    private static String literal(String address) {
        return address.equalsIgnoreCase("localhost") ? "127.0.0.1" : address;
    }
}
