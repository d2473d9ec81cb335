package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

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

    @Mixin
    RunOverrides overrides;

    @Option(names = "--quiet", description = "no progress lines (for scripts); results and errors are still printed")
    boolean quiet;

    @Mixin
    ErrorOutput errors;

    /** Loads the scenario with the --set overrides (errors name --set). */
    Scenario load() throws ScenarioException {
        return ScenarioLoader.load(scenarioFile, overrides.all());
    }

    /** @return where progress lines go: {@code out}, or nowhere with --quiet */
    PrintWriter log(PrintWriter out) {
        return quiet ? new PrintWriter(PrintWriter.nullWriter()) : out;
    }

}
