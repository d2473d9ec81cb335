package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options {@code nicsim nic} and {@code nicsim host} share: the scenario, its overrides and the shared folder. */
public final class TwoProcessOptions {

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "scenario YAML file; both processes must run the same one (traffic, firmware, duration,"
                    + " warm-up)")
    Path scenarioFile;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "the folder whose Chronicle queues the NIC and the host share; either may start first."
                    + " For figures free of file-system stalls put it on tmpfs, e.g. /dev/shm/nicsim-run")
    Path dir;

    @Option(names = "--duration", paramLabel = "TIME", description = "short for --set run.duration=TIME, e.g. 5s")
    String duration;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key; repeatable")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--quiet", description = "no progress lines (for scripts); results and errors are still printed")
    boolean quiet;

    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean verbose;

    /** Loads the scenario with the --set overrides (errors name --set). */
    Scenario load() throws ScenarioException {
        List<String> all = new ArrayList<>(overrides);
        if (duration != null) {
            all.add("run.duration=" + duration);
        }
        return ScenarioLoader.load(scenarioFile, all);
    }

    /** @return where progress lines go: {@code out}, or nowhere with --quiet */
    PrintWriter log(PrintWriter out) {
        return quiet ? new PrintWriter(PrintWriter.nullWriter()) : out;
    }

    /** One line {@code error: ...} on stderr (a stack trace with --verbose); returns {@code code}. */
    int error(PrintWriter err, Exception e, int code) {
        err.println("error: " + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
