package io.nicsim.bench.cli;

import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.NicProcess;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.run.TwoProcessDir;
import io.nicsim.bench.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code nicsim nic SCENARIO --dir D}: the NIC side of a two-process run. */
@Command(name = "nic", mixinStandardHelpOptions = true,
        description = {"Run the NIC (wire and firmware) of a scenario in this process, over the Chronicle queues in"
                + " --dir; 'nicsim host' runs the host side in another process on the same folder. Either may start"
                + " first: the NIC waits for a host to attach (run.attachTimeout), plays the traffic, heartbeats, and"
                + " keeps its firmware running after the traffic until the host is done (or run.drainTimeout).",
                "Exit codes: 0 ended, 2 bad input (the folder holds a NIC run already, another scenario, ...),"
                        + " 3 no host attached, 4 cut short (the filesystem under --dir fell below its free-space"
                        + " floor: traffic stopped, drained, ended; the host counts the packets not sent as"
                        + " disk-full), 130 Ctrl-C (traffic stopped, drained, ended), 1 failure.",
                "Before it starts, the journal's bytes are estimated against the free space under --dir (exit 2 if"
                        + " it cannot hold them); docs/disk.md."})
public final class NicCommand implements Callable<Integer> {

    @Mixin
    TwoProcessOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario = options.load();
        io.nicsim.bench.run.Leftovers.clean(null, err);
        StopSignal stop = new StopSignal();
        NicProcess.check(scenario, options.dir); // the folder and the scenario before the disk's room
        DiskCheck.inPlace(scenario, options.dir, stop, err);
        try (TwoProcessDir.Lock ignored = NicProcess.claim(scenario, options.dir)) {
            NicProcess.Outcome outcome;
            try (Interruption ignoredToo = Interruption.install(stop, err)) {
                outcome = NicProcess.run(scenario, options.dir, SystemNanoClock.INSTANCE, stop, options.log(out));
            }
            out.flush();
            return switch (outcome.status()) {
                case ENDED -> {
                    out.println("nic: ended: " + outcome.message());
                    out.flush();
                    yield ExitCodes.OK;
                }
                case INTERRUPTED -> stop.cutShort() != null
                        ? DiskCheck.cutShort(err, stop.cutShort(), "the NIC stopped its traffic: " + outcome.message(),
                        options.dir)
                        : StudyOptions.interrupted(err, "the NIC stopped its traffic early: " + outcome.message(),
                        options.dir);
                case NO_HOST -> line(err, "error: " + outcome.message(), ExitCodes.STALLED);
                case FAILED -> line(err, "error: " + outcome.message(), ExitCodes.FAILED);
            };
        }
    }

    static int line(PrintWriter err, String line, int code) {
        err.println(line);
        err.flush();
        return code;
    }
}
