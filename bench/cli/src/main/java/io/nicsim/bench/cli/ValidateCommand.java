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
        description = {"Check scenario files without running them: one line per file, exit 2 if any is bad.",
                "A file whose host.handler names a class has that class checked only with --handler-jar: loaded from"
                        + " those jars, its type and constructor checked (the constructor runs once); without it the"
                        + " line says the class was not checked."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "scenario YAML files")
    List<Path> files = new ArrayList<>();

    @Mixin
    ScenarioOverrides overrides;

    @Mixin
    ErrorOutput errors;

    @Mixin
    HandlerJars handlerJars;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        if (handlerJars.given()) {
            try {
                handlerJars.loader(); // each jar checked once, whether or not a file names a handler
            } catch (BadInput e) {
                return errors.report(err, e);
            }
        }
        for (Path file : files) {
            try {
                Scenario scenario = ScenarioLoader.load(file, overrides.all());
                String handler = handler(scenario.host().handler());
                out.printf("ok: %s (%s, %s firmware, consumers %s)%s%n", file, scenario.name(),
                        scenario.firmware().policy(),
                        String.join(",", scenario.host().consumers()), handler);
            } catch (ScenarioException | BadInput e) {
                bad++;
                errors.report(err, e);
            }
        }
        out.flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    /** @return what the ok line says of {@code host.handler}: nothing when empty, checked or not checked */
    private String handler(String className) throws BadInput {
        if (className.isEmpty()) {
            return "";
        }
        if (!handlerJars.given()) {
            return "; host.handler " + className + " not checked: give " + HandlerJars.FLAG + " to load and check it";
        }
        handlerJars.load(className);
        return "; host.handler " + className + " checked";
    }
}
