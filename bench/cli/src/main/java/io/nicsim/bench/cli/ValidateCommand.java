package io.nicsim.bench.cli;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim validate SCENARIO...}: checks scenario files (and overrides) without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files without running them: one line per file, exit 2 if any is bad.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "scenario YAML files")
    List<Path> files = new ArrayList<>();

    @Mixin
    ScenarioOverrides overrides;

    @Mixin
    ErrorOutput errors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path file : files) {
            try {
                Scenario scenario = ScenarioLoader.load(file, overrides.all());
                out.printf("ok: %s (%s, %s firmware, consumers %s)%n", file, scenario.name(),
                        scenario.firmware().policy(),
                        String.join(",", scenario.host().consumers()));
            } catch (ScenarioException e) {
                bad++;
                errors.report(err, e);
            }
        }
        out.flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
