package io.nicsim.bench.cli;

import io.nicsim.bench.results.CutShort;
import io.nicsim.bench.run.HostProcess;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.run.TwoProcessDir;
import io.nicsim.bench.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nicsim host SCENARIO --dir D}: the host side of a two-process run. */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"Run the host (interrupt path and one consumer, host.consumer) of a scenario in this process,"
                + " over the Chronicle queues in --dir that 'nicsim nic' writes from another process, and write the"
                + " usual summary.json. Either may start first. A host started again after one died resumes where it"
                + " stopped reading (the summary says it restarted and counts what the dead one read).",
                "Exit codes: 0 done, 2 bad input (more than one consumer, a finished run in the folder, another"
                        + " scenario, ...), 3 the NIC stalled (no heartbeat for run.stallTimeout: a partial summary"
                        + " with \"stalled\": true) or never started, 130 Ctrl-C (what it had, \"interrupted\": true;"
                        + " a host started again resumes), 4 cut short (the NIC's or this host's filesystem fell below"
                        + " its free-space floor: what ran, \"cutShort\", disk-full drops), 1 failure.",
                "Before it starts, the journal and results are estimated against the free space under --dir and"
                        + " --out (exit 2 if they cannot hold them); docs/disk.md."})
public final class HostCommand implements Callable<Integer> {

    @Mixin
    TwoProcessOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "where summary.json and report.html go (default: --dir)")
    Path out;

    @Mixin
    HandlerJars handlerJars;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario = options.load();
        handlerJars.resolve(scenario.host()); // the user's handler, checked before anything is written
        Path outDir = out != null ? out : options.dir;
        io.nicsim.bench.run.Leftovers.clean(null, err);
        StopSignal stop = new StopSignal();
        HostProcess.check(scenario, options.dir, outDir); // the folders and the scenario before the disk's room
        DiskCheck.host(scenario, options.dir, outDir, stop, err);
        try (TwoProcessDir.Lock ignored = HostProcess.claim(scenario, options.dir, outDir)) {
            HostProcess.Outcome outcome;
            try (Interruption ignoredToo = Interruption.install(stop, err)) {
                outcome = HostProcess.run(scenario, options.dir, outDir, SystemNanoClock.INSTANCE, stop,
                        options.log(stdout), StudyOptions.commandLine(spec), handlerJars.source());
            }
            if (outcome.summary() != null) {
                StudyOptions.printResults(stdout, outcome.summary(), outDir);
                stdout.println("accounting: " + outcome.accounting());
                if (outcome.status() == HostProcess.Status.FINISHED && outcome.summary().interrupted()
                        && outcome.summary().cutShort() == null) {
                    stdout.println("the NIC stopped its traffic early (Ctrl-C on the NIC): the summary says"
                            + " \"interrupted\": true");
                }
                stdout.flush();
            }
            CutShort cut = outcome.summary() != null ? outcome.summary().cutShort() : stop.cutShort();
            return switch (outcome.status()) {
                case FINISHED -> cut == null ? ExitCodes.OK : DiskCheck.cutShort(err, cut, "the NIC stopped its"
                        + " traffic for want of disk space; the packets it did not send are disk-full drops", outDir);
                case CUT_SHORT -> DiskCheck.cutShort(err, cut, outcome.message(), outDir);
                case STALLED -> NicCommand.line(err, "error: " + outcome.message(), ExitCodes.STALLED);
                case NO_NIC -> NicCommand.line(err, "error: " + outcome.message(), ExitCodes.STALLED);
                case INTERRUPTED_BEFORE_START -> cut != null ? DiskCheck.cutShort(err, cut, outcome.message(), outDir)
                        : NicCommand.line(err, outcome.message(), StudyOptions.INTERRUPTED);
                case INTERRUPTED -> NicCommand.line(err, outcome.message(), StudyOptions.INTERRUPTED);
            };
        }
    }
}
